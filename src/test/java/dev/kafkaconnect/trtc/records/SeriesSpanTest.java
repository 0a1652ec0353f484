package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.QualitySeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSpanTest {
    static List<String> points(SeriesSpan span) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < span.size(); i++) {
            out.add(span.time(i) + "=" + span.value(i));
        }
        return out;
    }

    @Test
    void keepsPointsWithStartAtMostTimeBelowEnd() {
        QualitySeries s = new QualitySeries("u", null, "aBit", new long[] {998, 1000, 1004, 1010, 1012},
                new double[] {1, 2, 3, 4, 5}, 5);
        assertThat(points(SeriesSpan.of(s, 1000, 1010))).containsExactly("1000=2.0", "1004=3.0");
        assertThat(SeriesSpan.of(s, 2000, 3000).size()).isZero();
        assertThat(SeriesSpan.of(s, 0, 100).size()).isZero();
    }

    @Test
    void sortsAnOutOfOrderSeriesByTimeKeepingEqualTimesInTheOrderSent() {
        QualitySeries s = new QualitySeries("u", null, "aBit", new long[] {1004, 1000, 1002, 1000, 1020, 999},
                new double[] {1, 2, 3, 4, 5, 6}, 6);
        assertThat(points(SeriesSpan.of(s, 1000, 1010)))
                .containsExactly("1000=2.0", "1000=4.0", "1002=3.0", "1004=1.0");
    }

    @Test
    void onlyTheFirstSizeEntriesArePoints() {
        QualitySeries s = new QualitySeries("u", null, "aBit", new long[] {1000, 1002, 0}, new double[] {1, 2, 9}, 2);
        assertThat(points(SeriesSpan.of(s, 0, 2000))).containsExactly("1000=1.0", "1002=2.0");
    }
}
