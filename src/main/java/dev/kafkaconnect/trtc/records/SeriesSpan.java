package dev.kafkaconnect.trtc.records;

import dev.kafkaconnect.trtc.api.QualitySeries;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A series' points inside a window {@code [start, end)}, in time order. Points the API sent in order (the normal
 * case) are used in place; otherwise an index order is built, stable so that points of equal time keep the order
 * they were sent in. Whether the API's bounds are inclusive is undocumented: the half-open window is what makes
 * a point on the boundary of two windows count once.
 */
public final class SeriesSpan {
    private final QualitySeries series;
    /** Null: the series is in time order as sent. */
    private final int[] order;
    private final int lo;
    private final int hi;

    private SeriesSpan(QualitySeries series, int[] order, int lo, int hi) {
        this.series = series;
        this.order = order;
        this.lo = lo;
        this.hi = hi;
    }

    /** The points of {@code series} with {@code start <= time < end} (unix seconds). */
    public static SeriesSpan of(QualitySeries series, long start, long end) {
        int n = series.size();
        int[] order = null;
        for (int i = 1; i < n; i++) {
            if (series.time(i) < series.time(i - 1)) {
                order = timeOrder(series);
                break;
            }
        }
        int lo = 0;
        while (lo < n && series.time(order == null ? lo : order[lo]) < start) {
            lo++;
        }
        int hi = lo;
        while (hi < n && series.time(order == null ? hi : order[hi]) < end) {
            hi++;
        }
        return new SeriesSpan(series, order, lo, hi);
    }

    private static int[] timeOrder(QualitySeries s) {
        Integer[] boxed = new Integer[s.size()];
        for (int j = 0; j < boxed.length; j++) {
            boxed[j] = j;
        }
        Arrays.sort(boxed, Comparator.comparingLong(s::time)); // stable: equal times keep their order
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    public QualitySeries series() {
        return series;
    }

    /** Points inside the window. */
    public int size() {
        return hi - lo;
    }

    /** Unix seconds of the {@code i}-th point inside the window, in time order. */
    public long time(int i) {
        return series.time(index(i));
    }

    public double value(int i) {
        return series.value(index(i));
    }

    private int index(int i) {
        return order == null ? lo + i : order[lo + i];
    }
}
