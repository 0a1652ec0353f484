package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static dev.kafkaconnect.trtc.simulator.TestSims.detail;
import static dev.kafkaconnect.trtc.simulator.TestSims.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a valid call-detail query answers: user order, paging, UserIds, DataType, series and their points. */
class CallDetailServingTest {
    static final long T0 = NOW - 3000;
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        CallSpec spec = CallSpec.builder("218695").created(T0)
                .user("u1", T0, NOW - 1000)
                .user("u2", T0 + 100, T0 + 700).liveUser("u2", T0 + 1000)
                .liveUser("u3", T0 + 200)
                .user("u4", T0 + 300, T0 + 400)
                .user("u5", T0 + 300, NOW - 500)
                .user("u6", T0 + 500, NOW - 100)
                .user("u7", T0 + 600, NOW - 100)
                .user("u8", NOW - 50, Presence.LIVE)
                .build();
        sim = TestSims.builder(CLOCK).dataDelay(Duration.ofSeconds(10)).call(spec).build().start();
        commId = sim.calls().get(0).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode query(ApiGeneration g, Map<String, Object> params) {
        return TestSims.request(sim, g.callDetailAction()).body(params).send().ok();
    }

    private static List<String> userIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.path("UserList").forEach(u -> ids.add(u.path("UserId").asText()));
        return ids;
    }

    @Test
    void commIdIsAppRoomAndCreationTime() {
        assertThat(commId).isEqualTo("1400188366_218695_" + T0);
    }

    @Test
    void userListOnlyQueryListsSixUsersByJoinThenIdWithEmptyData() {
        JsonNode r = query(ApiGeneration.SEED, detail(ApiGeneration.SEED, commId, T0, NOW));

        assertThat(r.path("Total").asInt()).isEqualTo(8);
        // u2's latest stay began at T0+1000: it is represented by that stay, and ordered by it.
        assertThat(userIds(r)).containsExactly("u1", "u3", "u4", "u5", "u6", "u7");
        assertThat(r.path("Data").isArray()).isTrue();
        assertThat(r.path("Data")).isEmpty();
        assertThat(r.path("RequestId").asText()).isNotBlank();
    }

    @Test
    void pagesCoverTheListOnceInOrder() {
        List<String> all = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Map<String, Object> params = detail(ApiGeneration.SEED, commId, T0, NOW);
            params.put("PageNumber", page(ApiGeneration.SEED, p));
            params.put("PageSize", page(ApiGeneration.SEED, 3));
            JsonNode r = query(ApiGeneration.SEED, params);
            assertThat(r.path("Total").asInt()).isEqualTo(8);
            all.addAll(userIds(r));
        }
        assertThat(all).containsExactly("u1", "u3", "u4", "u5", "u6", "u7", "u2", "u8");
    }

    @Test
    void onePagingParameterAloneMeansFirstSix() {
        Map<String, Object> params = detail(ApiGeneration.SUCCESSOR, commId, T0, NOW);
        params.put("PageNumber", 1);
        assertThat(userIds(query(ApiGeneration.SUCCESSOR, params))).hasSize(6).startsWith("u1");
    }

    @Test
    void userIdsFilterKeepsCallOrderAndCountsOnlyThem() {
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, T0, NOW);
        params.put("UserIds", List.of("u8", "u1", "nobody"));
        JsonNode r = query(ApiGeneration.SEED, params);
        assertThat(r.path("Total").asInt()).isEqualTo(2);
        assertThat(userIds(r)).containsExactly("u1", "u8");
    }

    @Test
    void liveUserReportsNowAsLeaveAndUnfinished() {
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, T0, NOW);
        params.put("UserIds", List.of("u3", "u1"));
        JsonNode users = query(ApiGeneration.SEED, params).path("UserList");
        assertThat(users.get(0).path("UserId").asText()).isEqualTo("u1");
        assertThat(users.get(0).path("LeaveTs").asLong()).isEqualTo(NOW - 1000);
        assertThat(users.get(0).path("Finished").asBoolean()).isTrue();
        assertThat(users.get(1).path("LeaveTs").asLong()).isEqualTo(NOW);
        assertThat(users.get(1).path("Finished").asBoolean()).isFalse();
        assertThat(users.get(1).path("RoomStr").asText()).isEqualTo("218695");
        assertThat(users.get(1).path("SdkVersion").asText()).isNotEmpty();
        assertThat(users.get(1).path("ClientIp").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void rejoinedUserIsRepresentedByTheLatestStayBeganByEndTime() {
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, T0, T0 + 800);
        params.put("UserIds", List.of("u2"));
        JsonNode early = query(ApiGeneration.SEED, params).path("UserList").get(0);
        assertThat(early.path("JoinTs").asLong()).isEqualTo(T0 + 100);
        assertThat(early.path("LeaveTs").asLong()).isEqualTo(T0 + 700);
        assertThat(early.path("Finished").asBoolean()).isTrue();

        params.put("EndTime", T0 + 1200);
        JsonNode late = query(ApiGeneration.SEED, params).path("UserList").get(0);
        assertThat(late.path("JoinTs").asLong()).isEqualTo(T0 + 1000);
        assertThat(late.path("Finished").asBoolean()).isFalse();
    }

    @Test
    void presentInRangeModeListsOnlyUsersPresentInTheWindow() {
        sim.settings().userListMode(UserListMode.PRESENT_IN_RANGE);
        try {
            JsonNode r = query(ApiGeneration.SEED, detail(ApiGeneration.SEED, commId, T0 + 450, T0 + 550));
            assertThat(userIds(r)).containsExactly("u1", "u2", "u3", "u5", "u6");
            assertThat(r.path("Total").asInt()).isEqualTo(5);
        } finally {
            sim.settings().userListMode(UserListMode.ALL_USERS);
        }
    }

    @Test
    void dataHasUplinkAndDownlinkPerPeerWithBothWindowEndsInclusive() {
        long start = T0 + 302;
        long end = T0 + 402;
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, start, end);
        params.put("UserIds", List.of("u1"));
        params.put("DataType", List.of("aBit", "appCpu"));
        JsonNode data = query(ApiGeneration.SEED, params).path("Data");

        List<String> keys = new ArrayList<>();
        data.forEach(s -> keys.add(s.path("DataType").asText() + "/" + s.path("PeerId").asText()));
        // Peers present with u1 in the window: u2 (first stay), u3, u4, u5 - in call order.
        assertThat(keys).containsExactly("aBit/", "aBit/u2", "aBit/u3", "aBit/u4", "aBit/u5", "appCpu/");
        JsonNode uplink = data.get(0).path("Content");
        assertThat(uplink.get(0).path("Time").asLong()).isEqualTo(start);
        assertThat(uplink.get(uplink.size() - 1).path("Time").asLong()).isEqualTo(end);
        assertThat(uplink).hasSize(51);
        // u4 is in the call from T0+300 to T0+400 (inclusive).
        JsonNode fromU4 = data.get(3).path("Content");
        assertThat(fromU4.get(0).path("Time").asLong()).isEqualTo(start);
        assertThat(fromU4.get(fromU4.size() - 1).path("Time").asLong()).isEqualTo(T0 + 400);
        data.forEach(s -> assertThat(s.path("UserId").asText()).isEqualTo("u1"));
    }

    @Test
    void allMeansEveryMetricOfTheGeneration() {
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, NOW - 600, NOW - 500);
        params.put("UserIds", List.of("u3"));
        params.put("DataType", List.of("all"));
        assertThat(uplinkMetrics(query(ApiGeneration.SEED, params))).containsExactlyElementsOf(Metrics.SEED);

        params.put("SdkAppId", TestSims.APP);
        assertThat(uplinkMetrics(query(ApiGeneration.SUCCESSOR, params)))
                .containsExactlyElementsOf(Metrics.served(ApiGeneration.SUCCESSOR));
    }

    private static List<String> uplinkMetrics(JsonNode r) {
        List<String> metrics = new ArrayList<>();
        r.path("Data").forEach(s -> {
            if (s.path("PeerId").asText().isEmpty()) {
                metrics.add(s.path("DataType").asText());
            }
        });
        return metrics;
    }

    @Test
    void valuesAreIntegersOrTwoDecimalNumbersInPlausibleRanges() {
        Map<String, Object> params = detail(ApiGeneration.SUCCESSOR, commId, NOW - 900, NOW - 600);
        params.put("UserIds", List.of("u3", "u5"));
        params.put("DataType", List.of("all"));
        String body = TestSims.request(sim, "DescribeCallDetailInfo").body(params).send().body();
        assertThat(body).doesNotContainPattern("\"Value\":-?\\d+\\.\\d{3,}").doesNotContain("E-").doesNotContain("E+")
                .doesNotContainPattern("\"Value\":\\d+\\.0[,}]");
        JsonNode data = SignedRequest.MAPPER.valueToTree(parse(body)).path("Response").path("Data");
        data.forEach(s -> s.path("Content").forEach(pt -> {
            String metric = s.path("DataType").asText();
            double v = pt.path("Value").asDouble();
            switch (metric) {
                case "bigvCapFps", "bigvEncFps", "bigvDecFps", "bigvRecFps" -> assertThat(v).isBetween(0.0, 30.0);
                case "aLoss", "bigvLoss", "appCpu", "sysCpu" -> assertThat(v).isBetween(0.0, 100.0);
                case "bigvWidth" -> assertThat(v).isIn(320.0, 640.0, 960.0, 1280.0, 1920.0);
                case "bigvHeight" -> assertThat(v).isIn(180.0, 360.0, 540.0, 720.0, 1080.0);
                case "aBit", "bigvBit" -> assertThat(v).isGreaterThan(1000).isEqualTo(Math.rint(v));
                default -> assertThat(v).isGreaterThanOrEqualTo(0);
            }
        }));
    }

    private static JsonNode parse(String body) {
        try {
            return SignedRequest.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void emptyListsCanBeSentAsNull() {
        sim.settings().emptyList(SimulatorSettings.EmptyList.NULL);
        try {
            JsonNode r = query(ApiGeneration.SEED, detail(ApiGeneration.SEED, commId, T0, NOW));
            assertThat(r.path("Data").isNull()).isTrue();
            assertThat(r.path("UserList")).hasSize(6);
            Map<String, Object> beyond = detail(ApiGeneration.SEED, commId, T0, NOW);
            beyond.put("PageNumber", "5");
            beyond.put("PageSize", "6");
            JsonNode empty = query(ApiGeneration.SEED, beyond);
            assertThat(empty.path("UserList").isNull()).isTrue();
            assertThat(empty.path("Total").asInt()).isEqualTo(8);
        } finally {
            sim.settings().emptyList(SimulatorSettings.EmptyList.EMPTY_ARRAY);
        }
    }

    @Test
    void answersRenderedWithoutHttpEqualServedOnes() throws Exception {
        Map<String, Object> params = detail(ApiGeneration.SUCCESSOR, commId, NOW - 900, NOW - 600);
        params.put("DataType", List.of("all"));
        String body = SignedRequest.MAPPER.writeValueAsString(params);
        ObjectNode served = (ObjectNode) query(ApiGeneration.SUCCESSOR, params);
        ObjectNode direct = (ObjectNode) parse(new String(sim.answer("DescribeCallDetailInfo", body),
                StandardCharsets.UTF_8)).path("Response");
        served.remove("RequestId");
        direct.remove("RequestId");
        assertThat(direct).isEqualTo(served);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] rttOfSeed = body.replace("[\"all\"]", "[\"rtt\"]").getBytes(StandardCharsets.UTF_8);
        assertThat(sim.writeAnswer("DescribeCallDetail", rttOfSeed, out)).isEqualTo("InvalidParameterValue");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"Code\":\"InvalidParameterValue\"");
    }

    @Test
    void pointsWithinTheDataDelayAreNotServed() {
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, NOW - 60, NOW);
        params.put("UserIds", List.of("u3"));
        params.put("DataType", List.of("appCpu"));
        JsonNode content = query(ApiGeneration.SEED, params).path("Data").get(0).path("Content");
        long last = content.get(content.size() - 1).path("Time").asLong();
        assertThat(last).isLessThanOrEqualTo(NOW - 10).isGreaterThan(NOW - 12);
    }
}
