package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed answers (seeded mutations of valid ones) give typed errors, never an uncaught exception:
 * thousands parsed from bytes through the reader, a smaller number served over HTTP to the client.
 */
class ResponseFuzzTest {
    private static final long SEED = 20261126L;
    @Test
    void thousandsOfMutatedBodiesGiveAValueOrATypedError() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            byte[] body = MutatedAnswers.mutate(random);
            String outcome;
            try {
                ResponseReader.Answer<CallDetailResponse> answer = ResponseReader.read(
                        new ByteArrayInputStream(body), new CallDetailReader());
                outcome = answer.failed() ? "service error" : "value";
            } catch (ShapeException e) {
                outcome = "shape";
            } catch (IOException e) {
                outcome = "malformed";
            } catch (Throwable t) {
                throw new AssertionError("body " + i + " (seed " + SEED + ") escaped with " + t + ": "
                        + MutatedAnswers.preview(body), t);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertThat(outcomes).as("the mutations reach every kind of outcome: %s", outcomes)
                .containsKeys("value", "shape", "malformed", "service error");
    }

    @Test
    void mutatedBodiesOverHttpGiveTheClientAValueOrATrtcApiException() throws Exception {
        Random random = new Random(SEED + 1);
        AtomicReference<byte[]> next = new AtomicReference<>();
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                byte[] body = next.get();
                e.getResponseHeaders().set("Content-Type", "application/json");
                e.sendResponseHeaders(200, body.length);
                try (OutputStream out = e.getResponseBody()) {
                    out.write(body);
                }
            });
             TrtcApiClient client = new TrtcApiClient(TrtcClientConfig.builder().endpoint(server.endpoint())
                     .region("ap-singapore").credentials("AKIDfuzz", "fuzz-secret-key-000000")
                     .time(new MockTime(0, 1_700_000_000L * 1000, 0))
                     .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(10))).build())) {
            Map<ErrorKind, Integer> kinds = new TreeMap<>();
            int values = 0;
            for (int i = 0; i < 200; i++) {
                byte[] body = MutatedAnswers.mutate(random);
                next.set(body);
                CompletableFuture<CallDetailResponse> f = client.callDetail(ApiGeneration.SUCCESSOR,
                        new CallDetailRequest(1400188366L, "c", 1_700_000_000L, 1_700_000_600L, List.of(),
                                List.of("all"), 0, 6));
                try {
                    f.get(20, TimeUnit.SECONDS);
                    values++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TrtcApiException t)) {
                        throw new AssertionError("body " + i + " failed untyped: " + e.getCause() + ": "
                                + MutatedAnswers.preview(body), e.getCause());
                    }
                    assertThat(t.kind()).as("body %d: %s", i, MutatedAnswers.preview(body)).isNotNull();
                    kinds.merge(t.kind(), 1, Integer::sum);
                }
            }
            assertThat(values).as("some mutations stay valid").isPositive();
            assertThat(kinds).as("typed errors: %s", kinds).containsKeys(ErrorKind.TRANSPORT, ErrorKind.PROTOCOL);
        }
    }

}
