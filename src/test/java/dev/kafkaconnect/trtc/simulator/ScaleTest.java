package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Size, not speed: 10,000 calls are held as presences only, and a maximal answer (6 users, every metric, one hour)
 * streams out complete and equal to the ground truth.
 */
class ScaleTest {

    @Test
    void tenThousandCallsAndAMaximalAnswer() {
        long t0 = NOW - 7200;
        CallSpec.Builder six = CallSpec.builder("big");
        for (int i = 0; i < 6; i++) {
            six.user("user" + i, t0, t0 + 3 * 3600);
        }
        try (TrtcSimulator sim = TestSims.builder(new MutableClock(NOW + 4 * 3600)).dataDelay(Duration.ZERO)
                .generatedCalls(9_999, 0).call(six.build()).build().start()) {
            assertThat(sim.calls()).hasSize(10_000);
            String commId = SimulatedCall.commId(TestSims.APP, "big", t0);

            Map<String, Object> p = TestSims.detail(ApiGeneration.SUCCESSOR, commId, t0 + 600, t0 + 4200);
            p.put("DataType", List.of("all"));
            JsonNode r = TestSims.request(sim, "DescribeCallDetailInfo").body(p).send().ok();

            int metrics = Metrics.served(ApiGeneration.SUCCESSOR).size();
            int series = 6 * (metrics + Metrics.PER_PEER.size() * 5);
            assertThat(r.path("Data")).hasSize(series);
            long points = 0;
            for (JsonNode s : r.path("Data")) {
                points += s.path("Content").size();
            }
            assertThat(points).isEqualTo(series * 1801L)
                    .isEqualTo(sim.groundTruth().count(commId, t0 + 600, t0 + 4201, ApiGeneration.SUCCESSOR));
        }
    }
}
