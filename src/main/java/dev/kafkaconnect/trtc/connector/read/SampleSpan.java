package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.offsets.SeriesKey;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * A series' points inside a window (and after the resumed sample), for the narrow record shape: positions lo..hi-1
 * of the time order ({@code order} null: as sent), each time once (of points sent with the same time, the first),
 * with the key and room its records share. The wide shape's rows use {@code records.SeriesSpan}, which keeps points
 * of equal time for the merge to decide.
 */
record SampleSpan(QualitySeries series, SeriesKey id, int[] order, int lo, int hi, Struct key, String room) {
    int index(int i) {
        return order == null ? i : order[i];
    }

    long time(int i) {
        return series.time(index(i));
    }

    /** One series of the points of series {@code from..to-1} (in {@code byKey}) that share a key. */
    static QualitySeries concat(List<QualitySeries> series, Integer[] byKey, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += series.get(byKey[i]).size();
        }
        long[] times = new long[n];
        double[] values = new double[n];
        int at = 0;
        // In the order sent, so that "the first sent" wins a repeated time (the sort below is stable).
        Integer[] sent = Arrays.copyOfRange(byKey, from, to);
        Arrays.sort(sent);
        QualitySeries first = series.get(sent[0]);
        for (Integer k : sent) {
            QualitySeries s = series.get(k);
            for (int i = 0; i < s.size(); i++) {
                times[at] = s.time(i);
                values[at++] = s.value(i);
            }
        }
        return new QualitySeries(first.userId(), first.peerId(), first.dataType(), times, values, n);
    }

    /**
     * The span of {@code s}'s points inside the window and after {@code after}, in time order; of points sent
     * with the same time, the first.
     */
    static SampleSpan of(QualitySeries s, SeriesKey id, Window w, long after, Struct key, String room) {
        int n = s.size();
        int[] order = null;
        for (int i = 1; i < n; i++) {
            if (s.time(i) <= s.time(i - 1)) {
                order = timeOrder(s);
                n = order.length;
                break;
            }
        }
        long from = Math.max(w.start(), after == Long.MIN_VALUE ? Long.MIN_VALUE : after + 1);
        int lo = firstAtOrAfter(s, order, n, from);
        int hi = firstAtOrAfter(s, order, n, w.end());
        return new SampleSpan(s, id, order, lo, Math.max(lo, hi), key, room);
    }

    /** Indexes of the points by time (stable), each time once. */
    private static int[] timeOrder(QualitySeries s) {
        int n = s.size();
        Integer[] boxed = new Integer[n];
        for (int j = 0; j < n; j++) {
            boxed[j] = j;
        }
        Arrays.sort(boxed, Comparator.comparingLong(s::time));
        int[] order = new int[n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (m == 0 || s.time(boxed[j]) != s.time(order[m - 1])) {
                order[m++] = boxed[j];
            }
        }
        return m == n ? order : Arrays.copyOf(order, m);
    }

    /** The first position (of the time order) whose time is at least {@code time}: a binary search. */
    private static int firstAtOrAfter(QualitySeries s, int[] order, int n, long time) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.time(order == null ? mid : order[mid]) < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
