package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.InProcessAnswers;
import dev.kafkaconnect.trtc.api.LoopbackHttpServer;
import dev.kafkaconnect.trtc.api.MutatedAnswers;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mutated answers that the parser accepts go on through the record path: the client's answer handling, the task,
 * {@link PageRecords} and the record builders. Each answer becomes records (valid against their schemas) or a typed
 * error the task handles (retry, skip the call, or fail the task naming the cause); never an unexpected exception
 * that kills the task. The bulk of the answers reach the task in-process ({@link InProcessAnswers}: the client's
 * own reading of an HTTP 200 answer, without a socket); a few dozen go through the real client over loopback HTTP.
 */
class RecordPathFuzzTest {
    static final long SEED = 20261126L;
    /** The mutated answers' samples lie around this time; the calls are created just before it. */
    static final long T = 1_700_000_000L;
    /** Answers per shape read in-process. */
    static final int BODIES = 600;
    /** Answers per shape over loopback HTTP (about 35 a second through the task): the HTTP path stays covered. */
    static final int HTTP_BODIES = 80;

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"sample", "snapshot"})
    void mutatedAnswersYieldValidRecordsOrTypedErrorsNeverAnUnexpectedFailure(String shape) throws Exception {
        Bodies bodies = new Bodies(new Random(SEED + shape.hashCode()));
        readThroughTask(shape, bodies, BODIES, (config, rateLimit, clock) -> new InProcessAnswers(bodies::next),
                null);
    }

    @ParameterizedTest(name = "{0} shape over HTTP")
    @ValueSource(strings = {"sample", "snapshot"})
    void mutatedAnswersOverHttpYieldValidRecordsOrTypedErrorsNeverAnUnexpectedFailure(String shape)
            throws Exception {
        Bodies bodies = new Bodies(new Random(SEED + shape.hashCode()));
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                byte[] body = bodies.next();
                e.getResponseHeaders().set("Content-Type", "application/json");
                e.sendResponseHeaders(200, body.length);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(body);
                }
            })) {
            readThroughTask(shape, bodies, HTTP_BODIES, TrtcClients.FACTORY, server.endpoint());
        }
    }

    /** Seeded mutated answers, counted, the last few kept for the failure message. */
    static final class Bodies {
        private final Random random;
        private final AtomicInteger served = new AtomicInteger();
        private final Deque<byte[]> recent = new ArrayDeque<>();

        Bodies(Random random) {
            this.random = random;
        }

        byte[] next() {
            byte[] body;
            synchronized (recent) {
                body = MutatedAnswers.mutate(random);
                recent.addLast(body);
                if (recent.size() > 8) {
                    recent.removeFirst();
                }
            }
            served.incrementAndGet();
            return body;
        }

        int served() {
            return served.get();
        }

        String previews() {
            synchronized (recent) {
                StringBuilder out = new StringBuilder();
                for (byte[] body : recent) {
                    out.append("\n  ").append(MutatedAnswers.preview(body));
                }
                return out.toString();
            }
        }
    }

    /**
     * Runs tasks over two calls each, with clients from {@code clients} ({@code endpoint}: their
     * {@code trtc.endpoint}, or the default when null), until {@code count} answers were served.
     */
    private static void readThroughTask(String shape, Bodies bodies, int count, TrtcApiFactory clients,
                                        String endpoint) throws InterruptedException {
        Map<String, Integer> outcomes = new TreeMap<>();
        MockTime clock = new MockTime(0, (T + 3 * 3600) * 1000, 0);
        for (int round = 0; bodies.served() < count; round++) {
            List<String> calls = List.of(TaskHarness.commId(Integer.toString(10 * round + 1), T - 200),
                    TaskHarness.commId(Integer.toString(10 * round + 2), T - 200));
            Map<String, String> props = TaskHarness.props(calls);
            if (endpoint != null) {
                props.put(TrtcSourceConfig.ENDPOINT, endpoint);
                // One request at a time: which request draws which answer no longer depends on thread timing.
                props.put(TrtcSourceConfig.MAX_IN_FLIGHT, "1");
            }
            props.put(TrtcSourceConfig.RECORD_SHAPE, shape);
            // The call-detail record path alone: the event streams' requests would draw mutated call-detail
            // answers too, on their own slots, so which request draws which answer would depend on thread timing.
            props.put(TrtcSourceConfig.STREAMS, "");
            props.put(TrtcSourceConfig.SETTLE_DELAY_MS, "60000");
            props.put(TrtcSourceConfig.RETRY_BACKOFF_MS, "10");
            props.put(TrtcSourceConfig.RETRY_BACKOFF_MAX_MS, "100");
            props.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "100000");
            props.put(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "100000");
            props.put(EventStream.USER_EVENTS.taskRateLimitKey(), "100000");
            // The task retries; the client's own retries would only wait in real time.
            props.put(TrtcSourceConfig.RETRY_MAX_ATTEMPTS, "1");
            // Most mutated answers cannot be read: under the default policy a page that draws a few of them in a
            // row fails the task (a typed, expected outcome), and the round would end before any record. Skipping
            // the window keeps every round reading, so the answers that can be read reach the record builders.
            props.put(TrtcSourceConfig.UNREADABLE_POLICY, "skip-window");
            TrtcSourceTask task = new TrtcSourceTask(clients, clock);
            // In-process answers complete before poll() waits: a poll without records need not wait for them.
            task.pollTimeout(Duration.ofMillis(endpoint == null ? 1 : 5));
            task.initialize(new TestTaskContext());
            task.start(props);
            try {
                for (int poll = 0; poll < 300 && !task.calls().isEmpty(); poll++) {
                    List<SourceRecord> records;
                    try {
                        records = task.poll();
                    } catch (ConnectException e) {
                        // Only a service error that concerns the whole connector may end the task.
                        if (!(e.getCause() instanceof TrtcApiException t)) {
                            throw new AssertionError("the task died of an unexpected failure: " + e
                                    + "; last answers: " + bodies.previews(), e);
                        }
                        outcomes.merge("task failed: " + t.kind(), 1, Integer::sum);
                        break;
                    }
                    for (SourceRecord r : records == null ? List.<SourceRecord>of() : records) {
                        ((Struct) r.value()).validate();
                        ((Struct) r.key()).validate();
                        outcomes.merge("record", 1, Integer::sum);
                    }
                    // Lets back-offs pass and later windows fall due.
                    clock.sleep(2000);
                }
                outcomes.merge("calls skipped", (int) task.counters().callsSkipped.get(), Integer::sum);
                outcomes.merge("windows skipped", (int) task.counters().windowsSkipped.get(), Integer::sum);
            } finally {
                task.stop();
            }
        }
        System.out.printf("RecordPathFuzzTest %s shape, %s: %d answers; outcomes %s%n", shape,
                endpoint == null ? "in-process" : "over HTTP", bodies.served(), outcomes);
        assertThat(bodies.served()).as("answers served").isGreaterThanOrEqualTo(count);
        assertThat(outcomes).as("outcomes: %s", outcomes).containsKey("record");
        assertThat(outcomes.get("record")).as("outcomes: %s", outcomes).isPositive();
    }
}
