package dev.kafkaconnect.trtc.records;

import dev.kafkaconnect.trtc.api.QualitySeries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The snapshot rows of one user and direction (uplink, or downlink from one peer) in one window: a k-way merge, by
 * time, of that direction's series. Each row takes at most one point from each series, the earliest time first;
 * a metric that has two points at one time (sent twice, or in two series) puts the second into a further row of
 * the same time, so every point in the window lands in exactly one row and none is dropped.
 *
 * <p>The rows depend only on the answer (series are ordered by DataType, points by time, stable), so re-reading a
 * settled window gives the same rows in the same order and a resume can {@link #skip(int)} the ones delivered.
 * With at most 17 series per direction a linear scan finds the next time faster than a heap. Not thread-safe.
 */
public final class SnapshotRows {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    /** The page order of series: user, direction with the uplink first, metric. Stable for equal keys. */
    public static final Comparator<QualitySeries> SERIES_ORDER = Comparator
            .comparing(QualitySeries::userId, NULLS_FIRST)
            .thenComparing(QualitySeries::peerId, NULLS_FIRST)
            .thenComparing(QualitySeries::dataType, NULLS_FIRST);

    private final String userId;
    private final String peerId;
    private final SeriesSpan[] spans;
    private final int[] slots;
    private final int[] positions;
    private final int points;
    private int taken;
    private int size = -1;
    private int emitted;
    /** Scratch row for counting and skipping. */
    private SnapshotValues scratch;

    private SnapshotRows(String userId, String peerId, List<SeriesSpan> spans) {
        this.userId = userId;
        this.peerId = peerId;
        this.spans = spans.toArray(new SeriesSpan[0]);
        this.slots = new int[this.spans.length];
        this.positions = new int[this.spans.length];
        int n = 0;
        for (int k = 0; k < this.spans.length; k++) {
            slots[k] = SnapshotValues.slot(this.spans[k].series().dataType());
            n += this.spans[k].size();
        }
        this.points = n;
    }

    /**
     * The rows of every (user, direction) of a page, in page order (user, uplink first, then peers); directions
     * with no point inside {@code [start, end)} are left out.
     */
    public static List<SnapshotRows> of(Collection<QualitySeries> series, long start, long end) {
        List<QualitySeries> sorted = new ArrayList<>(series);
        sorted.sort(SERIES_ORDER);
        List<SnapshotRows> out = new ArrayList<>();
        List<SeriesSpan> group = new ArrayList<>();
        QualitySeries first = null;
        for (QualitySeries s : sorted) {
            if (first != null && !(Objects.equals(first.userId(), s.userId())
                    && Objects.equals(first.peerId(), s.peerId()))) {
                add(out, first, group);
                group = new ArrayList<>();
            }
            if (group.isEmpty()) {
                first = s;
            }
            SeriesSpan span = SeriesSpan.of(s, start, end);
            if (span.size() > 0) {
                group.add(span);
            }
        }
        if (first != null) {
            add(out, first, group);
        }
        return out;
    }

    private static void add(List<SnapshotRows> out, QualitySeries first, List<SeriesSpan> group) {
        if (!group.isEmpty()) {
            out.add(new SnapshotRows(first.userId(), first.peerId(), group));
        }
    }

    public String userId() {
        return userId;
    }

    /** The sending peer of a downlink direction; null for the uplink. */
    public String peerId() {
        return peerId;
    }

    /** Points inside the window, over every series of this direction. */
    public int points() {
        return points;
    }

    /** How many rows this direction has in the window (the merge is run once, without building anything). */
    public int size() {
        if (size < 0) {
            int[] pos = new int[spans.length];
            int left = points;
            int rows = 0;
            SnapshotValues row = scratch();
            while (left > 0) {
                left -= merge(pos, row, nextTime(pos));
                rows++;
            }
            size = rows;
        }
        return size;
    }

    public boolean hasNext() {
        return taken < points;
    }

    /** Rows returned or skipped so far. */
    public int position() {
        return emitted;
    }

    /**
     * Fills {@code into} (cleared first) with the next row's values and returns its time (unix seconds).
     *
     * @throws java.util.NoSuchElementException when there is no further row
     */
    public long next(SnapshotValues into) {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("no further snapshot row for user " + userId);
        }
        long time = nextTime(positions);
        taken += merge(positions, into, time);
        emitted++;
        return time;
    }

    /**
     * Skips the rows at or before {@code time} (unix seconds): a restart that delivered this direction up to that
     * time resumes after it. Returns how many rows were skipped.
     */
    public int skipThrough(long time) {
        SnapshotValues row = scratch();
        int skipped = 0;
        while (hasNext() && nextTime(positions) <= time) {
            next(row);
            skipped++;
        }
        return skipped;
    }

    /** Rows not yet returned or skipped. */
    public int remaining() {
        return size() - emitted;
    }

    /** Skips up to {@code k} rows (delivered before a restart); returns how many could not be skipped. */
    public int skip(int k) {
        SnapshotValues row = scratch();
        for (int i = 0; i < k; i++) {
            if (!hasNext()) {
                return k - i;
            }
            next(row);
        }
        return 0;
    }

    /** Takes the points at {@code time}, the next row's, from {@code pos} into {@code row}; returns how many. */
    private int merge(int[] pos, SnapshotValues row, long time) {
        row.clear();
        int took = 0;
        for (int k = 0; k < spans.length; k++) {
            SeriesSpan span = spans[k];
            int p = pos[k];
            if (p < span.size() && span.time(p) == time) {
                boolean set = slots[k] == SnapshotValues.OTHER
                        ? row.putOther(span.series().dataType(), span.value(p))
                        : row.put(slots[k], span.value(p));
                if (set) {
                    pos[k] = p + 1;
                    took++;
                }
            }
        }
        return took;
    }

    private long nextTime(int[] pos) {
        long time = Long.MAX_VALUE;
        for (int k = 0; k < spans.length; k++) {
            if (pos[k] < spans[k].size()) {
                time = Math.min(time, spans[k].time(pos[k]));
            }
        }
        return time;
    }

    private SnapshotValues scratch() {
        if (scratch == null) {
            scratch = new SnapshotValues();
        }
        return scratch;
    }
}
