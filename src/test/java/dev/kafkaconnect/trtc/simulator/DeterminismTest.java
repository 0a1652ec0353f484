package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two simulators with the same seed and clock serve the same calls and the same answers. */
class DeterminismTest {

    @Test
    void sameSeedSameCallsAndAnswers() {
        try (TrtcSimulator a = TestSims.builder(new MutableClock(NOW)).generatedCalls(20, 4).build().start();
             TrtcSimulator b = TestSims.builder(new MutableClock(NOW)).generatedCalls(20, 4).build().start()) {
            assertThat(a.calls()).isEqualTo(b.calls());
            for (SimulatedCall call : a.calls().subList(0, 6)) {
                assertThat(answer(b, call)).isEqualTo(answer(a, call));
            }
        }
    }

    @Test
    void otherSeedOtherData() {
        try (TrtcSimulator a = TestSims.builder(new MutableClock(NOW)).generatedCalls(5, 1).build();
             TrtcSimulator b = TestSims.builder(new MutableClock(NOW)).seed(43).generatedCalls(5, 1).build()) {
            assertThat(a.calls()).isNotEqualTo(b.calls());
            assertThat(new MetricModel(42).value("c", "u", null, "aBit", NOW))
                    .isNotEqualTo(new MetricModel(43).value("c", "u", null, "aBit", NOW));
        }
    }

    private static JsonNode answer(TrtcSimulator sim, SimulatedCall call) {
        Map<String, Object> p = TestSims.detail(ApiGeneration.SUCCESSOR, call.commId(), call.createTime(),
                call.createTime() + 1800);
        p.put("DataType", List.of("all"));
        ObjectNode r = (ObjectNode) TestSims.request(sim, "DescribeCallDetailInfo").body(p).send().ok();
        r.remove("RequestId");
        return r;
    }
}
