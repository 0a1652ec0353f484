package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.APP;
import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static dev.kafkaconnect.trtc.simulator.TestSims.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Room listing: which rooms, their order and fields, paging, Total, and every parameter rule. */
class RoomListTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final ApiGeneration SEED = ApiGeneration.SEED;
    static final ApiGeneration NEXT = ApiGeneration.SUCCESSOR;
    static TrtcSimulator sim;

    @BeforeAll
    static void start() {
        TrtcSimulator.Builder b = TestSims.builder(CLOCK);
        // 12 finished rooms created 10 minutes apart from NOW-7200, then one live, one in the future.
        for (int i = 0; i < 12; i++) {
            long t = NOW - 7200 + i * 600L;
            b.call(CallSpec.builder(Integer.toString(5000 + i)).user("c" + i, t, t + 300).build());
        }
        b.call(CallSpec.builder("live-room").liveUser("host", NOW - 30).build());
        b.call(CallSpec.builder("9999").user("x", NOW + 60, NOW + 120).build());
        sim = b.build().start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode list(ApiGeneration g, Map<String, Object> params) {
        return TestSims.request(sim, g.roomListAction()).body(params).send().ok();
    }

    private static String code(ApiGeneration g, Map<String, Object> params) {
        return TestSims.request(sim, g.roomListAction()).body(params).send().errorCode();
    }

    private static List<String> names(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("RoomList").forEach(room -> out.add(room.path("RoomString").asText()));
        return out;
    }

    @Test
    void roomsCreatedInTheWindowInCreationOrderTenByDefault() {
        JsonNode r = list(SEED, TestSims.rooms(SEED, NOW - 7200, NOW + 600));
        assertThat(names(r)).containsExactly("5000", "5001", "5002", "5003", "5004", "5005", "5006", "5007", "5008",
                "5009");
        assertThat(r.path("Total").asInt()).isEqualTo(10);
    }

    @Test
    void pagesEndWithAShortPageAndTotalCountsThePage() {
        Map<String, Object> p = TestSims.rooms(NEXT, NOW - 7200, NOW + 600);
        p.put("PageNumber", 1);
        p.put("PageSize", 10);
        JsonNode r = list(NEXT, p);
        assertThat(names(r)).containsExactly("5010", "5011", "live-room");
        assertThat(r.path("Total").asInt()).isEqualTo(3);
    }

    @Test
    void totalCanCountEveryRoom() {
        sim.settings().roomTotal(SimulatorSettings.RoomTotal.OVERALL);
        try {
            Map<String, Object> p = TestSims.rooms(SEED, NOW - 7200, NOW);
            p.put("PageSize", page(SEED, 5));
            assertThat(list(SEED, p).path("Total").asInt()).isEqualTo(13);
        } finally {
            sim.settings().roomTotal(SimulatorSettings.RoomTotal.PAGE);
        }
    }

    @Test
    void activityFilterAddsRoomsCreatedBeforeTheWindowButStillActiveInIt() {
        long from = NOW - 7200 + 200; // room 5000 (created at NOW-7200, ended +300) is active then
        assertThat(names(list(SEED, TestSims.rooms(SEED, from, from + 10)))).isEmpty();
        sim.settings().roomFilter(SimulatorSettings.RoomFilter.ACTIVE_IN_WINDOW);
        try {
            assertThat(names(list(SEED, TestSims.rooms(SEED, from, from + 10)))).containsExactly("5000");
        } finally {
            sim.settings().roomFilter(SimulatorSettings.RoomFilter.CREATED_IN_WINDOW);
        }
    }

    @Test
    void roomFieldsAndCommIds() {
        Map<String, Object> p = TestSims.rooms(NEXT, NOW - 600, NOW + 600);
        JsonNode list = list(NEXT, p).path("RoomList");
        assertThat(list).hasSize(2); // room 5011 (NOW-600) and the live room; 9999 does not exist yet
        JsonNode finished = list.get(0);
        assertThat(finished.path("CommId").asText()).isEqualTo(APP + "_5011_" + (NOW - 600));
        assertThat(finished.path("CreateTime").asLong()).isEqualTo(NOW - 600);
        assertThat(finished.path("DestroyTime").asLong()).isEqualTo(NOW - 300);
        assertThat(finished.path("IsFinished").asBoolean()).isTrue();
        assertThat(finished.path("UserId").asText()).isEqualTo("c11");
        JsonNode live = list.get(1);
        assertThat(live.path("RoomString").asText()).isEqualTo("live-room");
        // A string room id maps to a number inside the CommId: clients must not build CommIds.
        assertThat(live.path("CommId").asText()).matches(APP + "_\\d+_" + (NOW - 30));
        assertThat(live.path("DestroyTime").asLong()).isZero();
        assertThat(live.path("IsFinished").asBoolean()).isFalse();
        assertThat(sim.call(live.path("CommId").asText())).isNotNull();
    }

    @Test
    void roomIdFilter() {
        Map<String, Object> p = TestSims.rooms(SEED, NOW - 7200, NOW);
        p.put("RoomId", "5003");
        assertThat(names(list(SEED, p))).containsExactly("5003");
    }

    @Test
    void addedCallsAppearInTheListing() {
        long t = NOW - 3 * 86_400; // away from the other tests' windows
        SimulatedCall added = sim.addCall(CallSpec.builder("added").user("z", t, t + 60).build());
        Map<String, Object> p = TestSims.rooms(NEXT, t - 10, t + 10);
        p.put("RoomId", "added");
        assertThat(list(NEXT, p).path("RoomList").get(0).path("CommId").asText()).isEqualTo(added.commId());
    }

    @Test
    void validationCodes() {
        Map<String, Object> p = TestSims.rooms(SEED, NOW - 600, NOW);
        p.remove("SdkAppId");
        assertThat(code(SEED, p)).isEqualTo("MissingParameter.SdkAppId");
        p = TestSims.rooms(SEED, NOW - 600, NOW);
        p.remove("StartTime");
        assertThat(code(SEED, p)).isEqualTo("MissingParameter.StartTs");
        p = TestSims.rooms(SEED, NOW - 600, NOW);
        p.remove("EndTime");
        assertThat(code(SEED, p)).isEqualTo("MissingParameter.EndTs");
        assertThat(code(SEED, TestSims.rooms(SEED, NOW, NOW - 1))).isEqualTo("InvalidParameter.EndTs");
        assertThat(code(SEED, TestSims.rooms(SEED, NOW - 86_401, NOW))).isEqualTo("InvalidParameter.QueryScaleOversize");
        assertThat(code(SEED, TestSims.rooms(SEED, NOW - 86_400, NOW))).isNull();
        long old = NOW - 14 * 86_400 - 1;
        assertThat(code(SEED, TestSims.rooms(SEED, old, old + 10))).isEqualTo("InvalidParameter.StartTsOversize");
        assertThat(code(NEXT, TestSims.rooms(NEXT, old, old + 10))).isEqualTo("InvalidParameter.StartTimeExpire");
        Map<String, Object> app = TestSims.rooms(SEED, NOW - 600, NOW);
        app.put("SdkAppId", "1");
        assertThat(code(SEED, app)).isEqualTo("InvalidParameter.SdkAppId");
    }

    @Test
    void pagingRules() {
        Map<String, Object> p = TestSims.rooms(NEXT, NOW - 600, NOW);
        p.put("PageSize", 101);
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameter.PageSizeOversize");
        p.put("PageSize", 0);
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameter.PageSize");
        p.put("PageSize", 100);
        assertThat(code(NEXT, p)).isNull();
        p.put("PageNumber", -1);
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameter.PageNumber");
    }

    @Test
    void parameterTypesPerGeneration() {
        Map<String, Object> p = TestSims.rooms(NEXT, NOW - 600, NOW);
        p.put("PageSize", "10");
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameterValue");
        Map<String, Object> s = TestSims.rooms(SEED, NOW - 600, NOW);
        s.put("PageSize", 10);
        assertThat(code(SEED, s)).isEqualTo("InvalidParameterValue");
        s.put("PageSize", "10");
        s.put("SdkAppId", APP);
        assertThat(code(SEED, s)).isNull();
        s.put("CommId", "x");
        assertThat(code(SEED, s)).isEqualTo("UnknownParameter");
    }
}
