package dev.kafkaconnect.trtc.connector.offsets;

import java.util.Objects;

/**
 * A user event's identity within one user's timeline: its time (unix ms), the peer it is about (null: the user's
 * own), the event id, the stream type and both parameters. Ordered by time, then peer (own events first), event,
 * type and parameters: the order a user's events are emitted in, and the order a restart compares against. The
 * service gives no id of its own; two events equal in all of these are one.
 */
public record UserEventId(long timeMillis, String peerId, int eventId, int type, int paramOne, int paramTwo)
        implements Comparable<UserEventId> {
    public UserEventId {
        peerId = peerId == null || peerId.isEmpty() ? null : peerId;
    }

    @Override
    public int compareTo(UserEventId o) {
        int c = Long.compare(timeMillis, o.timeMillis);
        if (c == 0 && !Objects.equals(peerId, o.peerId)) {
            c = peerId == null ? -1 : o.peerId == null ? 1 : SeriesKey.TEXT.compare(peerId, o.peerId);
        }
        if (c == 0) {
            c = Integer.compare(eventId, o.eventId);
        }
        if (c == 0) {
            c = Integer.compare(type, o.type);
        }
        if (c == 0) {
            c = Integer.compare(paramOne, o.paramOne);
        }
        return c != 0 ? c : Integer.compare(paramTwo, o.paramTwo);
    }
}
