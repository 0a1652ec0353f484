package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ground truth lists exactly what the server serves, under the same visibility rules. */
class GroundTruthTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK).generatedCalls(5, 2).dataDelay(Duration.ofSeconds(10)).build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void servedPointsEqualTheTruthForEveryCallFinishedOrLive() {
        for (SimulatedCall call : sim.calls()) {
            long from = call.createTime();
            long to = call.activeUntil(NOW) + 1;
            List<GroundTruth.Point> truth = sim.groundTruth().points(call.commId(), from, to,
                    ApiGeneration.SUCCESSOR);
            List<GroundTruth.Point> served = ServedData.fetch(sim, ApiGeneration.SUCCESSOR, call.commId(), from, to);
            // Sorted and compared with equals: AssertJ's any-order comparison is quadratic on 100k points.
            assertThat(sorted(served).equals(sorted(truth))).as("served == truth for call %s (%s vs %s points)",
                    call.commId(), served.size(), truth.size()).isTrue();
            assertThat(truth).isNotEmpty();
            assertThat(sim.groundTruth().count(call.commId(), from, to, ApiGeneration.SUCCESSOR))
                    .isEqualTo(truth.size());
        }
    }

    static List<GroundTruth.Point> sorted(List<GroundTruth.Point> points) {
        return points.stream().sorted(ORDER).toList();
    }

    static final Comparator<GroundTruth.Point> ORDER = Comparator.comparing(GroundTruth.Point::userId)
            .thenComparing(GroundTruth.Point::metric)
            .thenComparing(p -> p.peerId() == null ? "" : p.peerId())
            .thenComparingLong(GroundTruth.Point::timeSec);

    @Test
    void seedTruthHoldsSeedMetricsOnly() {
        SimulatedCall call = sim.calls().get(0);
        List<GroundTruth.Point> pts = sim.groundTruth().points(call.commId(), call.createTime(), NOW);
        assertThat(pts).isNotEmpty().allSatisfy(p -> assertThat(Metrics.SEED).contains(p.metric()));
        assertThat(pts).anySatisfy(p -> assertThat(p.peerId()).isNotNull());
        assertThat(pts).anySatisfy(p -> assertThat(p.peerId()).isNull());
    }

    @Test
    void rangesAreHalfOpenSoAdjacentRangesShareNoPoint() {
        SimulatedCall call = sim.calls().get(0);
        long mid = call.createTime() + 600;
        long left = sim.groundTruth().count(call.commId(), call.createTime(), mid);
        long right = sim.groundTruth().count(call.commId(), mid, NOW);
        assertThat(left + right).isEqualTo(sim.groundTruth().count(call.commId(), call.createTime(), NOW));
        assertThat(sim.groundTruth().points(call.commId(), call.createTime(), mid))
                .allSatisfy(p -> assertThat(p.timeSec()).isLessThan(mid));
    }

    @Test
    void truthRespectsTheDataDelayAndGrowsWithTheClock() {
        SimulatedCall live = sim.calls().stream().filter(c -> c.isLive(NOW)).findFirst().orElseThrow();
        long before = sim.groundTruth().count(live.commId(), live.createTime(), NOW + 3600);
        assertThat(sim.groundTruth().points(live.commId(), live.createTime(), NOW + 3600))
                .allSatisfy(p -> assertThat(p.timeSec()).isLessThanOrEqualTo(NOW - 10));
        try {
            CLOCK.advanceSeconds(60);
            assertThat(sim.groundTruth().count(live.commId(), live.createTime(), NOW + 3600)).isGreaterThan(before);
        } finally {
            CLOCK.set(NOW);
        }
    }

    @Test
    void unknownCommIdIsRefused() {
        assertThatThrownBy(() -> sim.groundTruth().count("1400188366_1_1", 0, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1400188366_1_1");
    }
}
