package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The task's metrics against the simulator's own counters, over real HTTP through the real client: every send
 * the service saw is counted once under its outcome, records by kind add up, per-call metrics exist only while
 * the task owns the call. They are also read as MBeans through the JMX reporter a worker uses.
 */
class TaskMetricsTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;

    @Test
    void metricsAgreeWithTheSimulatorsCounters() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(7).generatedCalls(3, 1)
                .rateLimitPerSecond(0).threads(4).build().start()) {
            String action = ApiGeneration.SEED.callDetailAction();
            sim.faults().allActions().script(Fault.error("InternalError"), Fault.error("RequestLimitExceeded"),
                    Fault.error("InternalError"));
            List<String> calls = new ArrayList<>(sim.calls().stream().map(SimulatedCall::commId).toList());
            String vanished = calls.get(0);
            sim.faults().vanish(vanished);
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
            // The call-detail action's metrics against the simulator's counts of it alone.
            props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.STREAMS, "");
            props.put(TrtcSourceTaskConfig.TASK_COMM_IDS, String.join(",", calls));
            props.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "1000");
            props.put(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "1000");
            props.put(EventStream.USER_EVENTS.taskRateLimitKey(), "1000");
            props.put(TrtcSourceTaskConfig.TASK_INDEX, "0");
            props.put(TrtcSourceConfig.START, "PT6H");
            // The vanished call is skipped at its first refusal, as the skip counters below expect.
            props.put(TrtcSourceConfig.UNKNOWN_RETRY_MS, "0");

            TestTaskContext context = new TestTaskContext();
            // The worker's JMX reporter, as a worker configures it: the metrics must be readable as MBeans.
            JmxReporter jmx = new JmxReporter();
            jmx.contextChange(new KafkaMetricsContext("kafka.connect"));
            context.metrics.addReporter(jmx);
            TrtcSourceTask task = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
            task.pollTimeout(Duration.ofMillis(20));
            task.initialize(context);
            task.start(props);
            Metrics m = new Metrics(context);
            assertThat(m.withName("call-cursor-lag-seconds")).as("a lag gauge per owned call after the first poll")
                    .isEmpty();
            List<SourceRecord> out = new ArrayList<>();
            List<SourceRecord> first = task.poll();
            if (first != null) {
                out.addAll(first);
            }
            assertThat(m.withName("call-cursor-lag-seconds")).hasSizeGreaterThanOrEqualTo(calls.size() - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!task.calls().stream().allMatch(c -> c.idle() && c.caughtUp()
                    || c.state() != CallReader.State.READING)) {
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    out.addAll(batch);
                }
                assertThat(System.nanoTime()).as("calls caught up within 60 s: %s", task.calls()).isLessThan(deadline);
            }
            task.poll();

            assertThat(m.value("api-sends-total", "action", action, "outcome", "ok"))
                    .as("ok sends; simulator: %s", sim.stats()).isEqualTo(sim.stats().ok(action));
            assertThat(m.value("api-sends-total", "action", action, "outcome", "server"))
                    .isEqualTo(sim.stats().outcome(action, "InternalError")).isPositive();
            assertThat(m.value("api-sends-total", "action", action, "outcome", "throttled"))
                    .isEqualTo(sim.stats().outcome(action, "RequestLimitExceeded")).isPositive();
            assertThat(m.value("api-throttled-total"))
                    .isEqualTo(sim.stats().outcome(action, "RequestLimitExceeded"));
            assertThat(m.value("api-sends-total", "action", action, "outcome", "call-not-found"))
                    .isEqualTo(sim.stats().outcome(action, "ResourceNotFound")).isPositive();
            long allSends = m.withName("api-sends-total").values().stream().mapToLong(v -> (Long) v).sum();
            assertThat(allSends).isEqualTo(sim.stats().requests(action));
            long retries = m.withName("api-retries-total").values().stream().mapToLong(v -> (Long) v).sum();
            assertThat(retries).as("every failed retriable send was retried by the client or failed the request")
                    .isEqualTo(allSends - m.value("api-requests-total"));
            assertThat(m.value("api-response-bytes-total", "action", action)).isPositive();
            assertThat((Double) m.metric("api-latency-ms-max", "action", action)).isGreaterThan(0.0);
            assertThat((Double) m.metric("api-latency-ms-p99", "action", action))
                    .isGreaterThanOrEqualTo((Double) m.metric("api-latency-ms-p50", "action", action));

            long samples = out.stream().filter(TaskHarness::isSample).count();
            assertThat(m.value("sample-records-total")).isEqualTo(samples).isPositive();
            long callEnds = out.stream().filter(TaskHarness::isCallEnd).count();
            assertThat(m.value("participant-records-total")).isEqualTo(out.size() - samples - callEnds).isPositive();
            assertThat(m.value("records-total")).isEqualTo(out.size());

            long finished = sim.calls().stream().filter(c -> !c.commId().equals(vanished))
                    .filter(c -> c.isFinished(NOW)).count();
            assertThat(m.value("calls-finished-total")).isEqualTo(finished);
            assertThat(m.value("call-end-records-total")).as("one call-end record per finished call")
                    .isEqualTo(callEnds).isEqualTo(finished);
            assertThat(m.value("calls-skipped-total")).isEqualTo(1);
            assertThat(m.value("calls-skipped-by-reason-total", "reason", "call-not-found")).isEqualTo(1);
            long live = calls.size() - 1 - finished;
            assertThat(m.value("calls-owned")).isEqualTo(live);
            assertThat(m.value("calls-live")).isEqualTo(live);
            Map<String, Object> lags = m.withName("call-cursor-lag-seconds");
            assertThat(lags).as("lag gauges only for calls still owned").hasSize((int) live);
            long settle = TrtcSourceTaskSimulatorIT.SETTLE;
            assertThat(lags.values()).allSatisfy(v -> assertThat((Long) v).isBetween(settle, settle + 3600));
            assertThat(m.value("cursor-lag-seconds-max")).isEqualTo(
                    lags.values().stream().mapToLong(v -> (Long) v).max().orElse(0));

            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName bean = new ObjectName("kafka.connect:type=plugins,connector=test,trtc-task=0");
            assertThat(server.getAttribute(bean, "api-requests-total")).isEqualTo(m.value("api-requests-total"));
            assertThat(server.getAttribute(bean, "sample-records-total")).isEqualTo(samples);
            assertThat(server.getAttribute(new ObjectName("kafka.connect:type=plugins,connector=test,trtc-task=0,"
                    + "action=" + action + ",outcome=ok"), "api-sends-total")).isEqualTo(sim.stats().ok(action));

            task.stop();
            assertThat(m.withName("call-cursor-lag-seconds")).as("per-call gauges removed at stop").isEmpty();
            assertThat(server.queryNames(new ObjectName("kafka.connect:type=plugins,call=*,*"), null))
                    .as("and their MBeans").isEmpty();
            context.metrics.close();
        }
    }

    /** Reads the task's metrics from the registry the context hands out. */
    record Metrics(TestTaskContext context) {
        Map<String, Object> withName(String name) {
            return context.metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                    .collect(Collectors.toMap(e -> e.getKey().tags().toString(), e -> e.getValue().metricValue()));
        }

        Object metric(String name, String... tags) {
            return context.metrics.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals(name) && hasTags(e.getKey(), tags)).findFirst()
                    .orElseThrow(() -> new AssertionError("no metric " + name + " " + List.of(tags) + " among "
                            + context.metrics.metrics().keySet())).getValue().metricValue();
        }

        long value(String name, String... tags) {
            return (Long) metric(name, tags);
        }

        private static boolean hasTags(MetricName name, String[] tags) {
            for (int i = 0; i < tags.length; i += 2) {
                if (!tags[i + 1].equals(name.tags().get(tags[i]))) {
                    return false;
                }
            }
            return true;
        }
    }
}
