package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.Malformation;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The client over real HTTP against the TRTC simulator: both generations, paging, every error path. */
class TrtcApiClientIT {
    static final String SECRET_ID = "AKIDclientIT";
    static final String SECRET_KEY = "client-it-secret-key-5a4b3c2d1e";
    static final String TEMP_ID = "AKIDtemporary";
    static final String TEMP_KEY = "temporary-secret-key-77";
    static final String TOKEN = "session-token-for-temporary-credentials";
    static final long APP = 1400188366L;
    static final long NOW = 1714521600L;
    static final long T0 = NOW - 5400;
    static final MutableClock SIM_CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        CallSpec spec = CallSpec.builder("218695").created(T0)
                .user("u1", T0, NOW - 600).user("u2", T0 + 60, NOW - 900).user("u3", T0 + 120, NOW - 300)
                .user("u4", T0 + 200, T0 + 2000).user("u5", T0 + 300, NOW - 100).user("u6", T0 + 400, NOW - 60)
                .user("u7", T0 + 500, NOW - 30).user("u8", NOW - 3000, NOW - 20)
                .build();
        sim = TrtcSimulator.builder().sdkAppId(APP).credentials(SECRET_ID, SECRET_KEY)
                .addTemporaryCredentials(TEMP_ID, TEMP_KEY, TOKEN).clock(SIM_CLOCK).seed(42)
                .generatedCalls(23, 2).call(spec).rateLimitPerSecond(0).dataDelay(Duration.ofSeconds(10))
                .build().start();
        commId = sim.calls().stream().filter(c -> c.createTime() == T0).findFirst().orElseThrow().commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
        sim.stats().reset();
        sim.settings().rateLimitPerSecond(0);
        sim.settings().numbers(SimulatorSettings.Numbers.AS_NUMBERS);
    }

    static TrtcClientConfig.Builder config() {
        return TrtcClientConfig.builder().endpoint(sim.endpoint()).region("ap-guangzhou")
                .credentials(SECRET_ID, SECRET_KEY)
                .time(new MockTime(0, NOW * 1000, 0))
                .rateLimiter(new RateLimiter(1000, Duration.ofSeconds(1), Time.SYSTEM))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(10), 4, Duration.ofSeconds(30)));
    }

    static CallDetailRequest users(int page) {
        return new CallDetailRequest(APP, commId, T0, NOW - 1, List.of(), List.of(), page, 6);
    }

    static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("call succeeded but was expected to fail");
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void everyPointOfTheCallArrivesExactlyWithEachGenerationsParameterTypes(ApiGeneration g) {
        // Count this client's own answers: a retry another test's client left in flight may still reach the
        // simulator's shared counters.
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        ApiCallListener countOk = new ApiCallListener() {
            @Override
            public void onResponse(String action, ErrorKind kind, String code, long latencyNanos, long bytes) {
                if (kind == null && action.equals(g.callDetailAction())) {
                    answered.incrementAndGet();
                }
            }
        };
        try (TrtcApiClient client = new TrtcApiClient(config().listener(countOk).build())) {
            int[] pages = {0};
            List<GroundTruth.Point> served = SimulatorFetch.points(client, g, APP, commId, T0, NOW - 10, pages);
            List<GroundTruth.Point> truth = sim.groundTruth().points(commId, T0, NOW - 10, g).stream()
                    .sorted(SimulatorFetch.ORDER).toList();

            assertThat(truth).hasSizeGreaterThan(1000);
            assertThat(served.equals(truth)).as("served %d points, truth %d", served.size(), truth.size()).isTrue();
            assertThat(pages[0]).as("8 users over 6 a page need two pages a window").isGreaterThan(2);
            assertThat(answered.get()).as("one answered request a page, no retries").isEqualTo(pages[0]);
            assertThat(sim.stats().ok(g.callDetailAction())).isGreaterThanOrEqualTo(pages[0]);
        }
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void numbersAsStringsReadExactlyTheSameSamplesUsersAndRooms(ApiGeneration g) {
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            int[] pages = {0};
            List<GroundTruth.Point> asNumbers = SimulatorFetch.points(client, g, APP, commId, T0, NOW - 10, pages);
            CallDetailResponse usersAsNumbers = client.callDetailSync(g, users(0));
            RoomListResponse roomsAsNumbers = client.roomListSync(g, new RoomListRequest(APP, NOW - 86_399, NOW, 0,
                    100));

            sim.settings().numbers(SimulatorSettings.Numbers.AS_STRINGS);
            List<GroundTruth.Point> asStrings = SimulatorFetch.points(client, g, APP, commId, T0, NOW - 10, pages);
            CallDetailResponse usersAsStrings = client.callDetailSync(g, users(0));
            RoomListResponse roomsAsStrings = client.roomListSync(g, new RoomListRequest(APP, NOW - 86_399, NOW, 0,
                    100));

            assertThat(asNumbers).hasSizeGreaterThan(1000);
            assertThat(asStrings.equals(asNumbers)).as("%d points as strings, %d as numbers", asStrings.size(),
                    asNumbers.size()).isTrue();
            assertThat(asStrings.equals(sim.groundTruth().points(commId, T0, NOW - 10, g).stream()
                    .sorted(SimulatorFetch.ORDER).toList())).isTrue();
            assertThat(usersAsStrings.total()).isEqualTo(usersAsNumbers.total()).isEqualTo(8);
            assertThat(usersAsStrings.userList()).isEqualTo(usersAsNumbers.userList());
            assertThat(roomsAsStrings.total()).isEqualTo(roomsAsNumbers.total());
            assertThat(roomsAsStrings.rooms()).isEqualTo(roomsAsNumbers.rooms()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void malformedAnswerOfOneCallIsAProtocolErrorNamingActionAndField(ApiGeneration g) throws Exception {
        sim.faults().malform(commId, Malformation.POINT_WITHOUT_TIME);
        CallDetailRequest window = new CallDetailRequest(APP, commId, NOW - 1800, NOW - 1201, List.of(),
                List.of("aBit"), 0, 6);
        SimulatedCall other = sim.calls().stream().filter(c -> !c.commId().equals(commId)
                && c.createTime() > NOW - 13 * 86_400 && c.createTime() < NOW - 3600).findFirst().orElseThrow();
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            assertThat(failureOf(client.callDetail(g, window)))
                    .isInstanceOfSatisfying(TrtcProtocolException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL);
                        assertThat(e.action()).isEqualTo(g.callDetailAction());
                        assertThat(e.fieldPath()).isEqualTo("Response.Data[0].Content[0]");
                        // The simulator writes RequestId last, as the service does: the error comes first.
                        assertThat(e.requestId()).isNull();
                    })
                    .hasMessageContaining(g.callDetailAction() + " failed: the answer (RequestId not reached before"
                            + " the error) is not the documented shape at Response.Data[0].Content[0]: Time is missing")
                    .hasMessageNotContaining(SECRET_KEY);
            // The client's own retries (4 attempts) each got the same malformed answer.
            assertThat(sim.stats().outcomes(g.callDetailAction())).containsEntry("fault:point-without-time", 4L);
            // Other calls read normally.
            client.callDetailSync(g, new CallDetailRequest(APP, other.commId(), other.createTime(),
                    other.createTime() + 599, List.of(), List.of("aBit"), 0, 6));

            sim.faults().malform(commId, Malformation.TOTAL_MISSING, NOW - 1500, NOW - 1499);
            assertThat(failureOf(client.callDetail(g, window)))
                    .isInstanceOfSatisfying(TrtcProtocolException.class, e -> {
                        assertThat(e.requestId()).as("read with the whole answer").isNotBlank();
                        assertThat(e.fieldPath()).isEqualTo("Response");
                    })
                    .hasMessageContaining("Total is missing");
            assertThat(client.callDetailSync(g, new CallDetailRequest(APP, commId, NOW - 1200, NOW - 601, List.of(),
                    List.of("aBit"), 0, 6)).pointCount()).as("a window not overlapping the range").isPositive();

            sim.faults().heal(commId);
            assertThat(client.callDetailSync(g, window).pointCount()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void userListPagesUntilAShortPage(ApiGeneration g) {
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            CallDetailResponse first = client.callDetailSync(g, users(0));
            CallDetailResponse second = client.callDetailSync(g, users(1));

            assertThat(first.total()).isEqualTo(8);
            assertThat(first.userList()).hasSize(6);
            assertThat(second.userList()).hasSize(2);
            Set<String> ids = new HashSet<>();
            first.userList().forEach(u -> ids.add(u.userId()));
            second.userList().forEach(u -> ids.add(u.userId()));
            assertThat(ids).containsExactlyInAnyOrder("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8");
            assertThat(first.userList().get(0).roomStr()).isEqualTo("218695");
        }
    }

    @ParameterizedTest
    @EnumSource(ApiGeneration.class)
    void roomListPagesFindEveryCall(ApiGeneration g) {
        long from = NOW - 86_400 + 1;
        Set<String> expected = new HashSet<>();
        for (SimulatedCall c : sim.calls()) {
            if (c.createTime() >= from && c.createTime() <= NOW) {
                expected.add(c.commId());
            }
        }
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            Set<String> found = new HashSet<>();
            for (int page = 0; ; page++) {
                RoomListResponse r = client.roomListSync(g, new RoomListRequest(APP, from, NOW, page, 3));
                r.rooms().forEach(room -> found.add(room.commId()));
                if (r.rooms().size() < 3) {
                    break;
                }
            }
            assertThat(expected).contains(commId);
            assertThat(found).isEqualTo(expected);
        }
    }

    @Test
    void wrongSecretKeyIsAnAuthFailureAndNotRetried() throws Exception {
        try (TrtcApiClient client = new TrtcApiClient(config().credentials(SECRET_ID, "not-the-key").build())) {
            assertThat(failureOf(client.callDetail(ApiGeneration.SUCCESSOR, users(0))))
                    .isInstanceOfSatisfying(TrtcAuthException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.AUTH);
                        assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure");
                        assertThat(e.requestId()).isNotBlank();
                    })
                    .hasMessageContaining("trtc.secret.key");
            assertThat(sim.stats().requests("DescribeCallDetailInfo")).isEqualTo(1);
        }
    }

    @Test
    void unknownSecretIdNamesTheSetting() throws Exception {
        try (TrtcApiClient client = new TrtcApiClient(config().credentials("AKIDunknown", SECRET_KEY).build())) {
            assertThat(failureOf(client.callDetail(ApiGeneration.SEED, users(0))))
                    .isInstanceOfSatisfying(TrtcAuthException.class,
                            e -> assertThat(e.code()).isEqualTo("AuthFailure.SecretIdNotFound"))
                    .hasMessageContaining("trtc.secret.id");
            assertThat(sim.stats().requests("DescribeCallDetail")).isEqualTo(1);
        }
    }

    @Test
    void temporaryCredentialsSendTheTokenAndABadTokenNamesTheSetting() throws Exception {
        try (TrtcApiClient good = new TrtcApiClient(config().credentials(TEMP_ID, TEMP_KEY).token(TOKEN).build());
             TrtcApiClient stale = new TrtcApiClient(config().credentials(TEMP_ID, TEMP_KEY).token("expired-token")
                     .build())) {
            assertThat(good.callDetailSync(ApiGeneration.SUCCESSOR, users(0)).total()).isEqualTo(8);
            assertThat(failureOf(stale.callDetail(ApiGeneration.SUCCESSOR, users(0))))
                    .isInstanceOfSatisfying(TrtcAuthException.class,
                            e -> assertThat(e.code()).isEqualTo("AuthFailure.TokenFailure"))
                    .hasMessageContaining("trtc.token")
                    .hasMessageNotContaining("expired-token");
        }
    }

    @Test
    void expiredSignatureIsRetriedOnceWithAFreshTimestamp() {
        // The first reading is ten minutes slow, the next one right: the retry re-signs and succeeds.
        AtomicInteger reads = new AtomicInteger();
        MockTime healing = new MockTime(0, NOW * 1000, 0) {
            @Override
            public long milliseconds() {
                return (reads.getAndIncrement() == 0 ? NOW - 600 : NOW) * 1000;
            }
        };
        try (TrtcApiClient client = new TrtcApiClient(config().time(healing).build())) {
            assertThat(client.callDetailSync(ApiGeneration.SUCCESSOR, users(0)).userList()).hasSize(6);
            assertThat(sim.stats().outcome("DescribeCallDetailInfo", "AuthFailure.SignatureExpire")).isEqualTo(1);
            assertThat(sim.stats().ok("DescribeCallDetailInfo")).isEqualTo(1);
        }
    }

    @Test
    void expiredSignatureTwiceFailsNamingTheClock() throws Exception {
        MockTime slow = new MockTime(0, (NOW - 600) * 1000, 0);
        try (TrtcApiClient client = new TrtcApiClient(config().time(slow).build())) {
            assertThat(failureOf(client.callDetail(ApiGeneration.SUCCESSOR, users(0))))
                    .isInstanceOfSatisfying(TrtcAuthException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.SIGNATURE_EXPIRED))
                    .hasMessageContaining("clock");
            assertThat(sim.stats().requests("DescribeCallDetailInfo")).isEqualTo(2);
        }
    }

    @Test
    void retriableFaultsAreRetriedUntilSuccess() {
        sim.faults().action("DescribeCallDetailInfo").script(
                Fault.error("RequestLimitExceeded.UinLimitExceeded"), Fault.httpStatus(503), Fault.truncatedJson(),
                Fault.truncatedBody(), Fault.connectionReset(), Fault.malformedJson(), Fault.error("InternalError"));
        try (TrtcApiClient client = new TrtcApiClient(config()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 8, Duration.ofSeconds(30)))
                .build())) {
            assertThat(client.callDetailSync(ApiGeneration.SUCCESSOR, users(0)).userList()).hasSize(6);
            assertThat(sim.stats().requests("DescribeCallDetailInfo")).isEqualTo(8);
            assertThat(sim.stats().ok("DescribeCallDetailInfo")).isEqualTo(1);
        }
    }

    static Stream<Arguments> faultKinds() {
        return Stream.of(
                Arguments.of(Fault.truncatedJson(), ErrorKind.TRANSPORT, TrtcTransportException.class),
                Arguments.of(Fault.truncatedBody(), ErrorKind.TRANSPORT, TrtcTransportException.class),
                Arguments.of(Fault.malformedJson(), ErrorKind.TRANSPORT, TrtcTransportException.class),
                Arguments.of(Fault.connectionReset(), ErrorKind.TRANSPORT, TrtcTransportException.class),
                Arguments.of(Fault.httpStatus(502), ErrorKind.SERVER, TrtcServerException.class),
                Arguments.of(Fault.httpStatus(429), ErrorKind.THROTTLED, TrtcThrottledException.class),
                Arguments.of(Fault.error("RequestLimitExceeded.IPLimitExceeded"), ErrorKind.THROTTLED,
                        TrtcThrottledException.class),
                Arguments.of(Fault.error("ResourceUnavailable"), ErrorKind.SERVER, TrtcServerException.class),
                Arguments.of(Fault.error("UnsupportedRegion"), ErrorKind.REGION, TrtcConfigurationException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("faultKinds")
    void eachFaultSurfacesAsItsKindOnceRetriesAreSpent(Fault fault, ErrorKind kind, Class<?> family)
            throws Exception {
        sim.faults().action("DescribeRoomInfo").next(1, fault);
        try (TrtcApiClient client = new TrtcApiClient(config()
                .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(20))).build())) {
            assertThat(failureOf(client.roomList(ApiGeneration.SUCCESSOR, new RoomListRequest(APP, NOW - 3600, NOW,
                    0, 10)))).isInstanceOf(family)
                    .satisfies(e -> assertThat(((TrtcApiException) e).kind()).isEqualTo(kind))
                    .hasMessageContaining("DescribeRoomInfo");
            assertThat(sim.stats().requests("DescribeRoomInfo")).isEqualTo(1);
        }
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastError() throws Exception {
        sim.faults().action("DescribeCallDetail").next(10, Fault.error("RequestLimitExceeded"));
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            assertThat(failureOf(client.callDetail(ApiGeneration.SEED, users(0))))
                    .isInstanceOf(TrtcThrottledException.class);
            assertThat(sim.stats().requests("DescribeCallDetail")).isEqualTo(4);
        }
    }

    @Test
    void permanentInvalidParameterIsNotRetried() throws Exception {
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            // Seven users break the documented limit of six.
            CallDetailRequest tooMany = new CallDetailRequest(APP, commId, T0, NOW - 1,
                    List.of("u1", "u2", "u3", "u4", "u5", "u6", "u7"), List.of(), null, null);
            assertThat(failureOf(client.callDetail(ApiGeneration.SEED, tooMany)))
                    .isInstanceOfSatisfying(TrtcRequestException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                        assertThat(e.code()).startsWith("InvalidParameter");
                    });
            assertThat(sim.stats().requests("DescribeCallDetail")).isEqualTo(1);
        }
    }

    @Test
    void deadlineEndsACallStuckBehindLatency() throws Exception {
        sim.faults().action("DescribeCallDetailInfo").next(5, Fault.latency(Duration.ofSeconds(2)));
        try (TrtcApiClient client = new TrtcApiClient(config()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), 4, Duration.ofMillis(400)))
                .build())) {
            assertThat(failureOf(client.callDetail(ApiGeneration.SUCCESSOR, users(0))))
                    .isInstanceOf(TrtcTransportException.class)
                    .hasMessageContaining("deadline");
        }
        // The simulator still holds the abandoned requests; once they end they would be counted in the next test.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sim.stats().requests("DescribeCallDetailInfo")
                < sim.stats().faults("DescribeCallDetailInfo", Fault.Kind.LATENCY)) {
            assertThat(System.nanoTime()).as("the simulator ends the delayed requests within 30 s")
                    .isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void severalRequestsAreInFlightOverASlowLink() throws Exception {
        sim.faults().action("DescribeCallDetailInfo").next(12, Fault.latency(Duration.ofMillis(250)));
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        ApiCallListener counting = new ApiCallListener() {
            @Override
            public void onRequest(String action) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }

            @Override
            public void onResponse(String action, ErrorKind kind, String code, long latencyNanos, long bytes) {
                inFlight.decrementAndGet();
            }
        };
        try (TrtcApiClient client = new TrtcApiClient(config().maxInFlight(6).listener(counting).build())) {
            List<CompletableFuture<CallDetailResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(client.callDetail(ApiGeneration.SUCCESSOR, users(i % 2)));
            }
            for (CompletableFuture<CallDetailResponse> c : calls) {
                assertThat(c.get(20, TimeUnit.SECONDS).total()).isEqualTo(8);
            }
            assertThat(maxInFlight.get()).isBetween(4, 6);
        }
    }

    @Test
    void sharedLimiterKeepsTwoClientsUnderTheServiceLimit() throws Exception {
        sim.settings().rateLimitPerSecond(10);
        // The service counts arrivals per second; a window a little over a second (as the connector uses) keeps
        // scheduling jitter between send and arrival from ever pushing an 11th request into one second.
        RateLimiter shared = new RateLimiter(10, Duration.ofMillis(1100), Time.SYSTEM);
        try (TrtcApiClient a = new TrtcApiClient(config().rateLimiter(shared).build());
             TrtcApiClient b = new TrtcApiClient(config().rateLimiter(shared).build())) {
            List<CompletableFuture<CallDetailResponse>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 13; i++) {
                calls.add(a.callDetail(ApiGeneration.SUCCESSOR, users(0)));
                calls.add(b.callDetail(ApiGeneration.SUCCESSOR, users(1)));
            }
            for (CompletableFuture<CallDetailResponse> c : calls) {
                c.get(20, TimeUnit.SECONDS);
            }
            assertThat(sim.stats().throttled("DescribeCallDetailInfo")).isZero();
            assertThat(sim.stats().ok("DescribeCallDetailInfo")).isEqualTo(26);
            assertThat(shared.totalWaitNanos()).isPositive();
        }
    }

    @Test
    void unservedSeedActionIsAConfigurationError() throws Exception {
        sim.settings().seedActionsOffline(true);
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            assertThat(failureOf(client.callDetail(ApiGeneration.SEED, users(0))))
                    .isInstanceOfSatisfying(TrtcConfigurationException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_ACTION))
                    .hasMessageContaining("other API generation");
        } finally {
            sim.settings().seedActionsOffline(false);
        }
    }

    @Test
    void secretKeyIsAbsentFromEveryLogLineOfAFailingCall() throws Exception {
        sim.faults().action("DescribeCallDetailInfo").script(Fault.connectionReset(), Fault.truncatedJson(),
                Fault.error("InternalError.DBError", "db down\nretry"), Fault.error("AuthFailure.SignatureFailure"));
        try (LogCapture logs = new LogCapture();
             TrtcApiClient client = new TrtcApiClient(config().build())) {
            Throwable failure = failureOf(client.callDetail(ApiGeneration.SUCCESSOR, users(0)));

            assertThat(failure).isInstanceOf(TrtcAuthException.class);
            assertThat(sim.stats().requests("DescribeCallDetailInfo")).isEqualTo(4);
            assertThat(logs.size()).as("the retries were logged").isGreaterThanOrEqualTo(3);
            StringBuilder all = new StringBuilder(logs.text()).append(client.config());
            for (Throwable t = failure; t != null; t = t.getCause()) {
                all.append(t);
            }
            assertThat(all.toString()).contains("DescribeCallDetailInfo").doesNotContain(SECRET_KEY);
        }
    }
}
