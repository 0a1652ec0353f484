package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed answers (seeded mutations of valid ones) give typed errors, never an uncaught exception:
 * thousands parsed from bytes through the reader, a smaller number served over HTTP to the client.
 */
class ResponseFuzzTest {
    private static final long SEED = 20261126L;
    private static final String LIVE = """
            {"Response":{"Total":2,"UserList":[{"RoomStr":"r1","UserId":"a","JoinTs":1700000000,"LeaveTs":1700000900,
            "Finished":false,"DeviceType":"iOS","SdkVersion":"9.1","ClientIp":"10.0.0.1"},{"RoomStr":"r1","UserId":"b",
            "JoinTs":1700000010,"LeaveTs":1700000500,"Finished":true,"DeviceType":"Android","SdkVersion":"9.2",
            "ClientIp":"10.0.0.2"}],"Data":[{"UserId":"a","PeerId":"","DataType":"aBit","Content":[{"Time":1700000002,
            "Value":108.09},{"Time":1700000004,"Value":0}]},{"UserId":"a","PeerId":"b","DataType":"rtt","Content":
            [{"Time":1700000002,"Value":12}]}],"RequestId":"req-1"}}""";
    private static final String ERROR = "{\"Response\":{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"x\"},"
            + "\"RequestId\":\"req-2\"}}";
    private static final List<String> BASES = List.of(CallDetailReaderTest.SEED_EXAMPLE, LIVE, ERROR);
    private static final List<String> TOKENS = List.of("null", "true", "-1", "1e400", "-1e400",
            "99999999999999999999999999", "9223372036854775808", "\"x\"", "{}", "[]", "{\"a\":", "\u0000", "NaN",
            "\"\\uD800\"", "\"\\u0000\"", "[".repeat(5000), "{\"a\":".repeat(3000), "\"" + "z".repeat(100_000) + "\"",
            ",", ":", "}", "]", "\"Response\"", "\"Total\"", "\"Content\"", "0.0000000000000000000001", "-0",
            "\"UserList\":[", "\"Data\":null", "\u00ff\u00fe", "\uFFFF");

    @Test
    void thousandsOfMutatedBodiesGiveAValueOrATypedError() {
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            byte[] body = mutate(random);
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
                        + preview(body), t);
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
                     .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
                     .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(10))).build())) {
            Map<ErrorKind, Integer> kinds = new TreeMap<>();
            int values = 0;
            for (int i = 0; i < 200; i++) {
                byte[] body = mutate(random);
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
                                + preview(body), e.getCause());
                    }
                    assertThat(t.kind()).as("body %d: %s", i, preview(body)).isNotNull();
                    kinds.merge(t.kind(), 1, Integer::sum);
                }
            }
            assertThat(values).as("some mutations stay valid").isPositive();
            assertThat(kinds).as("typed errors: %s", kinds).containsKeys(ErrorKind.TRANSPORT, ErrorKind.PROTOCOL);
        }
    }

    /** A valid answer with one to four random mutations. */
    private static byte[] mutate(Random random) {
        byte[] body = BASES.get(random.nextInt(BASES.size())).getBytes(StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(4);
        for (int m = 0; m < n && body.length > 0; m++) {
            int at = random.nextInt(body.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (at < body.length) {
                        body = body.clone();
                        body[at] = (byte) random.nextInt(256);
                    }
                    continue;
                }
                case 1 -> {
                    int len = Math.min(body.length - at, 1 + random.nextInt(20));
                    out.write(body, 0, at);
                    out.write(body, at + len, body.length - at - len);
                }
                case 2 -> out.write(body, 0, at);
                case 3 -> {
                    int from = random.nextInt(body.length);
                    int len = Math.min(body.length - from, 1 + random.nextInt(40));
                    out.write(body, 0, at);
                    out.write(body, from, len);
                    out.write(body, at, body.length - at);
                }
                default -> {
                    out.write(body, 0, at);
                    out.writeBytes(TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
                    out.write(body, at, body.length - at);
                }
            }
            body = out.toByteArray();
        }
        return body;
    }

    private static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
