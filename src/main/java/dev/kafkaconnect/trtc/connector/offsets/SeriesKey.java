package dev.kafkaconnect.trtc.connector.offsets;

import java.util.Comparator;

/**
 * Which series of a page a sample belongs to: the user, the peer it came from ({@code null} for the user's
 * uplink) and the metric ({@code DataType}; {@code null} for a snapshot, which has every metric of the direction). Ordered by user, then peer with the uplink first, then metric: the
 * order in which a page's samples are emitted, and the order a restart compares against (see {@link SampleId}).
 */
public record SeriesKey(String userId, String peerId, String metric) implements Comparable<SeriesKey> {
    /** Absent strings sort first, so an uplink ({@code peerId} null) comes before every peer. */
    static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

    @Override
    public int compareTo(SeriesKey o) {
        int c = compareDirection(o);
        return c != 0 ? c : TEXT.compare(metric, o.metric);
    }

    /** The order of the user and direction alone: what the wide shape's snapshots are ordered by. */
    public int compareDirection(SeriesKey o) {
        int c = TEXT.compare(userId, o.userId);
        return c != 0 ? c : TEXT.compare(peerId, o.peerId);
    }
}
