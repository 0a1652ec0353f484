package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code stop()} and the poll in progress return well within the worker's graceful shutdown budget (5 s by
 * default) while requests hang on a slow service.
 */
class TaskShutdownIT {
    static final long WORKER_GRACEFUL_SHUTDOWN_MS = 5000;

    @Test
    void stopReturnsPromptlyWithRequestsInFlight() throws Exception {
        MutableClock clock = new MutableClock(TrtcSourceTaskSimulatorIT.NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(5).generatedCalls(3, 1)
                .rateLimitPerSecond(0).threads(8).build().start()) {
            // Every answer takes a minute: requests are in flight whenever the task is stopped.
            sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofSeconds(60)));
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
            props.put(TrtcSourceTaskConfig.TASK_COMM_IDS, String.join(",", calls));
            props.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "20");
            props.put(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "20");
            props.put(EventStream.USER_EVENTS.taskRateLimitKey(), "20");
            props.put(TrtcSourceTaskConfig.TASK_INDEX, "0");
            TrtcSourceTask task = new TrtcSourceTask();
            task.initialize(new TestTaskContext());
            task.start(props);

            // Poll on the worker's thread, as the worker does; the default poll wait is a second.
            CompletableFuture<Void> polling = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        task.poll();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (task.counters().requests.get() < calls.size()) {
                assertThat(System.nanoTime()).as("requests launched within 20 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(sim.stats().requests()).as("no answer has come back yet").isZero();

            long start = System.nanoTime();
            task.stop();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            polling.get(WORKER_GRACEFUL_SHUTDOWN_MS, TimeUnit.MILLISECONDS);
            long totalMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(stopMillis).as("stop() returned").isLessThan(WORKER_GRACEFUL_SHUTDOWN_MS);
            assertThat(totalMillis).as("the poll in progress returned too").isLessThan(WORKER_GRACEFUL_SHUTDOWN_MS);
        }
    }
}
