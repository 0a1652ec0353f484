package dev.kafkaconnect.trtc.api;

/**
 * One {@code RoomList} entry. {@code commId} is taken from the answer, never built. {@code destroyTime} is 0 for
 * a room still open.
 */
public record RoomInfo(
        String commId,
        String roomString,
        long createTime,
        long destroyTime,
        boolean finished,
        String creatorUserId) {
}
