package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kafkaconnect.trtc.api.LogCapture;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.read.RepeatedWarnings;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/** What the connector writes to the log: state changes with the call in the log context, never a secret. */
class TaskLoggingTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    static final String SECRET_ID = "AKIDtemporaryLOGTEST0000000000000000";
    static final String SECRET_KEY = "tempSecretKeyNeverLogged000000000000";
    static final String WRONG_KEY = "wrongSecretKeyNeverLogged00000000000";
    static final String TOKEN = "sessionTokenNeverLogged0123456789abcdef";

    @Test
    void aRunWithRejectedCredentialsLogsNoSecretAnywhere() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(3).generatedCalls(1, 1)
                .addTemporaryCredentials(SECRET_ID, SECRET_KEY, TOKEN).rateLimitPerSecond(0).build().start();
             LogCapture logs = new LogCapture()) {
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            StringWriter failures = new StringWriter();
            for (Map<String, String> props : List.of(props(sim, calls, WRONG_KEY, TOKEN),
                    props(sim, calls, SECRET_KEY, TOKEN + "x"))) {
                TrtcSourceConnector connector = new TrtcSourceConnector();
                Config validated = connector.validate(props);
                failures.append(validated.configValues().toString());
                connector.start(props);
                Map<String, String> taskProps = connector.taskConfigs(1).get(0);
                TrtcSourceTask task = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
                task.pollTimeout(Duration.ofMillis(20));
                task.initialize(new TestTaskContext());
                task.start(taskProps);
                Throwable failure = null;
                for (int i = 0; i < 500 && failure == null; i++) {
                    failure = catchThrowable(task::poll);
                }
                assertThat(failure).as("the task fails on rejected credentials").isNotNull()
                        .hasMessageContaining(TrtcSourceConfig.SECRET_KEY);
                failure.printStackTrace(new PrintWriter(failures));
                task.stop();
                connector.stop();
            }
            String everything = logs.text() + "\n" + failures;
            assertThat(logs.size()).as("something was logged").isPositive();
            for (String secret : List.of(SECRET_KEY, WRONG_KEY, TOKEN)) {
                assertThat(everything).as("logs, errors and validation results never show a secret").doesNotContain(secret);
            }
        }
    }

    @Test
    void everyCallStateChangeIsOneInfoLineWithTheCallInTheLogContext() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(11).generatedCalls(2, 1)
                .rateLimitPerSecond(0).build().start()) {
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
            props.put(TrtcSourceConfig.START, "PT3H");
            props.put(TrtcSourceTaskConfig.TASK_COMM_IDS, String.join(",", calls));
            props.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "1000");
            props.put(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "1000");
            props.put(EventStream.USER_EVENTS.taskRateLimitKey(), "1000");
            props.put(TrtcSourceTaskConfig.TASK_INDEX, "0");
            List<LogCapture.Event> events;
            int requests;
            try (LogCapture logs = new LogCapture()) {
                TrtcSourceTask task = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
                task.pollTimeout(Duration.ofMillis(20));
                task.initialize(new TestTaskContext());
                task.start(props);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!task.calls().stream().allMatch(c -> c.idle() && c.caughtUp())) {
                    task.poll();
                    assertThat(System.nanoTime()).as("caught up within 60 s: %s", task.calls()).isLessThan(deadline);
                }
                requests = (int) task.counters().requests.get();
                task.stop();
                events = logs.events();
            }
            List<LogCapture.Event> info = events.stream().filter(e -> e.level().equals("INFO") || e.level()
                    .equals("WARN") || e.level().equals("ERROR")).filter(e -> e.logger().startsWith("dev."))
                    .toList();
            assertThat(requests).as("enough requests to notice per-request lines").isGreaterThan(calls.size());
            for (String call : calls) {
                List<String> lines = info.stream().filter(e -> call.equals(e.context().get(CallReader.MDC_CALL)))
                        .map(LogCapture.Event::message).toList();
                assertThat(lines).as("call %s", call).hasSize(2);
                assertThat(lines.get(0)).startsWith("Call " + call + " started at");
                boolean finished = sim.call(call).isFinished(NOW);
                assertThat(lines.get(1)).startsWith("Call " + call + (finished ? " finished" : " caught up"));
            }
            assertThat(info.stream().filter(e -> !e.context().containsKey(CallReader.MDC_CALL)))
                    .as("only the task's start line lacks a call").hasSize(1);
        }
    }

    @Test
    void aSkippedCallAndACallReadUpToTheEndEachLogTheirStateChangeWithTheCallInTheLogContext() {
        long t0 = TrtcSourceTaskTest.T0;
        MockTime clock = new MockTime(0, (t0 + 4 * 3600) * 1000, 0);
        String unknown = TaskHarness.commId("999", t0);
        String ending = TrtcSourceTaskTest.CALL;
        FakeTrtcApi api = new FakeTrtcApi(clock).call(ending, TrtcSourceTaskTest.eightUsers());
        Map<String, String> props = TaskHarness.props(List.of(unknown, ending));
        props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.STREAMS, "");
        props.put(TrtcSourceConfig.END, java.time.Instant.ofEpochSecond(t0 + 1800).toString());
        props.put(TrtcSourceConfig.UNKNOWN_RETRY_MS, "0");
        List<LogCapture.Event> events;
        try (LogCapture logs = new LogCapture(); TaskHarness h = new TaskHarness(clock, api).start(props)) {
            h.pollUntil(h::allCallsDone, 200, "one call skipped, the other read to trtc.end");
            events = logs.events();
        }
        Map<String, List<String>> byCall = new java.util.HashMap<>();
        for (LogCapture.Event e : events) {
            String call = e.context().get(CallReader.MDC_CALL);
            if (call != null && !e.level().equals("DEBUG") && !e.level().equals("TRACE")) {
                byCall.computeIfAbsent(call, k -> new java.util.ArrayList<>()).add(e.level() + " " + e.message());
            }
        }
        assertThat(byCall.get(unknown)).as("lines of the unknown call").hasSize(3);
        assertThat(byCall.get(unknown).get(0)).startsWith("INFO Call " + unknown + " started at " + t0 + " ");
        assertThat(byCall.get(unknown).get(1)).startsWith("WARN Call " + unknown + ": TRTC does not know the call")
                .contains(TrtcSourceConfig.COMM_IDS);
        // Nothing of the call was read: the line says where reading stopped, not how far windows were planned.
        assertThat(byCall.get(unknown).get(2))
                .isEqualTo("INFO Call " + unknown + " skipped (call-not-found) at " + t0 + " (unix s)");
        assertThat(byCall.get(ending)).as("lines of the call read to trtc.end").hasSize(2);
        assertThat(byCall.get(ending).get(0)).startsWith("INFO Call " + ending + " started at " + t0 + " ");
        assertThat(byCall.get(ending).get(1)).isEqualTo("INFO Call " + ending + " read up to trtc.end: done");
    }

    @Test
    void repeatedWarningsAreLoggedOncePerIntervalWithACountOfTheRest() {
        MockTime clock = new MockTime(0, NOW * 1000, 0);
        try (LogCapture logs = new LogCapture()) {
            RepeatedWarnings warnings = new RepeatedWarnings(org.slf4j.LoggerFactory.getLogger("repeat-test"),
                    clock, Duration.ofMinutes(1));
            for (int i = 0; i < 100; i++) {
                warnings.warn("InternalError", "failure " + i);
                if (i % 10 == 9) {
                    clock.sleep(1000);
                }
            }
            warnings.warn("ResourceUnavailable", "another kind");
            clock.sleep(60_000);
            warnings.warn("InternalError", "failure again");
            List<String> warned = logs.events().stream().filter(e -> e.logger().equals("repeat-test"))
                    .filter(e -> e.level().equals("WARN")).map(LogCapture.Event::message).toList();
            assertThat(warned).containsExactly("failure 0", "another kind",
                    "failure again (99 more like it in the last 70 s not logged)");
        }
    }

    private static Map<String, String> props(TrtcSimulator sim, List<String> calls, String key, String token) {
        Map<String, String> p = TrtcSourceTaskSimulatorIT.props(sim, calls);
        p.put(TrtcSourceConfig.SECRET_ID, SECRET_ID);
        p.put(TrtcSourceConfig.SECRET_KEY, key);
        p.put(TrtcSourceConfig.TOKEN, token);
        return p;
    }
}
