package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.APP;
import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DescribeUnusualEvent}: experiences that follow the lag values, any 20 per answer, the one-hour window,
 * the {@code EventTime} reading and the per-action rate limit.
 */
class UnusualEventServingTest {
    static final String ACTION = "DescribeUnusualEvent";
    static final String ROOM = "777";
    static final long T0 = NOW - 4000;
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final AtomicLong REAL_MILLIS = new AtomicLong(2_000_000_000L);
    static TrtcSimulator sim;
    static SimulatedCall call;

    @BeforeAll
    static void start() {
        CallSpec.Builder spec = CallSpec.builder(ROOM).created(T0);
        for (int i = 0; i < 9; i++) {
            spec.user("user" + i, T0 + i * 20, NOW - 100 - i * 30);
        }
        sim = TestSims.builder(CLOCK).realTimeMillis(REAL_MILLIS::get).call(spec.build())
                .call(CallSpec.builder("778").created(T0).user("x", T0, NOW - 200).user("y", T0 + 5, NOW - 200)
                        .build())
                .build().start();
        call = sim.calls().stream().filter(c -> c.roomId().equals(ROOM)).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.settings().eventTimeUnit(SimulatorSettings.EventTimeUnit.SECONDS)
                .windowCount(SimulatorSettings.WindowCount.END_MINUS_START).emptyList(SimulatorSettings.EmptyList.EMPTY_ARRAY)
                .numbers(SimulatorSettings.Numbers.AS_NUMBERS).rateLimitPerSecond(0).clearActionRateLimits();
        sim.stats().reset();
    }

