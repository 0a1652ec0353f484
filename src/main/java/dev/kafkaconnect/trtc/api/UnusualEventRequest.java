package dev.kafkaconnect.trtc.api;

import java.util.Objects;

/**
 * One {@code DescribeUnusualEvent} query: the abnormal experiences diagnosed in a room over a window of at most
 * {@link #MAX_WINDOW_SECONDS}. Times are unix seconds; {@code roomId} is the room number as a string.
 */
public record UnusualEventRequest(long sdkAppId, String roomId, long startTime, long endTime) {

    public static final String ACTION = "DescribeUnusualEvent";
    /** Longest window the service serves, as documented. */
    public static final long MAX_WINDOW_SECONDS = 3600;

    public UnusualEventRequest {
        Objects.requireNonNull(roomId, "roomId");
    }
}
