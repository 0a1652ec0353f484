package dev.kafkaconnect.trtc.api;

/** One room-list query ({@code DescribeRoomInformation}/{@code DescribeRoomInfo}); times are unix seconds. */
public record RoomListRequest(long sdkAppId, long startTime, long endTime, Integer pageNumber, Integer pageSize) {
}
