package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.RateLimiter;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
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
    void tasksTogetherUseTheConnectorsBudgetAndNeverExceedIt() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(12).generatedCalls(60, 0)
                .dataDelay(Duration.ofSeconds(10)).threads(32).build().start()) {
            sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofMillis(250)));
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
            props.put(TrtcSourceConfig.METRICS, "appCpu");
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            List<Map<String, String>> taskConfigs = connector.taskConfigs(3);
            assertThat(taskConfigs).extracting(c -> c.get(TrtcSourceTaskConfig.TASK_RATE_LIMIT))
                    .containsExactly("7", "7", "6");

            // Every task's grants, on one monotonic clock: the guarantee is about what the tasks send.
            List<Long> grants = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                List<java.util.concurrent.Future<Integer>> results = new ArrayList<>();
                for (Map<String, String> taskConfig : taskConfigs) {
                    TrtcApiFactory factory = (config, rate, c) -> {
                        RateLimiter limiter = TrtcClients.limiter(rate);
                        limiter.observeGrants(grants::add);
                        return TrtcClients.create(config, limiter, c);
                    };
                    results.add(threads.submit(() -> readAll(factory, taskConfig, clock)));
                }
                for (java.util.concurrent.Future<Integer> r : results) {
                    assertThat(r.get(90, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
                }
            } finally {
                threads.shutdownNow();
            }
            List<Long> sorted = grants.stream().sorted().toList();
            int busiest = 0;
            for (int i = 0, j = 0; i < sorted.size(); i++) {
                while (sorted.get(i) - sorted.get(j) >= 1_000_000_000L) {
                    j++;
                }
                busiest = Math.max(busiest, i - j + 1);
            }
            // The upper bound is the guarantee; the lower one only proves the tasks pipeline (one request at a time
            // would be 4 per second at 250 ms), loose enough for a loaded 2-core machine.
            assertThat(busiest).as("requests the tasks sent in any one second").isBetween(10, 20);
            String action = ApiGeneration.SEED.callDetailAction();
            assertThat(sim.stats().requests(action)).isGreaterThan(60);
            // The service counts on arrival: scheduling jitter on a loaded test machine can, rarely, push one
            // request past the margin; the client retries it.
            assertThat(sim.stats().throttled(action)).as("throttled at the service")
                    .isLessThanOrEqualTo(sim.stats().requests(action) / 100);
        }
    }

    private static int readAll(TrtcApiFactory factory, Map<String, String> taskConfig, MutableClock clock)
            throws InterruptedException {
        TrtcSourceTask task = new TrtcSourceTask(factory, new SimClock(clock));
        task.initialize(new TestTaskContext());
        task.start(taskConfig);
        int records = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (!task.calls().isEmpty()) {
                List<SourceRecord> batch = task.poll();
                records += batch == null ? 0 : batch.size();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("task did not read its calls within 60 s: " + task.calls());
                }
            }
        } finally {
            task.stop();
        }
        return records;
    }

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
            assertThat(sim.stats().throttled(action)).as("throttled at the service (arrival jitter, retried)")
                    .isLessThanOrEqualTo(requests / 100);
            // 250 ms per request one at a time would be 4 per second: 10 proves pipelining with room for a loaded
            // machine; the budget figure itself is measured by the benchmarks.
            assertThat(sim.stats().maxRequestsInAnySecond(action)).as("requests in the busiest second")
                    .isBetween(10, 20);
            assertThat(records).isNotEmpty();
        }
    }
}
