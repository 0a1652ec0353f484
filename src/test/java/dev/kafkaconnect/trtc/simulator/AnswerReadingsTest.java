package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The readings of the docs the simulator serves on request: numbers as strings, malformed answers for a call, an
 * exclusive {@code StartTime}.
 */
class AnswerReadingsTest {
    static final String DETAIL = "DescribeCallDetailInfo";
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;
    static String other;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK)
                .call(CallSpec.builder("1").created(NOW - 700).user("a", NOW - 600, NOW - 60)
                        .user("b", NOW - 500, NOW - 60).build())
                .call(CallSpec.builder("2").created(NOW - 700).user("c", NOW - 600, NOW - 60).build())
                .build().start();
        commId = sim.calls().get(0).commId();
        other = sim.calls().get(1).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.faults().clear();
        sim.stats().reset();
        sim.settings().numbers(SimulatorSettings.Numbers.AS_NUMBERS);
        sim.settings().startTime(SimulatorSettings.StartTime.INCLUSIVE);
    }

    private static SignedRequest.Answer detail(String call, long start, long end, List<String> metrics) {
        Map<String, Object> p = TestSims.detail(ApiGeneration.SUCCESSOR, call, start, end);
        if (!metrics.isEmpty()) {
            p.put("DataType", metrics);
        }
        return TestSims.request(sim, DETAIL).body(p).send();
    }

    @Test
    void numbersAsStringsWritesEveryNumericFieldAsAStringOfTheSameText() {
        JsonNode numbers = detail(commId, NOW - 600, NOW - 60, List.of("aBit", "appCpu")).ok();
        sim.settings().numbers(SimulatorSettings.Numbers.AS_STRINGS);
        JsonNode strings = detail(commId, NOW - 600, NOW - 60, List.of("aBit", "appCpu")).ok();

        assertThat(strings.path("Total").isTextual()).isTrue();
        assertThat(strings.path("Total").asText()).isEqualTo(numbers.path("Total").toString());
        for (int u = 0; u < numbers.path("UserList").size(); u++) {
            JsonNode n = numbers.path("UserList").get(u);
            JsonNode s = strings.path("UserList").get(u);
            for (String f : List.of("JoinTs", "LeaveTs")) {
                assertThat(s.path(f).isTextual()).as(f).isTrue();
                assertThat(s.path(f).asText()).isEqualTo(n.path(f).toString());
            }
            assertThat(s.path("Finished").isBoolean()).isTrue();
        }
        int points = 0;
        for (int i = 0; i < numbers.path("Data").size(); i++) {
            JsonNode n = numbers.path("Data").get(i).path("Content");
            JsonNode s = strings.path("Data").get(i).path("Content");
            assertThat(s.size()).isEqualTo(n.size());
            for (int j = 0; j < n.size(); j++, points++) {
                assertThat(s.get(j).path("Time").isTextual()).isTrue();
                assertThat(s.get(j).path("Value").isTextual()).isTrue();
                assertThat(s.get(j).path("Time").asText()).isEqualTo(n.get(j).path("Time").toString());
                assertThat(s.get(j).path("Value").asText()).isEqualTo(n.get(j).path("Value").toString());
            }
        }
        assertThat(points).isGreaterThan(100);
    }

    @Test
    void numbersAsStringsInTheRoomList() {
        sim.settings().numbers(SimulatorSettings.Numbers.AS_STRINGS);
        JsonNode rooms = TestSims.request(sim, "DescribeRoomInfo").body(TestSims.rooms(ApiGeneration.SUCCESSOR,
                NOW - 3600, NOW)).send().ok();
        assertThat(rooms.path("Total").asText()).isEqualTo("2");
        JsonNode room = rooms.path("RoomList").get(0);
        assertThat(room.path("CreateTime").isTextual()).isTrue();
        assertThat(room.path("CreateTime").asText()).isEqualTo(Long.toString(NOW - 700));
        assertThat(room.path("DestroyTime").isTextual()).isTrue();
        assertThat(room.path("IsFinished").isBoolean()).isTrue();
    }

    @Test
    void anExclusiveStartTimeLeavesOutThePointsAtTheStartOnly() {
        // User a joined at NOW - 600: points at NOW - 598, NOW - 596, ...
        long from = NOW - 598;
        assertThat(times(detail(commId, from, from + 8, List.of("appCpu")).ok(), "a"))
                .containsExactly(from, from + 2, from + 4, from + 6, from + 8);
        sim.settings().startTime(SimulatorSettings.StartTime.EXCLUSIVE);
        assertThat(times(detail(commId, from, from + 8, List.of("appCpu")).ok(), "a"))
                .as("after StartTime, up to EndTime").containsExactly(from + 2, from + 4, from + 6, from + 8);
        assertThat(times(detail(commId, from - 1, from + 8, List.of("appCpu")).ok(), "a"))
                .as("a second earlier: the point at the start again")
                .containsExactly(from, from + 2, from + 4, from + 6, from + 8);
    }

    @Test
    void anExclusiveStartTimeLeavesOutRoomsCreatedAtTheStart() {
        sim.settings().startTime(SimulatorSettings.StartTime.EXCLUSIVE);
        assertThat(rooms(NOW - 700, NOW).path("RoomList")).as("both rooms were created at the start").isEmpty();
        assertThat(rooms(NOW - 701, NOW).path("RoomList")).hasSize(2);
        sim.settings().roomFilter(SimulatorSettings.RoomFilter.ACTIVE_IN_WINDOW);
        try {
            assertThat(rooms(NOW - 60, NOW).path("RoomList")).as("active until NOW - 60 only").isEmpty();
            assertThat(rooms(NOW - 61, NOW).path("RoomList")).hasSize(2);
        } finally {
            sim.settings().roomFilter(SimulatorSettings.RoomFilter.CREATED_IN_WINDOW);
        }
        sim.settings().startTime(SimulatorSettings.StartTime.INCLUSIVE);
        assertThat(rooms(NOW - 700, NOW).path("RoomList")).hasSize(2);
    }

    private static JsonNode rooms(long start, long end) {
        return TestSims.request(sim, "DescribeRoomInfo").body(TestSims.rooms(ApiGeneration.SUCCESSOR, start, end))
                .send().ok();
    }

    /** The times of {@code user}'s uplink points in a call-detail answer. */
    private static List<Long> times(JsonNode answer, String user) {
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode series : answer.path("Data")) {
            if (series.path("UserId").asText().equals(user) && series.path("PeerId").asText().isEmpty()) {
                series.path("Content").forEach(p -> out.add(p.path("Time").asLong()));
            }
        }
        return out;
    }

    @Test
    void pointWithoutTimeForOneCallOnly() {
        sim.faults().malform(commId, Malformation.POINT_WITHOUT_TIME);

        JsonNode bad = detail(commId, NOW - 600, NOW - 60, List.of("aBit")).response();
        JsonNode first = bad.path("Data").get(0).path("Content").get(0);
        assertThat(first.has("Time")).isFalse();
        assertThat(first.has("Value")).isTrue();
        assertThat(bad.path("Data").get(0).path("Content").get(1).has("Time")).isTrue();
        assertThat(bad.path("RequestId").asText()).isNotBlank();
        assertThat(detail(other, NOW - 600, NOW - 60, List.of("aBit")).ok().path("Data").get(0).path("Content")
                .get(0).has("Time")).isTrue();
        assertThat(sim.stats().outcomes(DETAIL)).containsEntry("fault:point-without-time", 1L)
                .containsEntry(SimulatorStats.OK, 1L);
    }

    @Test
    void pointWithoutTimeEvenWhenTheAnswerHasNoPoint() {
        sim.faults().malform(commId, Malformation.POINT_WITHOUT_TIME);
        JsonNode bad = detail(commId, NOW - 600, NOW - 60, List.of()).response();
        assertThat(bad.path("Data").size()).isEqualTo(1);
        assertThat(bad.path("Data").get(0).path("Content").get(0).has("Time")).isFalse();
    }

    @Test
    void totalMissingAndWrongType() {
        sim.faults().malform(commId, Malformation.TOTAL_MISSING);
        JsonNode noTotal = detail(commId, NOW - 600, NOW - 60, List.of("aBit")).response();
        assertThat(noTotal.has("Total")).isFalse();
        assertThat(noTotal.path("UserList").isArray()).isTrue();

        sim.faults().malform(commId, Malformation.WRONG_TYPE);
        JsonNode wrong = detail(commId, NOW - 600, NOW - 60, List.of("aBit")).response();
        assertThat(wrong.path("UserList").isTextual()).isTrue();
        assertThat(wrong.path("Total").asInt()).isEqualTo(2);
        assertThat(sim.stats().outcomes(DETAIL)).containsEntry("fault:total-missing", 1L)
                .containsEntry("fault:wrong-type", 1L);
    }

    @Test
    void onlyWindowsOverlappingTheRangeAreMalformedUntilHealed() {
        long t = NOW - 300;
        sim.faults().malform(commId, Malformation.TOTAL_MISSING, t, t + 1);

        assertThat(detail(commId, NOW - 600, t - 1, List.of("aBit")).ok().has("Total")).isTrue();
        assertThat(detail(commId, t + 1, NOW - 60, List.of("aBit")).ok().has("Total")).isTrue();
        assertThat(detail(commId, t, t, List.of("aBit")).response().has("Total")).isFalse();
        assertThat(detail(commId, NOW - 600, NOW - 60, List.of("aBit")).response().has("Total")).isFalse();
        assertThat(detail(commId, t - 10, t, List.of("aBit")).response().has("Total")).isFalse();

        sim.faults().heal(commId);
        assertThat(detail(commId, NOW - 600, NOW - 60, List.of("aBit")).ok().has("Total")).isTrue();
        assertThatThrownBy(() -> sim.faults().malform(commId, Malformation.WRONG_TYPE, t, t))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeAnswerRendersTheSameReadings() {
        sim.faults().malform(commId, Malformation.TOTAL_MISSING);
        String body = "{\"SdkAppId\":" + TestSims.APP + ",\"CommId\":\"" + commId + "\",\"StartTime\":"
                + (NOW - 600) + ",\"EndTime\":" + (NOW - 60) + ",\"DataType\":[\"aBit\"]}";
        String answer = new String(sim.answer(DETAIL, body), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(answer).doesNotContain("\"Total\"").contains("\"UserList\":[");
    }
}
