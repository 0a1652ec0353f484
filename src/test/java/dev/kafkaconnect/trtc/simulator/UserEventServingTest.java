package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.APP;
import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code DescribeUserEvent}: timelines consistent with the stays, ground truth, readings and parameter checks. */
class UserEventServingTest {
    static final String ACTION = "DescribeUserEvent";
    static final long T0 = NOW - 4000;
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static SimulatedCall call;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK).call(CallSpec.builder("4242").created(T0)
                .user("u1", T0, T0 + 1500).user("u1", T0 + 1800, T0 + 3000)
                .user("u2", T0 + 100, T0 + 2800)
                .liveUser("u3", T0 + 2000)
                .build()).build().start();
        call = sim.calls().get(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.settings().ownPeerId(SimulatorSettings.OwnPeerId.SELF).emptyList(SimulatorSettings.EmptyList.EMPTY_ARRAY)
                .numbers(SimulatorSettings.Numbers.AS_NUMBERS)
                .unknownCommId(SimulatorSettings.UnknownCommId.RESOURCE_NOT_FOUND);
        sim.faults().clear();
    }

    static Map<String, Object> body(String commId, String roomId, String userId, long start, long end) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("SdkAppId", APP);
        p.put("CommId", commId);
        p.put("RoomId", roomId);
        p.put("UserId", userId);
        p.put("StartTime", start);
        p.put("EndTime", end);
        return p;
    }

    static JsonNode served(String userId, long start, long end) {
        return TestSims.request(sim, ACTION).body(body(call.commId(), "4242", userId, start, end)).send().ok();
    }

    /** The served events as ground-truth records; the own group's PeerId read as the reading says. */
    static List<GroundTruth.UserEvent> events(JsonNode r, String userId, String ownPeerId) {
        List<GroundTruth.UserEvent> out = new ArrayList<>();
        for (JsonNode group : r.path("Data")) {
            String peer = group.path("PeerId").asText();
            for (JsonNode e : group.path("Content")) {
                out.add(new GroundTruth.UserEvent(call.commId(), userId, peer.equals(ownPeerId) ? null : peer,
                        e.path("Type").asInt(), e.path("Time").asLong(), e.path("EventId").asInt(),
                        e.path("ParamOne").asInt(), e.path("ParamTwo").asInt()));
            }
        }
        return out;
    }

    @Test
    void enterAndExitEventsAreTheStaysAndTheWholeTimelineIsTheGroundTruth() {
        for (SimulatedUser user : call.users()) {
            List<GroundTruth.UserEvent> served = events(served(user.userId(), T0, NOW), user.userId(),
                    user.userId());
            assertThat(served).isEqualTo(sim.groundTruth().userEvents(call.commId(), user.userId(), T0, NOW + 1));

            List<Long> enters = served.stream().filter(e -> e.peerId() == null && e.eventId() == 5003)
                    .map(GroundTruth.UserEvent::timeMillis).toList();
            List<Long> exits = served.stream().filter(e -> e.peerId() == null && e.eventId() == 5008)
                    .map(GroundTruth.UserEvent::timeMillis).toList();
            assertThat(enters).as(user.userId()).isEqualTo(user.presences().stream()
                    .map(p -> p.joinSec() * 1000).toList());
            assertThat(exits).as(user.userId()).isEqualTo(user.presences().stream()
                    .filter(p -> p.leaveSec() <= NOW).map(p -> p.leaveSec() * 1000).toList());
            assertThat(served).allSatisfy(e -> assertThat(user.presentAt(e.timeSec(), NOW)).as("%s", e).isTrue());
        }
        assertThat(sim.groundTruth().userEvents(call.commId(), "u3", T0, NOW + 1))
                .as("a user still in the call has entered but not left")
                .anyMatch(e -> e.eventId() == 5003).noneMatch(e -> e.eventId() == 5008);
    }

    @Test
    void ownEventsComeFirstThenEventsAboutPeersPresentAtTheSameTime() {
        JsonNode r = served("u2", T0, NOW);
        assertThat(r.path("Data").get(0).path("PeerId").asText()).isEqualTo("u2");
        List<String> peers = new ArrayList<>();
        r.path("Data").forEach(g -> peers.add(g.path("PeerId").asText()));
        assertThat(peers).containsExactly("u2", "u1", "u3");
        for (GroundTruth.UserEvent e : events(r, "u2", "u2")) {
            if (e.peerId() != null) {
                assertThat(call.user(e.peerId()).presentAt(e.timeSec(), NOW)).as("%s", e).isTrue();
                assertThat(e.type()).isEqualTo(2);
            }
        }
        assertThat(events(r, "u2", "u2")).anyMatch(e -> e.eventId() == 4003 && e.paramOne() > 0
                && e.paramTwo() > 0 && e.paramOne() == (int) sim.metricModel().value(call.commId(), "u2", null,
                "bigvWidth", e.timeSec()));
        assertThat(events(r, "u2", "u2")).filteredOn(e -> "u1".equals(e.peerId())).extracting(
                GroundTruth.UserEvent::eventId, GroundTruth.UserEvent::paramOne)
                .as("u1 left and came back while u2 stayed").contains(
                        org.assertj.core.groups.Tuple.tuple(4015, 1), org.assertj.core.groups.Tuple.tuple(4015, 0));
    }

    @Test
    void ownPeerIdCanBeEmpty() {
        sim.settings().ownPeerId(SimulatorSettings.OwnPeerId.EMPTY);
        JsonNode r = served("u1", T0, NOW);
        assertThat(r.path("Data").get(0).path("PeerId").asText()).isEmpty();
        assertThat(events(r, "u1", "")).isEqualTo(sim.groundTruth().userEvents(call.commId(), "u1", T0, NOW + 1));
    }

    @Test
    void windowsSelectBySecondAndAnEndAfterTheRoomsEndIsItsEnd() {
        long from = T0 + 1490;
        long to = T0 + 1810;
        assertThat(events(served("u1", from, to), "u1", "u1"))
                .isEqualTo(sim.groundTruth().userEvents(call.commId(), "u1", from, to + 1))
                .isNotEmpty();
        CLOCK.set(NOW + 7200);
        try {
            // u3 is live: the room has not ended, so its events are the timeline up to now.
            assertThat(events(served("u2", T0 + 2700, NOW + 7000), "u2", "u2"))
                    .isEqualTo(events(served("u2", T0 + 2700, NOW + 7200 - 11), "u2", "u2"));
        } finally {
            CLOCK.set(NOW);
        }
        long roomEnd = T0 + 3000;
        SimulatedCall finished = sim.addCall(CallSpec.builder("4343").created(T0).user("a", T0, roomEnd)
                .user("b", T0 + 10, roomEnd - 100).build());
        JsonNode upToEnd = TestSims.request(sim, ACTION).body(body(finished.commId(), "4343", "a", T0, roomEnd))
                .send().ok();
        JsonNode beyond = TestSims.request(sim, ACTION).body(body(finished.commId(), "4343", "a", T0, NOW))
                .send().ok();
        assertThat(beyond.path("Data")).isEqualTo(upToEnd.path("Data"));
        assertThat(upToEnd.path("Data").get(0).path("Content")).last()
                .satisfies(e -> assertThat(e.path("EventId").asInt()).isEqualTo(5008))
                .satisfies(e -> assertThat(e.path("Time").asLong()).isEqualTo(roomEnd * 1000));
    }

    @Test
    void theSameQueryGetsTheSameTimelineAndAnotherSeedAnother() {
        assertThat(served("u1", T0, NOW).path("Data")).isEqualTo(served("u1", T0, NOW).path("Data"));
        try (TrtcSimulator other = TestSims.builder(CLOCK).seed(7).call(CallSpec.builder("4242").created(T0)
                .user("u1", T0, T0 + 1500).user("u1", T0 + 1800, T0 + 3000).user("u2", T0 + 100, T0 + 2800)
                .liveUser("u3", T0 + 2000).build()).build()) {
            assertThat(other.groundTruth().userEvents(call.commId(), "u1", T0, NOW))
                    .isNotEqualTo(sim.groundTruth().userEvents(call.commId(), "u1", T0, NOW));
        }
    }

    @Test
    void unknownUsersHaveNoEventsAndUnknownCallsFollowTheUnknownCommIdReading() {
        assertThat(served("nobody", T0, NOW).path("Data").isArray()).isTrue();
        assertThat(served("nobody", T0, NOW).path("Data")).isEmpty();
        sim.settings().emptyList(SimulatorSettings.EmptyList.NULL);
        assertThat(served("nobody", T0, NOW).path("Data").isNull()).isTrue();

        SignedRequest unknown = TestSims.request(sim, ACTION).body(body(APP + "_1_1", "1", "u1", T0, NOW));
        assertThat(unknown.send().errorCode()).isEqualTo("ResourceNotFound");
        sim.settings().unknownCommId(SimulatorSettings.UnknownCommId.EMPTY_RESULT);
        assertThat(unknown.send().ok().path("Data").isNull()).isTrue();
        sim.faults().vanish(call.commId());
        assertThat(TestSims.request(sim, ACTION).body(body(call.commId(), "4242", "u1", T0, NOW)).send()
                .errorCode()).isEqualTo("ResourceNotFound");
    }

    @Test
    void numbersAsStringsCarryTheSameEvents() {
        JsonNode numbers = served("u1", T0, NOW);
        sim.settings().numbers(SimulatorSettings.Numbers.AS_STRINGS);
        JsonNode strings = served("u1", T0, NOW);
        assertThat(strings.path("Data").get(0).path("Content").get(0).path("Time").isTextual()).isTrue();
        assertThat(strings.path("Data").get(0).path("Content").get(0).path("ParamTwo").asText()).isEqualTo("-1");
        assertThat(events(strings, "u1", "u1")).isEqualTo(events(numbers, "u1", "u1"));
    }

    @Test
    void parametersAreCheckedWithTheServicesCodes() {
        Map<String, Object> p = body(call.commId(), "4242", "u1", T0, NOW);
        p.put("SdkAppId", Long.toString(APP));
        assertThat(send(p)).isEqualTo("InvalidParameterValue");
        p = body(call.commId(), "4242", "u1", T0, NOW);
        p.put("RoomId", 4242);
        assertThat(send(p)).isEqualTo("InvalidParameterValue");
        p = body(call.commId(), "4242", "u1", T0, NOW);
        p.remove("UserId");
        assertThat(send(p)).isEqualTo("MissingParameter.UserId");
        p = body(call.commId(), "4242", "u1", T0, NOW);
        p.put("PageSize", 6);
        assertThat(send(p)).isEqualTo("UnknownParameter");
        assertThat(send(body(call.commId(), "4242", "u1", NOW, T0))).isEqualTo("InvalidParameter.StartTs");
        assertThat(send(body(call.commId(), "4242", "u1", NOW - 15 * 86400, NOW)))
                .isEqualTo("InvalidParameter.StartTimeExpire");
        Map<String, Object> other = body(call.commId(), "4242", "u1", T0, NOW);
        other.put("SdkAppId", APP + 1);
        assertThat(send(other)).isEqualTo("InvalidParameter.SdkAppId");
    }

    @Test
    void faultsAreScriptedPerAction() {
        sim.faults().action(ACTION).script(Fault.error("InternalError"));
        assertThat(TestSims.request(sim, "DescribeUnusualEvent").body(Map.of("SdkAppId", APP, "RoomId", "4242",
                "StartTime", NOW - 600, "EndTime", NOW)).send().errorCode()).isNull();
        assertThat(send(body(call.commId(), "4242", "u1", T0, NOW))).isEqualTo("InternalError");
        assertThat(send(body(call.commId(), "4242", "u1", T0, NOW))).isNull();
    }

    private static String send(Map<String, Object> params) {
        return TestSims.request(sim, ACTION).body(params).send().errorCode();
    }
}
