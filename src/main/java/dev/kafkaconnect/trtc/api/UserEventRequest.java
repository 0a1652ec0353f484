package dev.kafkaconnect.trtc.api;

import java.util.Objects;

/**
 * One {@code DescribeUserEvent} query: the event timeline of one user in one call. Times are unix seconds; the
 * service takes an end after the room's end as the room's end. {@code roomId} is the room number as a string.
 */
public record UserEventRequest(
        long sdkAppId,
        String commId,
        String roomId,
        String userId,
        long startTime,
        long endTime) {

    public static final String ACTION = "DescribeUserEvent";

    public UserEventRequest {
        Objects.requireNonNull(commId, "commId");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
    }
}
