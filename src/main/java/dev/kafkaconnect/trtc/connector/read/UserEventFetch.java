package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UserEventResponse;

/**
 * One user's events over one range ({@code DescribeUserEvent}), and its answer until it is emitted. Its slot is of
 * the stream's own in-flight bound, so the stream never takes the samples' slots.
 */
final class UserEventFetch extends PendingRequest<UserEventResponse> {
    private final String userId;
    private final Window range;
    /** The range's events are left out (unreadable, refused): it is passed over when its turn comes. */
    private boolean skipped;

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

    void skip() {
        cancel();
        skipped = true;
    }

    boolean skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "user events of " + userId + " " + range;
    }
}
