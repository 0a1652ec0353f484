package dev.kafkaconnect.trtc.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The standalone entry point: options, the start-up text, and the example request it prints. */
class SimulatorMainTest {

    @Test
    void defaults() {
        SimulatorOptions o = SimulatorOptions.parse(new String[0], Map.of());
        assertThat(o.port()).isEqualTo(18080);
        assertThat(o.seed()).isEqualTo(42);
        assertThat(o.rateLimit()).isEqualTo(20);
        assertThat(o.dataDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.lookback()).isEqualTo(Duration.ofDays(14));
        assertThat(o.secretId()).isEqualTo(TrtcSimulator.DEMO_SECRET_ID);
        assertThat(o.secretKey()).isEqualTo(TrtcSimulator.DEMO_SECRET_KEY);
        assertThat(o.seedActionOffline()).isFalse();
        assertThat(o.numbersAsStrings()).isFalse();
        assertThat(o.malformedAnswers()).isEmpty();
        assertThat(o.readings()).isEqualTo(SimulatorOptions.Readings.of(new SimulatorSettings()));
        assertThat(o.readings().windowCount()).isEqualTo(SimulatorSettings.WindowCount.END_MINUS_START);
        assertThat(o.readings().startTime()).isEqualTo(SimulatorSettings.StartTime.INCLUSIVE);
        assertThat(o.readings().dataWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(o.readings().changed()).isEmpty();
    }

    @Test
    void everyOption() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--port", "0", "--seed", "7", "--calls", "3",
                "--live-calls", "1", "--secret-id", "AKIDx", "--secret-key", "k", "--rate-limit", "5",
                "--data-delay", "500ms", "--lookback", "3d", "--latency", "250ms", "--sdk-app-id", "1400000001", "--seed-action-offline",
                "--numbers-as-strings", "--malformed-answer", "1400000001_1_1700000000",
                "--malformed-answer", "1400000001_2_1700000000:total-missing"},
                Map.of());
        assertThat(o).isEqualTo(new SimulatorOptions(0, 7, 3, 1, 1400000001L, "AKIDx", "k", 5,
                Duration.ofMillis(500), Duration.ofDays(3), Duration.ofMillis(250), true, true,
                Map.of("1400000001_1_1700000000", Malformation.POINT_WITHOUT_TIME,
                        "1400000001_2_1700000000", Malformation.TOTAL_MISSING),
                Map.of(), SimulatorOptions.Readings.DEFAULTS, false));
        assertThat(o.toString()).doesNotContain("=k,").doesNotContain("secretKey");
    }

    @Test
    void everyReadingOption() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--window-count", "inclusive",
                "--start-time", "exclusive", "--data-window", "30m", "--user-list-window", "1h",
                "--listed-stay", "every-stay",
                "--user-list-omitted", "--call-total", "page", "--oversize-window", "empty-result",
                "--user-list-mode", "present-in-range", "--room-filter", "active-in-window", "--room-total", "overall",
                "--empty-list", "null", "--unknown-comm-id", "empty-result", "--user-order", "shifts-between-pages",
                "--own-peer-id", "empty", "--event-time", "millis"},
                Map.of());
        assertThat(o.readings()).isEqualTo(new SimulatorOptions.Readings(SimulatorSettings.WindowCount.INCLUSIVE,
                SimulatorSettings.StartTime.EXCLUSIVE, Duration.ofMinutes(30), Duration.ofHours(1),
                SimulatorSettings.ListedStay.EVERY_STAY, true,
                SimulatorSettings.CallTotal.PAGE, SimulatorSettings.OversizeWindow.EMPTY_RESULT,
                UserListMode.PRESENT_IN_RANGE, SimulatorSettings.RoomFilter.ACTIVE_IN_WINDOW,
                SimulatorSettings.RoomTotal.OVERALL, SimulatorSettings.EmptyList.NULL,
                SimulatorSettings.UnknownCommId.EMPTY_RESULT, SimulatorSettings.UserOrder.SHIFTS_BETWEEN_PAGES,
                SimulatorSettings.OwnPeerId.EMPTY, SimulatorSettings.EventTimeUnit.MILLIS));
        assertThat(o.readings().changed()).isEqualTo("--window-count inclusive --start-time exclusive"
                + " --data-window 1800s"
                + " --user-list-window 3600s --listed-stay every-stay --user-list-omitted --call-total page"
                + " --oversize-window empty-result --user-list-mode present-in-range --room-filter active-in-window"
                + " --room-total overall --empty-list null --unknown-comm-id empty-result --user-order shifts-between-pages"
                + " --own-peer-id empty --event-time millis");
    }

    @Test
    void actionRateLimitsAreOnePerActionAndReachTheSettings() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--rate-limit", "20", "--action-rate-limit",
                "DescribeUserEvent=5", "--action-rate-limit", "DescribeUnusualEvent=0"}, Map.of());
        assertThat(o.actionRateLimits()).isEqualTo(Map.of("DescribeUserEvent", 5, "DescribeUnusualEvent", 0));
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--action-rate-limit", "5"}, Map.of()))
                .hasMessageContaining("--action-rate-limit needs ACTION=N");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--action-rate-limit", "A=x"}, Map.of()))
                .hasMessage("--action-rate-limit must be a whole number; got `x`");
        java.io.ByteArrayOutputStream banner = new java.io.ByteArrayOutputStream();
        try (TrtcSimulator sim = SimulatorMain.start(SimulatorOptions.parse(new String[] {"--port", "0", "--calls",
                "0", "--live-calls", "1", "--action-rate-limit", "DescribeUserEvent=5"}, Map.of()),
                new java.io.PrintStream(banner, true, java.nio.charset.StandardCharsets.UTF_8))) {
            assertThat(sim.settings().rateLimitPerSecond("DescribeUserEvent")).isEqualTo(5);
            assertThat(sim.settings().rateLimitPerSecond("DescribeUnusualEvent")).isEqualTo(20);
        }
        assertThat(banner.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("Rate limit of DescribeUserEvent: 5/s");
    }

    @Test
    void eachReadingOptionParsesEveryValueOfItsEnum() {
        assertEveryValue("--window-count", SimulatorSettings.WindowCount.class,
                o -> o.readings().windowCount());
        assertEveryValue("--start-time", SimulatorSettings.StartTime.class, o -> o.readings().startTime());
        assertEveryValue("--listed-stay", SimulatorSettings.ListedStay.class, o -> o.readings().listedStay());
        assertEveryValue("--call-total", SimulatorSettings.CallTotal.class, o -> o.readings().callTotal());
        assertEveryValue("--oversize-window", SimulatorSettings.OversizeWindow.class,
                o -> o.readings().oversizeWindow());
        assertEveryValue("--user-list-mode", UserListMode.class, o -> o.readings().userListMode());
        assertEveryValue("--room-filter", SimulatorSettings.RoomFilter.class, o -> o.readings().roomFilter());
        assertEveryValue("--room-total", SimulatorSettings.RoomTotal.class, o -> o.readings().roomTotal());
        assertEveryValue("--empty-list", SimulatorSettings.EmptyList.class, o -> o.readings().emptyList());
        assertEveryValue("--unknown-comm-id", SimulatorSettings.UnknownCommId.class,
                o -> o.readings().unknownCommId());
        assertEveryValue("--own-peer-id", SimulatorSettings.OwnPeerId.class, o -> o.readings().ownPeerId());
        assertEveryValue("--event-time", SimulatorSettings.EventTimeUnit.class, o -> o.readings().eventTimeUnit());
        assertThat(SimulatorOptions.parse(new String[] {"--window-count", " Inclusive "}, Map.of()).readings()
                .windowCount()).isEqualTo(SimulatorSettings.WindowCount.INCLUSIVE);
        assertThat(SimulatorOptions.parse(new String[] {"--data-window", "3599"}, Map.of()).readings()
                .dataWindow()).isEqualTo(Duration.ofSeconds(3599));
        assertThat(SimulatorOptions.parse(new String[] {"--user-list-omitted"}, Map.of()).readings()
                .userListOmitted()).isTrue();
    }

    private static <E extends Enum<E>> void assertEveryValue(String opt, Class<E> type,
                                                             java.util.function.Function<SimulatorOptions, E> read) {
        for (E e : type.getEnumConstants()) {
            String label = e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(read.apply(SimulatorOptions.parse(new String[] {opt, label}, Map.of()))).as(opt + " " + label)
                    .isEqualTo(e);
        }
    }

    @Test
    void badReadingValuesNameTheOptionAndTheAllowedValues() {
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--window-count", "both"}, Map.of()))
                .hasMessage("--window-count must be one of end-minus-start, inclusive; got `both`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--start-time", "open"}, Map.of()))
                .hasMessage("--start-time must be one of inclusive, exclusive; got `open`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--listed-stay", "first"}, Map.of()))
                .hasMessage("--listed-stay must be one of latest-in-window, latest, every-stay; got `first`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--call-total", "LISTED_USERS"}, Map.of()))
                .hasMessage("--call-total must be one of listed, page; got `LISTED_USERS`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--oversize-window", "x"}, Map.of()))
                .hasMessage("--oversize-window must be one of error, empty-result; got `x`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--user-list-mode", "all"}, Map.of()))
                .hasMessage("--user-list-mode must be one of all-users, present-in-range; got `all`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--room-filter", "x"}, Map.of()))
                .hasMessage("--room-filter must be one of created-in-window, active-in-window; got `x`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--room-total", "x"}, Map.of()))
                .hasMessage("--room-total must be one of page, overall; got `x`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--empty-list", "x"}, Map.of()))
                .hasMessage("--empty-list must be one of empty-array, null; got `x`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--unknown-comm-id", "x"}, Map.of()))
                .hasMessage("--unknown-comm-id must be one of resource-not-found, empty-result; got `x`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--own-peer-id", "peer"}, Map.of()))
                .hasMessage("--own-peer-id must be one of self, empty; got `peer`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--event-time", "ms"}, Map.of()))
                .hasMessage("--event-time must be one of seconds, millis; got `ms`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--window-count"}, Map.of()))
                .hasMessage("--window-count needs a value");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--data-window", "soon"}, Map.of()))
                .hasMessageContaining("--data-window must be a duration");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--data-window", "500ms"}, Map.of()))
                .hasMessage("--data-window must be at least 1s; got `500ms`");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--user-list-window", "0"}, Map.of()))
                .hasMessage("--user-list-window must be at least 1s; got `0`");
    }

    @Test
    void startAppliesTheReadingsToTheRunningSimulator() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--port", "0", "--calls", "0", "--live-calls", "1",
                "--window-count", "inclusive", "--start-time", "exclusive", "--data-window", "2h", "--listed-stay",
                "latest", "--user-list-omitted",
                "--call-total", "page", "--oversize-window", "empty-result", "--user-list-mode", "present-in-range",
                "--room-filter", "active-in-window", "--room-total", "overall", "--empty-list", "null",
                "--unknown-comm-id", "empty-result", "--user-list-window", "1h"}, Map.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TrtcSimulator sim = SimulatorMain.start(o, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            assertThat(SimulatorOptions.Readings.of(sim.settings())).isEqualTo(o.readings());
            assertThat(sim.settings().numbers()).isEqualTo(SimulatorSettings.Numbers.AS_NUMBERS);
            assertThat(buf.toString(StandardCharsets.UTF_8)).contains("  Readings: --window-count inclusive"
                    + " --start-time exclusive --data-window 7200s --user-list-window 3600s --listed-stay latest"
                    + " --user-list-omitted");
        }
    }

    @Test
    void anInclusiveWindowCountRefusesAWindowOfExactlyOneHourAsServed() throws Exception {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--port", "0", "--calls", "0", "--live-calls", "1",
                "--window-count", "inclusive"}, Map.of());
        try (TrtcSimulator sim = SimulatorMain.start(o, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))) {
            SimulatedCall call = sim.calls().get(0);
            long end = sim.clock().nowSeconds();
            String hour = callDetail(sim, call, end - 3600, end);
            String shorter = callDetail(sim, call, end - 3599, end);
            assertThat(SignedRequest.MAPPER.readTree(hour).path("Response").path("Error").path("Code").asText())
                    .isEqualTo("InvalidParameter.QueryScaleOversize");
            assertThat(SignedRequest.MAPPER.readTree(shorter).path("Response").has("Error")).as(shorter).isFalse();
        }
    }

    private static String callDetail(TrtcSimulator sim, SimulatedCall call, long start, long end) {
        String body = "{\"SdkAppId\":" + sim.sdkAppId() + ",\"CommId\":\"" + call.commId() + "\",\"StartTime\":"
                + start + ",\"EndTime\":" + end + ",\"DataType\":[\"appCpu\"],\"PageNumber\":0,\"PageSize\":6}";
        return new String(sim.answer(ApiGeneration.SUCCESSOR.callDetailAction(), body), StandardCharsets.UTF_8);
    }

    @Test
    void secretKeyFromTheEnvironment() {
        assertThat(SimulatorOptions.parse(new String[0], Map.of("TRTC_SIM_SECRET_KEY", "from-env")).secretKey())
                .isEqualTo("from-env");
        assertThat(SimulatorOptions.parse(new String[] {"--secret-key", "flag"},
                Map.of("TRTC_SIM_SECRET_KEY", "from-env")).secretKey()).isEqualTo("flag");
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--port", "http"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--port", "70000"}, Map.of()))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--data-delay", "soon"}, Map.of()))
                .hasMessageContaining("--data-delay");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--calls"}, Map.of()))
                .hasMessageContaining("--calls needs a value");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--verbose"}, Map.of()))
                .hasMessageContaining("--verbose");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--lookback", "1h"}, Map.of()))
                .hasMessageContaining("--lookback");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--malformed-answer", "c:garbled"}, Map.of()))
                .hasMessageContaining("--malformed-answer").hasMessageContaining("point-without-time");
        assertThatThrownBy(() -> SimulatorOptions.parse(new String[] {"--malformed-answer", ":wrong-type"},
                Map.of())).hasMessageContaining("--malformed-answer needs a CommId");
    }

    @Test
    void startAppliesNumbersAsStringsAndMalformedAnswers() {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--port", "0", "--calls", "0", "--live-calls", "1",
                "--numbers-as-strings", "--malformed-answer", "1400188366_9_1700000000:wrong-type"}, Map.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TrtcSimulator sim = SimulatorMain.start(o, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            assertThat(sim.settings().numbers()).isEqualTo(SimulatorSettings.Numbers.AS_STRINGS);
            assertThat(sim.faults().malformation("1400188366_9_1700000000", 0, Long.MAX_VALUE))
                    .isEqualTo(Malformation.WRONG_TYPE);
            assertThat(buf.toString(StandardCharsets.UTF_8)).contains("numbers as strings")
                    .contains("Malformed answers (wrong-type) for 1400188366_9_1700000000 (no such call)");
        }
    }

    @Test
    void startPrintsEndpointCallsAndAnExampleThatWorksAndNeverTheKey() throws Exception {
        SimulatorOptions o = SimulatorOptions.parse(new String[] {"--port", "0", "--calls", "3", "--live-calls", "1",
                "--secret-key", "the-key-itself"}, Map.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TrtcSimulator sim = SimulatorMain.start(o, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            String text = buf.toString(StandardCharsets.UTF_8);
            assertThat(text).contains(sim.endpoint()).doesNotContain("the-key-itself");
            sim.calls().forEach(c -> assertThat(text).contains(c.commId()));

            // Replay the printed curl with the JDK client (which sets Host itself, as curl's -H does here).
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"));
            Matcher h = Pattern.compile("-H '([^:]+): ([^']*)'").matcher(text);
            while (h.find()) {
                if (!h.group(1).equals("Host")) {
                    req.header(h.group(1), h.group(2));
                }
            }
            Matcher body = Pattern.compile("--data-raw '([^']*)'").matcher(text);
            assertThat(body.find()).isTrue();
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(req.POST(HttpRequest.BodyPublishers.ofString(body.group(1))).build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode response = SignedRequest.MAPPER.readTree(r.body()).path("Response");
            assertThat(response.has("Error")).as(r.body()).isFalse();
            assertThat(response.path("Total").asInt()).isPositive();
        }
    }
}
