package dev.kafkaconnect.trtc.connector.offsets;

import dev.kafkaconnect.trtc.records.ParticipantEvent;
import java.util.Comparator;

/**
 * A participant event's identity inside a page: the user, the event's time (the join time for JOINED, the leave
 * time for LEFT, unix seconds) and the event. Ordered as a timeline: by time, then user, then JOINED before LEFT:
 * the order in which a page's events are emitted, and the order a restart compares against. The time is part of
 * the identity because a user who rejoined is listed with the new stay: its JOINED, later than what was delivered,
 * is a new event and still emitted after a restart.
 */
public record EventId(String userId, long time, ParticipantEvent event) implements Comparable<EventId> {
    /**
     * The order of offset format version 1, which counted records: by user, JOINED before LEFT. Only to skip by
     * such a count.
     */
    public static final Comparator<EventId> BY_COUNT_ORDER = Comparator.comparing(EventId::userId, SeriesKey.TEXT)
            .thenComparing(EventId::event);

    @Override
    public int compareTo(EventId o) {
        int c = Long.compare(time, o.time);
        if (c == 0) {
            c = SeriesKey.TEXT.compare(userId, o.userId);
        }
        return c != 0 ? c : event.compareTo(o.event);
    }
}
