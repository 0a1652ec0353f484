package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UserEventResponse;

/**
 * One user's events over one range ({@code DescribeUserEvent}), and its answer until it is emitted. Its slot is of
 * the stream's own in-flight bound, so the stream never takes the samples' slots.
 */
final class UserEventFetch extends PendingRequest<UserEventResponse> {
    private final String userId;
    private final Window range;

    UserEventFetch(String userId, Window range) {
        this.userId = userId;
        this.range = range;
    }

    String userId() {
        return userId;
    }

    Window range() {
        return range;
    }

    @Override
    public String toString() {
        return "user events of " + userId + " " + range;
    }
}
