package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.LoopbackHttpServer;
import dev.kafkaconnect.trtc.api.MutatedAnswers;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
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
 * Mutated answers that the parser accepts go on through the record path: the real client over loopback HTTP, the
 * task, {@link PageRecords} and the record builders. Each answer becomes records (valid against their schemas) or a
 * typed error the task handles (retry, skip the call, or fail the task naming the cause); never an unexpected
 * exception that kills the task.
 */
class RecordPathFuzzTest {
    static final long SEED = 20261126L;
    /** The mutated answers' samples lie around this time; the calls are created just before it. */
    static final long T = 1_700_000_000L;
    // About 35 answers a second over loopback HTTP through the task: 600 per shape keeps the test under half a minute.
    static final int BODIES = 600;

    @ParameterizedTest(name = "{0} shape")
    @ValueSource(strings = {"sample", "snapshot"})
    void mutatedAnswersYieldValidRecordsOrTypedErrorsNeverAnUnexpectedFailure(String shape) throws Exception {
        Random random = new Random(SEED + shape.hashCode());
        AtomicInteger served = new AtomicInteger();
        Deque<byte[]> recent = new ArrayDeque<>();
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                byte[] body;
                synchronized (recent) {
                    body = MutatedAnswers.mutate(random);
                    recent.addLast(body);
                    if (recent.size() > 8) {
                        recent.removeFirst();
                    }
                }
                served.incrementAndGet();
                e.getResponseHeaders().set("Content-Type", "application/json");
                e.sendResponseHeaders(200, body.length);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(body);
                }
            })) {
            Map<String, Integer> outcomes = new TreeMap<>();
            MockTime clock = new MockTime(0, (T + 3 * 3600) * 1000, 0);
            for (int round = 0; served.get() < BODIES; round++) {
                List<String> calls = List.of(TaskHarness.commId(Integer.toString(10 * round + 1), T - 200),
                        TaskHarness.commId(Integer.toString(10 * round + 2), T - 200));
                Map<String, String> props = TaskHarness.props(calls);
                props.put(TrtcSourceConfig.ENDPOINT, server.endpoint());
                props.put(TrtcSourceConfig.RECORD_SHAPE, shape);
                props.put(TrtcSourceConfig.SETTLE_DELAY_MS, "60000");
                props.put(TrtcSourceConfig.RETRY_BACKOFF_MS, "10");
                props.put(TrtcSourceConfig.RETRY_BACKOFF_MAX_MS, "100");
                props.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "100000");
                // The task retries; the client's own retries would only wait in real time.
                props.put(TrtcSourceConfig.RETRY_MAX_ATTEMPTS, "1");
                TrtcSourceTask task = new TrtcSourceTask(TrtcClients.FACTORY, clock);
                task.pollTimeout(Duration.ofMillis(5));
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
                                        + "; last answers: " + previews(recent), e);
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
                } finally {
                    task.stop();
                }
            }
            assertThat(served.get()).as("answers served").isGreaterThanOrEqualTo(BODIES);
            assertThat(outcomes).as("outcomes: %s", outcomes).containsKey("record");
            assertThat(outcomes.get("record")).as("outcomes: %s", outcomes).isPositive();
        }
    }

    private static String previews(Deque<byte[]> recent) {
        synchronized (recent) {
            StringBuilder out = new StringBuilder();
            for (byte[] body : recent) {
                out.append("\n  ").append(MutatedAnswers.preview(body));
            }
            return out.toString();
        }
    }
}
