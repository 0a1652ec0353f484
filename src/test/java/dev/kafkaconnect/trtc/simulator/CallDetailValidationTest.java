package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.APP;
import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static dev.kafkaconnect.trtc.simulator.TestSims.detail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every parameter rule of the call-detail actions, each answered with its documented code. */
class CallDetailValidationTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static final ApiGeneration SEED = ApiGeneration.SEED;
    static final ApiGeneration NEXT = ApiGeneration.SUCCESSOR;
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK)
                .call(CallSpec.builder("1001").user("a", NOW - 7200, NOW - 60).user("b", NOW - 7000, NOW - 60).build())
                .call(CallSpec.builder("1002").user("a", NOW + 600, NOW + 900).build())
                .build().start();
        commId = sim.calls().get(0).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String code(ApiGeneration g, Map<String, Object> params) {
        return TestSims.request(sim, g.callDetailAction()).body(params).send().errorCode();
    }

    private static Map<String, Object> valid(ApiGeneration g) {
        return detail(g, commId, NOW - 3600, NOW - 60);
    }

    private static Map<String, Object> without(ApiGeneration g, String name) {
        Map<String, Object> p = valid(g);
        p.remove(name);
        return p;
    }

    private static Map<String, Object> with(ApiGeneration g, String name, Object value) {
        Map<String, Object> p = valid(g);
        p.put(name, value);
        return p;
    }

    @Test
    void validRequestsPassInBothGenerations() {
        assertThat(code(SEED, valid(SEED))).isNull();
        assertThat(code(NEXT, valid(NEXT))).isNull();
    }

    @Test
    void missingCommId() {
        assertThat(code(SEED, without(SEED, "CommId"))).isEqualTo("MissingParameter.CommId");
        assertThat(code(NEXT, with(NEXT, "CommId", ""))).isEqualTo("MissingParameter.CommId");
    }

    @Test
    void missingSdkAppId() {
        assertThat(code(SEED, without(SEED, "SdkAppId"))).isEqualTo("MissingParameter.SdkAppId");
        assertThat(code(NEXT, with(NEXT, "SdkAppId", null))).isEqualTo("MissingParameter.SdkAppId");
        assertThat(code(SEED, with(SEED, "SdkAppId", ""))).isEqualTo("MissingParameter.SdkAppId");
    }

    @Test
    void missingStartTime() {
        assertThat(code(SEED, without(SEED, "StartTime"))).isEqualTo("MissingParameter.StartTs");
    }

    @Test
    void missingEndTime() {
        assertThat(code(NEXT, without(NEXT, "EndTime"))).isEqualTo("MissingParameter.EndTs");
    }

    @Test
    void moreThanSixUserIds() {
        assertThat(code(SEED, with(SEED, "UserIds", List.of("1", "2", "3", "4", "5", "6", "7"))))
                .isEqualTo("InvalidParameter.UserIdsMorethanSix");
        assertThat(code(SEED, with(SEED, "UserIds", List.of("1", "2", "3", "4", "5", "6")))).isNull();
    }

    @Test
    void dataWindowOverAnHour() {
        Map<String, Object> p = detail(SEED, commId, NOW - 3661, NOW - 60);
        p.put("DataType", List.of("aBit"));
        assertThat(code(SEED, p)).isEqualTo("InvalidParameter.QueryScaleOversize");
        p.put("StartTime", NOW - 3660);
        assertThat(code(SEED, p)).isNull();
    }

    @Test
    void userListWindowMaySpanFourHoursButNoMore() {
        assertThat(code(SEED, detail(SEED, commId, NOW - 4 * 3600, NOW))).isNull();
        assertThat(code(SEED, detail(SEED, commId, NOW - 4 * 3600 - 1, NOW)))
                .isEqualTo("InvalidParameter.QueryScaleOversize");
    }

    @Test
    void successorMayAnswerAnOversizeWindowWithAnEmptyResult() {
        Map<String, Object> p = detail(NEXT, commId, NOW - 7200, NOW - 60);
        p.put("DataType", List.of("aBit"));
        sim.settings().oversizeWindow(SimulatorSettings.OversizeWindow.EMPTY_RESULT);
        try {
            var r = TestSims.request(sim, NEXT.callDetailAction()).body(p).send().ok();
            assertThat(r.path("Total").asInt()).isZero();
            assertThat(r.path("Data")).isEmpty();
            assertThat(code(SEED, detail(SEED, commId, NOW - 7200, NOW - 60)))
                    .isNull(); // user-list window of 2 h is within 4 h
        } finally {
            sim.settings().oversizeWindow(SimulatorSettings.OversizeWindow.ERROR);
        }
    }

    @Test
    void endBeforeStart() {
        assertThat(code(SEED, detail(SEED, commId, NOW - 60, NOW - 61))).isEqualTo("InvalidParameter.StartTs");
        assertThat(code(SEED, detail(SEED, commId, NOW - 60, NOW - 60))).isNull();
    }

    @Test
    void pageSizeOverAHundred() {
        Map<String, Object> p = with(SEED, "PageSize", "101");
        p.put("PageNumber", "0");
        assertThat(code(SEED, p)).isEqualTo("InvalidParameter.PageSizeOversize");
        p.put("PageSize", "100");
        assertThat(code(SEED, p)).isNull();
    }

    @Test
    void pageSizeOverSixWithDataTypeOrUserIds() {
        Map<String, Object> p = with(NEXT, "PageSize", 7);
        p.put("PageNumber", 0);
        p.put("DataType", List.of("aBit"));
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameter.PageSize");
        p.remove("DataType");
        p.put("UserIds", List.of("a"));
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameter.PageSize");
        p.put("PageSize", 0);
        assertThat(code(NEXT, p)).isEqualTo("InvalidParameter.PageSize");
    }

    @Test
    void negativePageNumber() {
        assertThat(code(SEED, with(SEED, "PageNumber", "-1"))).isEqualTo("InvalidParameter.PageNumber");
        assertThat(code(NEXT, with(NEXT, "PageNumber", -1))).isEqualTo("InvalidParameter.PageNumber");
    }

    @Test
    void startOlderThanTheLookbackUsesEachGenerationsCode() {
        long old = NOW - 14 * 86_400 - 1;
        assertThat(code(SEED, detail(SEED, commId, old, old + 60))).isEqualTo("InvalidParameter.StartTsOversize");
        assertThat(code(NEXT, detail(NEXT, commId, old, old + 60))).isEqualTo("InvalidParameter.StartTimeExpire");
        assertThat(code(NEXT, detail(NEXT, commId, old + 1, old + 60))).isIn(null, "ResourceNotFound");
    }

    @Test
    void lookbackIsConfigurable() {
        sim.settings().lookback(java.time.Duration.ofDays(5));
        try {
            long old = NOW - 5 * 86_400 - 1;
            assertThat(code(SEED, detail(SEED, commId, old, old + 60))).isEqualTo("InvalidParameter.StartTsOversize");
        } finally {
            sim.settings().lookback(java.time.Duration.ofDays(14));
        }
    }

    @Test
    void unknownSdkAppId() {
        assertThat(code(SEED, with(SEED, "SdkAppId", "1400000000"))).isEqualTo("InvalidParameter.SdkAppId");
    }

    @Test
    void unparsableBody() {
        assertThat(TestSims.request(sim, SEED.callDetailAction()).body("{\"CommId\":").send().errorCode())
                .isEqualTo("InvalidParameter.BodyParamsError");
        assertThat(TestSims.request(sim, SEED.callDetailAction()).body("[1,2]").send().errorCode())
                .isEqualTo("InvalidParameter.BodyParamsError");
        assertThat(TestSims.request(sim, SEED.callDetailAction()).body("").send().errorCode())
                .isEqualTo("InvalidParameter.BodyParamsError");
    }

    @Test
    void bodyOverTenMegabytes() {
        String big = "{\"CommId\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        assertThat(TestSims.request(sim, SEED.callDetailAction()).body(big).send().errorCode())
                .isEqualTo("InvalidParameter.BodyParamsError");
    }

    @Test
    void nonJsonContentType() {
        assertThat(TestSims.request(sim, SEED.callDetailAction()).contentType("text/plain").body(valid(SEED)).send()
                .errorCode()).isEqualTo("InvalidParameter.BodyParamsError");
    }

    @Test
    void unknownCommIdIsResourceNotFoundOrOptionallyEmpty() {
        Map<String, Object> p = with(SEED, "CommId", APP + "_999_" + (NOW - 100));
        assertThat(code(SEED, p)).isEqualTo("ResourceNotFound");
        sim.settings().unknownCommId(SimulatorSettings.UnknownCommId.EMPTY_RESULT);
        try {
            var r = TestSims.request(sim, SEED.callDetailAction()).body(p).send().ok();
            assertThat(r.path("Total").asInt()).isZero();
            assertThat(r.path("UserList")).isEmpty();
        } finally {
            sim.settings().unknownCommId(SimulatorSettings.UnknownCommId.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void callNotYetCreatedIsNotFound() {
        String future = sim.calls().get(1).commId();
        assertThat(code(SEED, detail(SEED, future, NOW - 60, NOW))).isEqualTo("ResourceNotFound");
    }

    @Test
    void seedTakesStringsButANumberForSdkAppId() {
        assertThat(code(SEED, with(SEED, "SdkAppId", APP))).isNull();
        assertThat(code(SEED, with(SEED, "PageSize", 6))).isEqualTo("InvalidParameterValue");
        assertThat(code(SEED, with(SEED, "PageNumber", 0))).isEqualTo("InvalidParameterValue");
        assertThat(code(SEED, with(SEED, "PageSize", "six"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void successorTakesIntegers() {
        assertThat(code(NEXT, with(NEXT, "SdkAppId", Long.toString(APP)))).isEqualTo("InvalidParameterValue");
        assertThat(code(NEXT, with(NEXT, "PageSize", "6"))).isEqualTo("InvalidParameterValue");
        assertThat(code(NEXT, with(NEXT, "PageNumber", "0"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void timesAreIntegersInBothGenerations() {
        assertThat(code(SEED, with(SEED, "StartTime", Long.toString(NOW - 3600)))).isEqualTo("InvalidParameterValue");
        assertThat(code(NEXT, with(NEXT, "EndTime", 1.5))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void unknownDataTypeValue() {
        assertThat(code(NEXT, with(NEXT, "DataType", List.of("aBit", "jitter")))).isEqualTo("InvalidParameterValue");
        assertThat(code(NEXT, with(NEXT, "DataType", "aBit"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void successorOnlyMetricAskedOfTheSeed() {
        assertThat(code(SEED, with(SEED, "DataType", List.of("rtt")))).isEqualTo("InvalidParameterValue");
        assertThat(code(NEXT, with(NEXT, "DataType", List.of("rtt")))).isNull();
    }

    @Test
    void unknownParameter() {
        assertThat(code(SEED, with(SEED, "Limit", 5))).isEqualTo("UnknownParameter");
    }
}
