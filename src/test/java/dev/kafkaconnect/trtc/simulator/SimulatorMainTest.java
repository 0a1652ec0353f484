package dev.kafkaconnect.trtc.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
                        "1400000001_2_1700000000", Malformation.TOTAL_MISSING), false));
        assertThat(o.toString()).doesNotContain("=k,").doesNotContain("secretKey");
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
