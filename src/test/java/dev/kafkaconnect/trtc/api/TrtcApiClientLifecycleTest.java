package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines, close, in-flight bounds and secrecy, against a loopback server that holds answers back. */
class TrtcApiClientLifecycleTest {
    private static final String SECRET_KEY = "lifecycle-secret-key-9f8e7d6c5b4a";
    private static final String TOKEN = "lifecycle-session-token-112233";
    private static final String OK = "{\"Response\":{\"Total\":0,\"RoomList\":null,\"RequestId\":\"ok\"}}";
    private static final RoomListRequest ROOMS = new RoomListRequest(1400188366L, 1_700_000_000L,
            1_700_003_600L, 0, 100);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    @AfterEach
    void releaseServer() {
        release.countDown();
    }

    /** Answers only once the test releases it, tracking how many requests it holds at once. */
    private LoopbackHttpServer holdingServer() throws Exception {
        return new LoopbackHttpServer(e -> {
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
            LoopbackHttpServer.json(e, 200, OK);
        });
    }

    private static TrtcClientConfig.Builder config(String endpoint) {
        return TrtcClientConfig.builder().endpoint(endpoint).region("ap-guangzhou")
                .credentials("AKIDlifecycle", SECRET_KEY).token(TOKEN);
    }

    static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("call succeeded but was expected to fail");
    }

    @Test
    void deadlineEndsACallWhoseAnswerNeverComes() throws Exception {
        try (LoopbackHttpServer server = holdingServer();
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint())
                     .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), 5,
                             Duration.ofMillis(300)))
                     .build())) {

            Throwable failure = failureOf(client.roomList(ApiGeneration.SUCCESSOR, ROOMS));

            assertThat(failure).isInstanceOf(TrtcTransportException.class)
                    .hasMessageContaining("deadline of PT0.3S");
            assertThat(client.pendingCalls()).isZero();
        }
    }

    @Test
    void closeFailsPendingCallsAndCancelsSendsInFlight() throws Exception {
        try (LoopbackHttpServer server = holdingServer()) {
            TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).maxInFlight(2).build());
            List<CompletableFuture<RoomListResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(client.roomList(ApiGeneration.SUCCESSOR, ROOMS));
            }
            awaitCondition(() -> server.received().size() == 2, "two requests are in flight");

            client.close();

            for (CompletableFuture<RoomListResponse> call : calls) {
                assertThat(failureOf(call)).isInstanceOf(TrtcTransportException.class)
                        .hasMessageContaining("client is closed");
            }
            assertThat(client.roomList(ApiGeneration.SEED, ROOMS)).isCompletedExceptionally();
        }
    }

    @Test
    void sendsInFlightNeverExceedTheConfiguredMaximum() throws Exception {
        try (LoopbackHttpServer server = holdingServer();
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).maxInFlight(3).build())) {
            List<CompletableFuture<RoomListResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                calls.add(client.roomList(ApiGeneration.SUCCESSOR, ROOMS));
            }
            awaitCondition(() -> server.received().size() == 3, "three requests are in flight");
            assertThat(calls).noneMatch(CompletableFuture::isDone);

            release.countDown();
            for (CompletableFuture<RoomListResponse> call : calls) {
                assertThat(call.get(10, TimeUnit.SECONDS).requestId()).isEqualTo("ok");
            }
            assertThat(server.received()).hasSize(9);
            assertThat(maxConcurrent.get()).isEqualTo(3);
        }
    }

    @Test
    void secretsAppearInNoLogExceptionOrToString() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (LogCapture logs = new LogCapture();
             LoopbackHttpServer server = new LoopbackHttpServer(e -> {
                 switch (n.getAndIncrement()) {
                     case 0 -> LoopbackHttpServer.json(e, 200, "{\"Response\":{\"Error\":{\"Code\":\"InternalError\","
                             + "\"Message\":\"boom\"},\"RequestId\":\"r0\"}}");
                     case 1 -> LoopbackHttpServer.json(e, 200, "{\"Response\":{\"Total\":");
                     default -> LoopbackHttpServer.json(e, 200, "{\"Response\":{\"Error\":{\"Code\":"
                             + "\"AuthFailure.SignatureFailure\",\"Message\":\"bad signature\"},"
                             + "\"RequestId\":\"r2\"}}");
                 }
             });
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint())
                     .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), 5,
                             Duration.ofSeconds(20)))
                     .build())) {

            Throwable failure = failureOf(client.roomList(ApiGeneration.SUCCESSOR, ROOMS));

            assertThat(failure).isInstanceOf(TrtcAuthException.class).hasMessageContaining("trtc.secret.key");
            assertThat(server.received()).hasSize(3);
            assertThat(server.received().get(0).header("X-TC-Token")).isEqualTo(TOKEN);
            StringBuilder everything = new StringBuilder(logs.text()).append(client.config());
            for (Throwable t = failure; t != null; t = t.getCause()) {
                everything.append(t).append(List.of(t.getStackTrace()));
            }
            assertThat(logs.size()).as("retries are logged, so the capture saw the client").isPositive();
            assertThat(everything.toString()).contains("InternalError").doesNotContain(SECRET_KEY)
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void invalidRequestFailsWithoutSending() throws Exception {
        try (LoopbackHttpServer server = holdingServer();
             TrtcApiClient client = new TrtcApiClient(config(server.endpoint()).build())) {

            assertThatThrownBy(() -> client.callDetailSync(ApiGeneration.SEED,
                    new CallDetailRequest(1400188366L, "c", 10, 5, null, null, null, null)))
                    .isInstanceOfSatisfying(TrtcRequestException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                    .hasMessageContaining("window");
            assertThat(server.received()).isEmpty();
        }
    }
}
