package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Pipelining: over a link with 250 ms of latency a task still uses its whole request budget, and never more. */
class TrtcSourceTaskThroughputIT {
    static final long NOW = 1714521600L;

    @Test
    void aTaskReachesItsBudgetOverASlowLink() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(11).generatedCalls(60, 0)
                .dataDelay(Duration.ofSeconds(10)).threads(32).build().start()) {
            sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofMillis(250)));
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
            props.put(TrtcSourceConfig.MAX_IN_FLIGHT, "10");
            // Few points per answer: this measures requests, not record building.
            props.put(TrtcSourceConfig.METRICS, "appCpu");
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            Map<String, String> taskConfig = connector.taskConfigs(1).get(0);
            assertThat(taskConfig).containsEntry(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "20");

            TrtcSourceTask task = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
            task.initialize(new TestTaskContext());
            task.start(taskConfig);
            List<SourceRecord> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            try {
                while (!task.calls().isEmpty()) {
                    List<SourceRecord> batch = task.poll();
                    if (batch != null) {
                        records.addAll(batch);
                    }
                    assertThat(System.nanoTime()).as("60 calls read within 60 s; %s requests so far",
                            sim.stats().requests(ApiGeneration.SEED.callDetailAction())).isLessThan(deadline);
                }
            } finally {
                task.stop();
            }
            String action = ApiGeneration.SEED.callDetailAction();
            long requests = sim.stats().requests(action);
            assertThat(requests).as("enough requests to measure").isGreaterThan(60);
            assertThat(sim.stats().throttled(action)).as("never over the service's limit").isZero();
            // 250 ms per request one at a time would be 4 per second.
            assertThat(sim.stats().maxRequestsInAnySecond(action)).as("requests in the busiest second")
                    .isBetween(15, 20);
            assertThat(records).isNotEmpty();
        }
    }
}
