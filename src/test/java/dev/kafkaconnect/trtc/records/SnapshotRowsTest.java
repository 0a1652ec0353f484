package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.QualitySeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SnapshotRowsTest {
    /** Points as (time, value) pairs. */
    static QualitySeries series(String user, String peer, String metric, double... timeValue) {
        int n = timeValue.length / 2;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = (long) timeValue[2 * i];
            values[i] = timeValue[2 * i + 1];
        }
        return new QualitySeries(user, peer, metric, times, values, n);
    }

    /** Each row as "time {metric=value, ...}" (known metrics in slot order, then others). */
    static List<String> rows(SnapshotRows rows) {
        List<String> out = new ArrayList<>();
        SnapshotValues row = new SnapshotValues();
        while (rows.hasNext()) {
            long t = rows.next(row);
            out.add(t + " " + describe(row));
        }
        return out;
    }

    static String describe(SnapshotValues row) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        for (int slot = 0; slot < SnapshotValues.KNOWN.size(); slot++) {
            if (row.has(slot)) {
                m.put(SnapshotValues.KNOWN.get(slot), row.get(slot));
            }
        }
        for (int i = 0; i < row.otherCount(); i++) {
            m.put(row.otherName(i), row.otherValue(i));
        }
        return m.toString();
    }

    @Test
    void seriesOfOneDirectionMergeByTimeWithinTheHalfOpenWindow() {
        List<SnapshotRows> groups = SnapshotRows.of(List.of(
                series("u1", "", "aBit", 998, 1, 1000, 54000, 1002, 55000, 1004, 56000, 1010, 9),
                series("u1", null, "appCpu", 1002, 12.5, 1000, 11.5),  // out of order: sorted by time
                series("u1", "", "rtt", 1004, 80)), 1000, 1010);

        assertThat(groups).hasSize(1);
        SnapshotRows uplink = groups.get(0);
        assertThat(uplink.userId()).isEqualTo("u1");
        assertThat(uplink.peerId()).as("empty and null PeerId are both the uplink").isNull();
        assertThat(uplink.points()).isEqualTo(6);
        assertThat(uplink.size()).isEqualTo(3);
        assertThat(rows(uplink)).containsExactly(
                "1000 {appCpu=11.5, aBit=54000.0}",
                "1002 {appCpu=12.5, aBit=55000.0}",
                "1004 {aBit=56000.0, rtt=80.0}");
    }

    @Test
    void groupsComeInPageOrderUserThenUplinkThenPeersAndEmptyDirectionsAreLeftOut() {
        List<SnapshotRows> groups = SnapshotRows.of(List.of(
                series("u2", "u1", "aBit", 1000, 1),
                series("u1", "u2", "aLoss", 1000, 2),
                series("u1", "u2", "aBit", 1000, 3),
                series("u1", "", "aBit", 1000, 4),
                series("u1", "u3", "aBit", 5000, 5)), 1000, 1010);

        assertThat(groups).extracting(g -> g.userId() + "<-" + g.peerId())
                .containsExactly("u1<-null", "u1<-u2", "u2<-u1");
        assertThat(rows(groups.get(1))).containsExactly("1000 {aBit=3.0, aLoss=2.0}");
    }

    @Test
    void unknownMetricsPassThroughByName() {
        SnapshotRows rows = SnapshotRows.of(List.of(
                series("u1", "", "vMos", 1000, 4.25, 1002, 4.5),
                series("u1", "", "aJitter", 1000, 12),
                series("u1", "", "aBit", 1002, 7)), 1000, 1010).get(0);

        assertThat(rows(rows)).containsExactly(
                "1000 {aJitter=12.0, vMos=4.25}",
                "1002 {aBit=7.0, vMos=4.5}");
    }

    @Test
    void aSecondPointOfAMetricAtOneTimeGoesIntoAFurtherRowSoNoPointIsLost() {
        SnapshotRows rows = SnapshotRows.of(List.of(
                series("u1", "", "aBit", 1000, 1, 1000, 2, 1002, 3),
                series("u1", "", "aBit", 1000, 4),   // the same metric sent in a second series
                series("u1", "", "aLoss", 1000, 5)), 1000, 1010).get(0);

        assertThat(rows.size()).isEqualTo(4);
        assertThat(rows(rows)).containsExactly(
                "1000 {aBit=1.0, aLoss=5.0}",
                "1000 {aBit=2.0}",
                "1000 {aBit=4.0}",
                "1002 {aBit=3.0}");
    }

    @Test
    void everyPointInTheWindowLandsInExactlyOneRow() {
        // A dense direction: 17 known metrics and one unknown, with gaps and shared times.
        List<QualitySeries> series = new ArrayList<>();
        TreeMap<Long, Integer> pointsPerTime = new TreeMap<>();
        int expectedPoints = 0;
        List<String> metrics = new ArrayList<>(SnapshotValues.KNOWN);
        metrics.add("future");
        for (int m = 0; m < metrics.size(); m++) {
            List<Double> tv = new ArrayList<>();
            for (long t = 990 + m % 3; t < 1100; t += 2 + m % 4) {
                tv.add((double) t);
                tv.add(t * 100.0 + m);
                if (t >= 1000 && t < 1090) {
                    expectedPoints++;
                    pointsPerTime.merge(t, 1, Integer::sum);
                }
            }
            series.add(series("u", "", metrics.get(m), tv.stream().mapToDouble(Double::doubleValue).toArray()));
        }

        SnapshotRows rows = SnapshotRows.of(series, 1000, 1090).get(0);
        assertThat(rows.points()).isEqualTo(expectedPoints);
        assertThat(rows.size()).isEqualTo(pointsPerTime.size());
        SnapshotValues row = new SnapshotValues();
        int seen = 0;
        long last = Long.MIN_VALUE;
        while (rows.hasNext()) {
            long t = rows.next(row);
            assertThat(t).isGreaterThan(last).isBetween(1000L, 1089L);
            last = t;
            int n = Integer.bitCount(row.presentMask()) + row.otherCount();
            assertThat(n).as("points at %d", t).isEqualTo(pointsPerTime.get(t));
            for (int slot = 0; slot < SnapshotValues.KNOWN.size(); slot++) {
                if (row.has(slot)) {
                    assertThat(row.get(slot)).isEqualTo(t * 100.0 + slot);
                }
            }
            seen += n;
        }
        assertThat(seen).isEqualTo(expectedPoints);
        assertThat(rows.position()).isEqualTo(rows.size());
    }

    @Test
    void skippingResumesAtTheSameRowAFreshReadGives() {
        List<QualitySeries> series = List.of(
                series("u1", "", "aBit", 1000, 1, 1002, 2, 1002, 3, 1004, 4),
                series("u1", "", "aLoss", 1002, 5, 1006, 6));
        List<String> all = rows(SnapshotRows.of(series, 1000, 1010).get(0));
        assertThat(all).hasSize(5);
        for (int k = 0; k <= all.size(); k++) {
            SnapshotRows resumed = SnapshotRows.of(series, 1000, 1010).get(0);
            assertThat(resumed.skip(k)).isZero();
            assertThat(resumed.position()).isEqualTo(k);
            assertThat(rows(resumed)).as("after skipping %d", k).isEqualTo(all.subList(k, all.size()));
        }
        SnapshotRows shrunk = SnapshotRows.of(series, 1000, 1010).get(0);
        assertThat(shrunk.skip(7)).as("rows that could not be skipped").isEqualTo(2);
        assertThatThrownBy(() -> shrunk.next(new SnapshotValues())).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void theRowsDependOnlyOnTheAnswerNotOnTheOrderOfItsSeries() {
        List<QualitySeries> series = new ArrayList<>(List.of(
                series("u1", "", "aBit", 1000, 1, 1002, 2),
                series("u1", "", "aLoss", 1000, 3),
                series("u1", "", "zz", 1002, 4),
                series("u1", "", "aa", 1002, 5)));
        List<String> forward = rows(SnapshotRows.of(series, 1000, 1010).get(0));
        java.util.Collections.reverse(series);
        assertThat(rows(SnapshotRows.of(series, 1000, 1010).get(0))).isEqualTo(forward)
                .containsExactly("1000 {aBit=1.0, aLoss=3.0}", "1002 {aBit=2.0, aa=5.0, zz=4.0}");
    }

    @Test
    void valuesStayExact() {
        SnapshotRows rows = SnapshotRows.of(List.of(series("u1", "", "aLoss", 1000, 108.09)), 1000, 1010).get(0);
        SnapshotValues row = new SnapshotValues();
        rows.next(row);
        assertThat(row.get(SnapshotValues.slot("aLoss"))).isEqualTo(108.09);
    }
}
