package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/** The client against a plain loopback HTTP server: what goes on the wire, and answers no TRTC server gives. */
class TrtcApiClientHttpTest {
    private static final String SECRET_KEY = "loopback-secret-key-0123456789";
    private static final String TOKEN = "loopback-session-token-abcdef";
    private static final long NOW = 1_700_000_000L;
    private static final String OK = "{\"Response\":{\"Total\":0,\"RoomList\":[],\"RequestId\":\"ok-1\"}}";
    private static final RoomListRequest ROOMS = new RoomListRequest(1400188366L, NOW - 3600, NOW, 0, 100);

    private static TrtcClientConfig.Builder config(String endpoint) {
        return TrtcClientConfig.builder()
                .endpoint(endpoint)
                .region("ap-singapore")
                .credentials("AKIDloopback", SECRET_KEY)
                .time(new MockTime(0, NOW * 1000, 0))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 3, Duration.ofSeconds(20)));
    }

    @Test
    void signsTheHostWithItsPortAndTheContentTypeExactlyAsSent() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200, OK));
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).token(TOKEN).language("en-US")
                     .build())) {
            RoomListResponse answer = client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS);

            assertThat(answer.requestId()).isEqualTo("ok-1");
            LoopbackHttpServer.Received r = server.received().get(0);
            assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + server.port());
            assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(r.header("X-TC-Action")).isEqualTo("DescribeRoomInfo");
            assertThat(r.header("X-TC-Version")).isEqualTo("2019-07-22");
            assertThat(r.header("X-TC-Region")).isEqualTo("ap-singapore");
            assertThat(r.header("X-TC-Timestamp")).isEqualTo(Long.toString(NOW));
            assertThat(r.header("X-TC-Token")).isEqualTo(TOKEN);
            assertThat(r.header("X-TC-Language")).isEqualTo("en-US");
            // Recompute the signature from what arrived: it must match the one sent.
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("content-type", r.header("Content-Type"));
            signed.put("host", r.header("Host"));
            signed.put("x-tc-action", r.header("X-TC-Action"));
            Tc3Signer.Signature expected = Tc3Signer.sign(SECRET_KEY, "trtc", NOW, "POST", "/", "", signed, r.body());
            assertThat(r.header("Authorization")).isEqualTo(Tc3Signer.authorization("AKIDloopback", expected))
                    .contains("SignedHeaders=content-type;host;x-tc-action");
        }
    }

    @Test
    void redirectIsAnEndpointErrorAndNotFollowed() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        try (LoopbackHttpServer target = new LoopbackHttpServer(e -> {
                hits.incrementAndGet();
                LoopbackHttpServer.json(e, 200, OK);
            });
             LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                 e.getResponseHeaders().set("Location", target.endpoint() + "/");
                 e.sendResponseHeaders(302, -1);
             });
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).build())) {

            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SEED, ROOMS))
                    .isInstanceOfSatisfying(TrtcConfigurationException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.REGION);
                        assertThat(e.httpStatus()).isEqualTo(302);
                        assertThat(e.action()).isEqualTo("DescribeRoomInformation");
                    })
                    .hasMessageContaining("trtc.endpoint")
                    .hasMessageContaining("redirect");
            assertThat(server.received()).hasSize(1);
            assertThat(hits).hasValue(0);
        }
    }

    @Test
    void bodyOverTheLimitIsAProtocolErrorWhateverTheLengthHeaderSays() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                e.sendResponseHeaders(200, 0); // chunked: no length announced
                try (OutputStream out = e.getResponseBody()) {
                    out.write("{\"Response\":{\"Total\":0,\"Padding\":\"".getBytes(StandardCharsets.UTF_8));
                    out.write("x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8));
                    out.write("\",\"RequestId\":\"r\"}}".getBytes(StandardCharsets.UTF_8));
                }
            });
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).maxResponseBytes(8 * 1024)
                     .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(20))).build())) {

            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS))
                    .isInstanceOfSatisfying(TrtcProtocolException.class,
                            // Its own kind: the caller asks for less rather than the same again.
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ANSWER_TOO_LARGE))
                    .hasMessageContaining("exceeds the limit of 8192 bytes");
        }
    }

    @Test
    void gatewayStatusesMapByStatusAndServiceErrorsInsideThemByCode() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                switch (n.getAndIncrement()) {
                    case 0 -> LoopbackHttpServer.json(e, 404, "<html>not found</html>");
                    case 1 -> LoopbackHttpServer.json(e, 400, "{\"Response\":{\"Error\":{\"Code\":"
                            + "\"AuthFailure.SecretIdNotFound\",\"Message\":\"no\"},\"RequestId\":\"r-400\"}}");
                    default -> LoopbackHttpServer.json(e, 503, "<html>busy</html>");
                }
            });
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint())
                     .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(20))).build())) {

            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS))
                    .isInstanceOfSatisfying(TrtcApiException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.REGION))
                    .hasMessageContaining("trtc.endpoint");
            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS))
                    .isInstanceOfSatisfying(TrtcAuthException.class, e -> {
                        assertThat(e.code()).isEqualTo("AuthFailure.SecretIdNotFound");
                        assertThat(e.requestId()).isEqualTo("r-400");
                    })
                    .hasMessageContaining("trtc.secret.id");
            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS))
                    .isInstanceOfSatisfying(TrtcServerException.class,
                            e -> assertThat(e.httpStatus()).isEqualTo(503));
        }
    }

    @Test
    void listenerSeesEveryRequestOutcomeAndRetry() throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicLong bytes = new AtomicLong();
        ApiCallListener listener = new ApiCallListener() {
            @Override
            public void onRequest(String action) {
                events.add("request " + action);
            }

            @Override
            public void onResponse(String action, ErrorKind kind, String code, long latencyNanos, long read) {
                events.add("response " + kind + " " + code);
                bytes.addAndGet(read);
                assertThat(latencyNanos).isPositive();
            }

            @Override
            public void onRetry(String action, int attempt, ErrorKind kind, long delayNanos) {
                events.add("retry " + attempt + " " + kind);
                throw new IllegalStateException("a failing listener must not break the call");
            }
        };
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200,
                n.getAndIncrement() == 0 ? "{\"Response\":{\"Error\":{\"Code\":\"InternalError.DBError\"},"
                        + "\"RequestId\":\"x\"}}" : OK));
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).listener(listener).build())) {

            assertThat(client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS).requestId()).isEqualTo("ok-1");
            assertThat(events).containsExactly("request DescribeRoomInfo", "response SERVER InternalError.DBError",
                    "retry 2 SERVER", "request DescribeRoomInfo", "response null null");
            assertThat(bytes.get()).isGreaterThan(OK.length());
        }
    }

    @Test
    void everySendIncludingRetriesPassesTheSharedLimiter() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), time);
        List<Long> grants = new java.util.concurrent.CopyOnWriteArrayList<>();
        limiter.observeGrants(grants::add);
        AtomicInteger n = new AtomicInteger();
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200,
                n.getAndIncrement() < 2 ? "{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\"},"
                        + "\"RequestId\":\"x\"}}" : OK));
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).rateLimiter(limiter).build())) {

            assertThat(client.roomListSync(ApiGeneration.SUCCESSOR, ROOMS).requestId()).isEqualTo("ok-1");

            assertThat(server.received()).hasSize(3);
            assertThat(grants).hasSize(3);
            // Two per second: the third send waited (on the limiter's own time) until the first left the window.
            assertThat(grants.get(2) - grants.get(0)).isGreaterThanOrEqualTo(1_000_000_000L);
            assertThat(limiter.totalWaitNanos()).isPositive();
        }
    }
}
