package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code DescribeUserEvent} and {@code DescribeUnusualEvent} through the client, over HTTP against the simulator. */
class EventActionsClientTest {
    static final String SECRET_ID = "AKIDeventsClient";
    static final String SECRET_KEY = "events-client-secret-key-0a1b2c";
    static final long APP = 1400188366L;
    static final long NOW = 1714521600L;
    static final long T0 = NOW - 4000;
    static final String ROOM = "5150";
    static final MutableClock SIM_CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static SimulatedCall call;

    @BeforeAll
    static void start() {
        CallSpec.Builder spec = CallSpec.builder(ROOM).created(T0)
                .user("u0", T0, T0 + 1200).user("u0", T0 + 1500, NOW - 100);
        for (int i = 1; i < 9; i++) {
            spec.user("u" + i, T0 + i * 20, NOW - 100 - i * 30);
        }
        sim = TrtcSimulator.builder().sdkAppId(APP).credentials(SECRET_ID, SECRET_KEY).clock(SIM_CLOCK).seed(42)
                .call(spec.build()).rateLimitPerSecond(0).dataDelay(Duration.ofSeconds(10)).build().start();
        call = sim.calls().get(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.faults().clear();
        sim.stats().reset();
        sim.settings().numbers(SimulatorSettings.Numbers.AS_NUMBERS).emptyList(SimulatorSettings.EmptyList.EMPTY_ARRAY)
                .ownPeerId(SimulatorSettings.OwnPeerId.SELF).eventTimeUnit(SimulatorSettings.EventTimeUnit.SECONDS)
                .unknownCommId(SimulatorSettings.UnknownCommId.RESOURCE_NOT_FOUND);
    }

    static TrtcClientConfig.Builder config() {
        return TrtcClientConfig.builder().endpoint(sim.endpoint()).region("ap-guangzhou")
                .credentials(SECRET_ID, SECRET_KEY)
                .time(new MockTime(0, NOW * 1000, 0))
                .rateLimitPerSecond(UserEventRequest.ACTION, 1000)
                .rateLimitPerSecond(UnusualEventRequest.ACTION, 1000)
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(10), 4, Duration.ofSeconds(30)));
    }

    static UserEventRequest userEvents(String userId, long start, long end) {
        return new UserEventRequest(APP, call.commId(), ROOM, userId, start, end);
    }

    /** The answer as ground-truth records; the user's own group (own id or empty) has no peer. */
    static List<GroundTruth.UserEvent> asTruth(UserEventResponse r, String userId) {
        List<GroundTruth.UserEvent> out = new ArrayList<>();
        for (UserEventGroup g : r.data()) {
            for (UserEvent e : g.events()) {
                out.add(new GroundTruth.UserEvent(call.commId(), userId, g.aboutOwnUplink(userId) ? null : g.peerId(),
                        e.type(), e.timeMillis(), e.eventId(), e.paramOne(), e.paramTwo()));
            }
        }
        return out;
    }

    static List<GroundTruth.Experience> asTruth(UnusualEventResponse r) {
        return r.experiences().stream().map(e -> new GroundTruth.Experience(call.commId(), e.roomId(), e.userId(),
                e.experienceId(), e.eventTimeMillis(), e.abnormalEvents().stream()
                .map(c -> new GroundTruth.Cause(c.abnormalEventId(), c.peerId())).toList())).toList();
    }

    static List<GroundTruth.Experience> inSeconds(List<GroundTruth.Experience> truth) {
        return truth.stream().map(e -> new GroundTruth.Experience(e.commId(), e.roomId(), e.userId(),
                e.experienceId(), e.timeSec() * 1000, e.causes())).toList();
    }

    @Test
    void everyUserEventArrivesExactlyInEachReadingAndNumberStyle() {
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            for (String user : List.of("u0", "u3")) {
                List<GroundTruth.UserEvent> truth = sim.groundTruth().userEvents(call.commId(), user, T0, NOW);
                UserEventResponse r = client.userEventsSync(userEvents(user, T0, NOW - 1));
                assertThat(truth).hasSizeGreaterThan(10);
                assertThat(asTruth(r, user)).isEqualTo(truth);
                assertThat(r.eventCount()).isEqualTo(truth.size());
                assertThat(r.data().get(0).peerId()).isEqualTo(user);
                assertThat(r.requestId()).isNotBlank();
            }
            sim.settings().numbers(SimulatorSettings.Numbers.AS_STRINGS).ownPeerId(SimulatorSettings.OwnPeerId.EMPTY);
            UserEventResponse strings = client.userEventsSync(userEvents("u0", T0, NOW - 1));
            assertThat(strings.data().get(0).peerId()).isNull();
            assertThat(asTruth(strings, "u0")).isEqualTo(sim.groundTruth().userEvents(call.commId(), "u0", T0, NOW));
            assertThat(strings.data().get(0).events()).anySatisfy(e -> assertThat(e.paramTwo()).isEqualTo(-1));
            assertThat(sim.stats().ok(UserEventRequest.ACTION)).isEqualTo(3);
        }
    }

    @Test
    void unknownUsersAndCallsAreEmptyAnswersWhenTheServiceSaysSo() {
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            assertThat(client.userEventsSync(userEvents("nobody", T0, NOW)).data()).isEmpty();
            sim.settings().emptyList(SimulatorSettings.EmptyList.NULL);
            assertThat(client.userEventsSync(userEvents("nobody", T0, NOW)).data()).isEmpty();
            assertThat(client.unusualEventsSync(new UnusualEventRequest(APP, "no-room", NOW - 60, NOW))
                    .experiences()).isEmpty();
            UserEventRequest unknown = new UserEventRequest(APP, APP + "_1_1", "1", "u0", T0, NOW);
            assertThatThrownBy(() -> client.userEventsSync(unknown))
                    .isInstanceOfSatisfying(TrtcRequestException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.CALL_NOT_FOUND);
                        assertThat(e.action()).isEqualTo(UserEventRequest.ACTION);
                    });
            sim.settings().unknownCommId(SimulatorSettings.UnknownCommId.EMPTY_RESULT);
            assertThat(client.userEventsSync(unknown).data()).isEmpty();
        }
    }

    @Test
    void experiencesArriveWithTheirTimeInMillisecondsWhicheverUnitTheServiceUses() {
        long start = NOW - 1800;
        long end = NOW - 1500;
        List<GroundTruth.Experience> truth = sim.groundTruth().roomExperiences(ROOM, start, end + 1);
        assertThat(truth).isNotEmpty().hasSizeLessThan(20);
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            UnusualEventRequest q = new UnusualEventRequest(APP, ROOM, start, end);
            UnusualEventResponse seconds = client.unusualEventsSync(q);
            assertThat(seconds.total()).isEqualTo(truth.size());
            assertThat(seconds.possiblySampled()).isFalse();
            assertThat(seconds.experiences().get(0).eventTime()).isLessThan(AbnormalExperience.SECONDS_BELOW);
            assertThat(asTruth(seconds)).isEqualTo(inSeconds(truth));

            sim.settings().eventTimeUnit(SimulatorSettings.EventTimeUnit.MILLIS)
                    .numbers(SimulatorSettings.Numbers.AS_STRINGS);
            UnusualEventResponse millis = client.unusualEventsSync(q);
            assertThat(millis.experiences().get(0).eventTime()).isGreaterThan(AbnormalExperience.SECONDS_BELOW);
            assertThat(asTruth(millis)).isEqualTo(truth);
        }
    }

    @Test
    void aFullAnswerIsASampleOfTheWindow() {
        long start = NOW - 3700;
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            UnusualEventResponse r = client.unusualEventsSync(new UnusualEventRequest(APP, ROOM, start, start + 3600));
            assertThat(r.total()).isEqualTo(20);
            assertThat(r.possiblySampled()).isTrue();
            assertThat(inSeconds(sim.groundTruth().roomExperiences(ROOM, start, start + 3601)))
                    .hasSizeGreaterThan(20).containsAll(asTruth(r));
        }
    }

    @Test
    void serviceErrorsAreClassifiedAsForCallDetail() {
        try (TrtcApiClient client = new TrtcApiClient(config().build())) {
            assertThatThrownBy(() -> client.unusualEventsSync(new UnusualEventRequest(APP, ROOM, NOW - 3601, NOW)))
                    .isInstanceOfSatisfying(TrtcRequestException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.WINDOW_TOO_LONG);
                        assertThat(e.code()).isEqualTo("InvalidParameter.QueryScaleOversize");
                        assertThat(e.action()).isEqualTo(UnusualEventRequest.ACTION);
                    });
            assertThatThrownBy(() -> client.userEventsSync(new UserEventRequest(APP + 1, call.commId(), ROOM, "u0",
                    T0, NOW))).isInstanceOfSatisfying(TrtcConfigurationException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.APPLICATION));
            assertThatThrownBy(() -> client.userEventsSync(userEvents("u0", NOW - 20 * 86400, NOW)))
                    .isInstanceOfSatisfying(TrtcRequestException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.START_TOO_OLD));
            assertThatThrownBy(() -> client.userEventsSync(userEvents(" ", T0, NOW)))
                    .isInstanceOfSatisfying(TrtcApiException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                    .hasMessageContaining("UserId must not be blank");

            sim.stats().reset();
            sim.faults().action(UserEventRequest.ACTION).script(Fault.error("InternalError"), Fault.httpStatus(503),
                    Fault.error("RequestLimitExceeded.UinLimitExceeded"));
            assertThat(client.userEventsSync(userEvents("u0", T0, NOW)).eventCount()).isPositive();
            assertThat(sim.stats().requests(UserEventRequest.ACTION)).isEqualTo(4);
        }
    }

    @Test
    void answersOverTheSizeLimitAreRefusedForBothActions() {
        try (TrtcApiClient client = new TrtcApiClient(config().maxResponseBytes(1024).build())) {
            assertThatThrownBy(() -> client.userEventsSync(userEvents("u0", T0, NOW)))
                    .isInstanceOfSatisfying(TrtcProtocolException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ANSWER_TOO_LARGE));
            assertThatThrownBy(() -> client.unusualEventsSync(new UnusualEventRequest(APP, ROOM, NOW - 3700,
                    NOW - 100))).isInstanceOfSatisfying(TrtcProtocolException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.ANSWER_TOO_LARGE));
            assertThat(sim.stats().requests(UserEventRequest.ACTION)).as("not retried").isEqualTo(1);
        }
    }

    @Test
    void eachActionPassesItsOwnLimiterAndThrottlingOneHoldsUpNoOther() throws Exception {
        MockTime userTime = new MockTime(0, 0, 1_000_000_000L);
        MockTime unusualTime = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter userLimiter = new RateLimiter(1, Duration.ofSeconds(1), userTime);
        RateLimiter unusualLimiter = new RateLimiter(5, Duration.ofSeconds(1), unusualTime);
        RateLimiter shared = new RateLimiter(1000, Duration.ofSeconds(1), Time.SYSTEM);
        List<String> throttled = new CopyOnWriteArrayList<>();
        ApiCallListener listener = new ApiCallListener() {
            @Override
            public void onThrottleWait(String action, long nanos) {
                throttled.add(action);
            }
        };
        try (TrtcApiClient client = new TrtcApiClient(config().rateLimiter(shared)
                .rateLimiter(UserEventRequest.ACTION, userLimiter)
                .rateLimiter(UnusualEventRequest.ACTION, unusualLimiter).listener(listener).build())) {
            for (int i = 0; i < 3; i++) {
                client.userEventsSync(userEvents("u1", T0, NOW));
                client.unusualEventsSync(new UnusualEventRequest(APP, ROOM, NOW - 600, NOW));
            }
            client.roomListSync(ApiGeneration.SUCCESSOR, new RoomListRequest(APP, NOW - 3600, NOW, 0, 10));

            assertThat(userLimiter.totalGranted()).isEqualTo(3);
            assertThat(unusualLimiter.totalGranted()).isEqualTo(3);
            assertThat(shared.totalGranted()).isEqualTo(1);
            // One a second for user events: the limiter waited on its own clock; the other action never did.
            assertThat(userLimiter.totalWaitNanos()).isGreaterThanOrEqualTo(2_000_000_000L - 2_000_000);
            assertThat(unusualLimiter.totalWaitNanos()).isZero();
            assertThat(throttled).as("waits are reported with their action").contains(UserEventRequest.ACTION)
                    .allMatch(TrtcClientConfig::knownAction);
        }

        RateLimiter slow = new RateLimiter(1, Duration.ofHours(1), Time.SYSTEM);
        try (TrtcApiClient client = new TrtcApiClient(config().maxInFlight(2)
                .rateLimiter(UserEventRequest.ACTION, slow).build())) {
            client.userEventsSync(userEvents("u1", T0, NOW));
            CompletableFuture<UserEventResponse> waiting = client.userEvents(userEvents("u2", T0, NOW));
            // The second user-event request waits an hour for its limiter; the other actions go on meanwhile.
            assertThat(client.unusualEvents(new UnusualEventRequest(APP, ROOM, NOW - 600, NOW))
                    .get(20, TimeUnit.SECONDS).requestId()).isNotBlank();
            assertThat(client.callDetail(ApiGeneration.SUCCESSOR, new CallDetailRequest(APP, call.commId(), T0,
                    T0 + 600, List.of(), List.of(), 0, 6)).get(20, TimeUnit.SECONDS).total()).isPositive();
            assertThat(waiting).isNotDone();
            client.close();
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void requestBodiesCarryIntegersAndStringsAsTheDocsTypeThem() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200,
                "{\"Response\":{\"Total\":0,\"Data\":[],\"RequestId\":\"r\"}}"));
             TrtcApiClient client = new TrtcApiClient(config().endpoint(server.endpoint()).build())) {
            client.userEventsSync(new UserEventRequest(APP, "c-1", "42", "u-1", 100, 200));
            client.unusualEventsSync(new UnusualEventRequest(APP, "42", 100, 200));

            assertThat(new String(server.received().get(0).body(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"CommId\":\"c-1\",\"StartTime\":100,\"EndTime\":200,\"UserId\":\"u-1\",\"RoomId\":\"42\","
                            + "\"SdkAppId\":" + APP + "}");
            assertThat(server.received().get(0).header("X-TC-Action")).isEqualTo("DescribeUserEvent");
            assertThat(new String(server.received().get(1).body(), StandardCharsets.UTF_8)).isEqualTo(
                    "{\"SdkAppId\":" + APP + ",\"StartTime\":100,\"EndTime\":200,\"RoomId\":\"42\"}");
            assertThat(server.received().get(1).header("X-TC-Action")).isEqualTo("DescribeUnusualEvent");
        }
    }
}