    static Map<String, Object> body(String roomId, long start, long end) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("SdkAppId", APP);
        p.put("StartTime", start);
        p.put("EndTime", end);
        if (roomId != null) {
            p.put("RoomId", roomId);
        }
        return p;
    }

    static SignedRequest.Answer send(Map<String, Object> body) {
        return TestSims.request(sim, ACTION).body(body).send();
    }

    /** The served experiences as ground-truth records, {@code EventTime} read in the given unit. */
    static List<GroundTruth.Experience> experiences(JsonNode r, boolean millis) {
        return experiences(r, millis, call.commId());
    }

    static List<GroundTruth.Experience> experiences(JsonNode r, boolean millis, String commId) {
        List<GroundTruth.Experience> out = new ArrayList<>();
        for (JsonNode e : r.path("AbnormalExperienceList")) {
            List<GroundTruth.Cause> causes = new ArrayList<>();
            for (JsonNode c : e.path("AbnormalEventList")) {
                String peer = c.path("PeerId").asText();
                causes.add(new GroundTruth.Cause(c.path("AbnormalEventId").asInt(), peer.isEmpty() ? null : peer));
            }
            long time = e.path("EventTime").asLong();
            out.add(new GroundTruth.Experience(commId, e.path("RoomId").asText(), e.path("UserId").asText(),
                    e.path("ExperienceId").asInt(), millis ? time : time * 1000, causes));
        }
        return out;
    }

    /** Ground truth with the milliseconds cut off, as a seconds answer carries it. */
    static List<GroundTruth.Experience> inSeconds(List<GroundTruth.Experience> truth) {
        return truth.stream().map(e -> new GroundTruth.Experience(e.commId(), e.roomId(), e.userId(),
                e.experienceId(), e.timeSec() * 1000, e.causes())).toList();
    }

    @Test
    void everyLagTheDataShowsComesWithAnExperienceAndNothingElseDoes() {
        List<GroundTruth.Experience> truth = sim.groundTruth().experiences(call.commId(), T0, NOW);
        assertThat(truth).hasSizeGreaterThan(20);
        Set<String> expected = new HashSet<>();
        MetricModel model = sim.metricModel();
        ExperienceModel rule = new ExperienceModel(42, model);
        long visibleUntil = sim.groundTruth().visibleUntil();
        for (SimulatedUser u : call.users()) {
            for (long t : SampleTimes.of(u, T0, NOW - 1, NOW, visibleUntil)) {
                if (rule.prone(call, u) && model.value(call.commId(), u.userId(), null, "bigvBlock", t) >= 490) {
                    expected.add(u.userId() + "@" + t + "#4");
                }
                if (rule.prone(call, u) && model.value(call.commId(), u.userId(), null, "aBlock", t) >= 490) {
                    expected.add(u.userId() + "@" + t + "#5");
                }
            }
        }
        assertThat(truth).extracting(e -> e.userId() + "@" + e.timeSec() + "#" + e.experienceId())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(call.users()).as("some users are prone to lag, some not")
                .anyMatch(u -> rule.prone(call, u)).anyMatch(u -> !rule.prone(call, u));
        for (GroundTruth.Experience e : truth) {
            assertThat(e.causes()).hasSizeBetween(1, 3);
            assertThat(e.roomId()).isEqualTo(ROOM);
            for (GroundTruth.Cause c : e.causes()) {
                boolean peerCause = Set.of(2024, 2017, 2023, 2015).contains(c.abnormalEventId());
                assertThat(c.peerId() != null).as("%s", e).isEqualTo(peerCause);
                if (peerCause) {
                    assertThat(call.user(c.peerId()).presentAt(e.timeSec(), NOW)).isTrue();
                    assertThat(c.peerId()).isNotEqualTo(e.userId());
                }
            }
        }
    }

    @Test
    void aWindowWithMoreThanTwentyAnswersAnyTwentyOfThemTheSameEachTime() {
        long start = NOW - 3700;
        long end = start + 3600;
        List<GroundTruth.Experience> truth = inSeconds(sim.groundTruth().roomExperiences(ROOM, start, end + 1));
        assertThat(truth).hasSizeGreaterThan(20);

        JsonNode r = send(body(ROOM, start, end)).ok();
        List<GroundTruth.Experience> served = experiences(r, false);
        assertThat(r.path("Total").asInt()).isEqualTo(20);
        assertThat(served).hasSize(20).doesNotHaveDuplicates();
        assertThat(truth).containsAll(served);
        assertThat(served).as("a sample, not the window's beginning").isNotEqualTo(truth.subList(0, 20));
        assertThat(served).as("in time order").isSortedAccordingTo(
                java.util.Comparator.comparingLong(GroundTruth.Experience::timeMillis));
        assertThat(experiences(send(body(ROOM, start, end)).ok(), false)).isEqualTo(served);
        assertThat(experiences(send(body(ROOM, start + 1, end)).ok(), false))
                .as("another window, another sample").isNotEqualTo(served);
    }

    @Test
    void shortWindowsTogetherServeEveryExperience() {
        long start = NOW - 3700;
        long end = start + 3600;
        List<GroundTruth.Experience> all = new ArrayList<>();
        for (long w = start; w < end; w += 300) {
            JsonNode r = send(body(ROOM, w, w + 299)).ok();
            assertThat(r.path("Total").asInt()).as("window %s", w).isLessThan(20)
                    .isEqualTo(r.path("AbnormalExperienceList").size());
            all.addAll(experiences(r, false));
        }
        assertThat(all).isEqualTo(inSeconds(sim.groundTruth().roomExperiences(ROOM, start, end)));
    }

    @Test
    void eventTimeIsSecondsOrMillisecondsAsTheReadingSays() {
        long start = NOW - 1800;
        long end = NOW - 1500;
        List<GroundTruth.Experience> truth = sim.groundTruth().roomExperiences(ROOM, start, end + 1);
        assertThat(truth).isNotEmpty();
        assertThat(experiences(send(body(ROOM, start, end)).ok(), false)).isEqualTo(inSeconds(truth));
        sim.settings().eventTimeUnit(SimulatorSettings.EventTimeUnit.MILLIS);
        JsonNode r = send(body(ROOM, start, end)).ok();
        assertThat(r.path("AbnormalExperienceList").get(0).path("EventTime").asLong()).isGreaterThan(100_000_000_000L);
        assertThat(experiences(r, true)).isEqualTo(truth);
    }

    @Test
    void windowsOverAnHourAreRefusedCountedAsTheReadingSays() {
        assertThat(send(body(ROOM, NOW - 3601, NOW)).errorCode()).isEqualTo("InvalidParameter.QueryScaleOversize");
        assertThat(send(body(ROOM, NOW - 3600, NOW)).errorCode()).isNull();
        sim.settings().windowCount(SimulatorSettings.WindowCount.INCLUSIVE);
        assertThat(send(body(ROOM, NOW - 3600, NOW)).errorCode()).isEqualTo("InvalidParameter.QueryScaleOversize");
        assertThat(send(body(ROOM, NOW - 3599, NOW)).errorCode()).isNull();
    }

    @Test
    void roomsAreSeparateAndAWindowWithoutExperiencesIsEmpty() {
        List<GroundTruth.Experience> other = inSeconds(sim.groundTruth().roomExperiences("778", NOW - 3700, NOW));
        assertThat(other).isNotEmpty().allSatisfy(e -> assertThat(e.roomId()).isEqualTo("778"));
        assertThat(experiences(send(body("778", NOW - 3700, NOW - 100)).ok(), false, other.get(0).commId()))
                .isEqualTo(other);
        JsonNode none = send(body("no-such-room", NOW - 600, NOW)).ok();
        assertThat(none.path("Total").asInt()).isZero();
        assertThat(none.path("AbnormalExperienceList").isArray()).isTrue();
        sim.settings().emptyList(SimulatorSettings.EmptyList.NULL);
        assertThat(send(body("no-such-room", NOW - 600, NOW)).ok().path("AbnormalExperienceList").isNull()).isTrue();
        assertThat(send(body(null, NOW - 600, NOW)).errorCode()).as("RoomId is optional on some pages").isNull();
    }

    @Test
    void numbersAsStringsCarryTheSameExperiences() {
        JsonNode numbers = send(body(ROOM, NOW - 1800, NOW - 1200)).ok();
        sim.settings().numbers(SimulatorSettings.Numbers.AS_STRINGS);
        JsonNode strings = send(body(ROOM, NOW - 1800, NOW - 1200)).ok();
        assertThat(strings.path("Total").isTextual()).isTrue();
        assertThat(strings.path("AbnormalExperienceList").get(0).path("EventTime").isTextual()).isTrue();
        assertThat(experiences(strings, false)).isEqualTo(experiences(numbers, false));
    }

    @Test
    void eachActionHasItsOwnRateLimit() {
        sim.settings().rateLimitPerSecond(20).rateLimitPerSecond(ACTION, 2);
        assertThat(send(body(ROOM, NOW - 600, NOW)).errorCode()).isNull();
        assertThat(send(body(ROOM, NOW - 600, NOW)).errorCode()).isNull();
        SignedRequest.Answer refused = send(body(ROOM, NOW - 600, NOW));
        assertThat(refused.errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(refused.response().path("Error").path("Message").asText()).contains("Over 2 requests");
        Map<String, Object> userEvents = UserEventServingTest.body(call.commId(), ROOM, "user0", T0, NOW);
        for (int i = 0; i < 5; i++) {
            assertThat(TestSims.request(sim, "DescribeUserEvent").body(userEvents).send().errorCode()).isNull();
        }
        REAL_MILLIS.addAndGet(1000);
        assertThat(send(body(ROOM, NOW - 600, NOW)).errorCode()).isNull();
        assertThat(sim.stats().throttled(ACTION)).isEqualTo(1);
        assertThat(sim.stats().throttled("DescribeUserEvent")).isZero();
        assertThat(sim.stats().ok(ACTION)).isEqualTo(3);
    }

    @Test
    void writeAnswerRendersTheEventActionsToo() {
        String json = "{\"SdkAppId\":" + APP + ",\"RoomId\":\"" + ROOM + "\",\"StartTime\":" + (NOW - 600)
                + ",\"EndTime\":" + NOW + "}";
        String answer = new String(sim.answer(ACTION, json), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).contains("\"AbnormalExperienceList\"").doesNotContain("Error");
    }
}
