package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * An account whose tier serves 7 days while the connector is set to the default 14, through the real client over
 * HTTP against the simulator: the refused starts teach the task the tier, and every call is read from the tier's
 * floor on, with exactly the skipped spans counted as lost.
 */
class LookbackTierTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    static final long DAY = 86400;

    @Test
    void callsAreReadFromTheTiersFloorWithExactlyTheLossesCounted() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        long floor = NOW - 7 * DAY + ServiceLookback.MARGIN_SECONDS;
        long created1 = NOW - 9 * DAY;
        long created2 = NOW - 7 * DAY - 3600;
        long created3 = NOW - 3 * DAY;
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).lookback(Duration.ofDays(7))
                .rateLimitPerSecond(0).threads(4)
                .call(CallSpec.builder("straddling-1").user("u1", created1, floor + 7200)
                        .user("u2", floor - 600, floor + 3600).build())
                .call(CallSpec.builder("straddling-2").user("v1", created2, floor + 1800).build())
                .call(CallSpec.builder("inside").user("w1", created3, created3 + 5400)
                        .user("w2", created3 + 60, created3 + 3600).build())
                .build().start()) {
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
            props.put(TrtcSourceConfig.METRICS, "aBit,aLoss");

            TestTaskContext context = new TestTaskContext();
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props, context);
            TrtcSourceTask task = read.task();
            List<SourceRecord> out = read.records();

            String action = ApiGeneration.SEED.callDetailAction();
            assertThat(sim.stats().outcome(action, "InvalidParameter.StartTsOversize"))
                    .as("one refused start per call older than the tier, never asked again").isEqualTo(2);
            assertThat(context.metric("lookback-seconds")).isEqualTo(7 * DAY);
            TaskCounters counters = task.counters();
            assertThat(counters.lookbackLosses).hasValue(2);
            assertThat(counters.lostSeconds).hasValue((floor - created1) + (floor - created2));
            assertThat(counters.callsFinished).hasValue(3);
            assertThat(counters.callsSkipped).hasValue(0);

            for (SimulatedCall call : sim.calls()) {
                long from = call.createTime() == created3 ? created3 : floor;
                Set<String> truth = sim.groundTruth().points(call.commId(), from, Long.MAX_VALUE, ApiGeneration.SEED)
                        .stream().filter(p -> p.metric().equals("aBit") || p.metric().equals("aLoss"))
                        .map(TrtcSourceTaskSimulatorIT::key).collect(Collectors.toSet());
                List<String> samples = out.stream().filter(TaskHarness::isSample)
                        .filter(r -> TaskHarness.commIdOf(r).equals(call.commId()))
                        .map(TrtcSourceTaskSimulatorIT::key).toList();
                assertThat(samples).as("call %s", call.commId()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(samples)).as("call %s from %d", call.commId(), from).isEqualTo(truth)
                        .isNotEmpty();
            }
        }
    }
}
