package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoOptionsTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void defaultsRunTheSimulatorWithTheRegistryUntilStopped() {
        DemoOptions o = DemoOptions.parse(new String[0], NO_ENV);
        assertThat(o.calls()).isEqualTo(3);
        assertThat(o.liveCalls()).isEqualTo(2);
        assertThat(o.duration()).isEmpty();
        assertThat(o.plain()).isFalse();
        assertThat(o.json()).isFalse();
        assertThat(o.realApi()).isEmpty();
    }

    @Test
    void durationsInSecondsMinutesOrIso() {
        assertThat(DemoOptions.duration("60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DemoOptions.duration("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DemoOptions.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DemoOptions.duration("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> DemoOptions.duration("soon")).hasMessageContaining("--duration 'soon'");
        assertThatThrownBy(() -> DemoOptions.duration("0")).hasMessageContaining("must be positive");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--bogus"}, NO_ENV))
                .hasMessageContaining("Unknown option '--bogus'").hasMessageContaining("--duration");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--calls"}, NO_ENV))
                .hasMessage("--calls needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--calls", "x"}, NO_ENV))
                .hasMessageContaining("--calls 'x' is not a whole number");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--until-done"}, NO_ENV))
                .hasMessageContaining("--live-calls 0");
    }

    @Test
    void secretsAreRefusedOnTheCommandLineWithoutEchoingThem() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--secret-key", "s3cr3tValue"}, NO_ENV))
                .hasMessageContaining("TRTC_SECRET_KEY").hasMessageNotContaining("s3cr3tValue");
    }

    @Test
    void realApiFromTheEnvironment() {
        DemoOptions o = DemoOptions.parse(new String[] {"--comm-ids", "a,b", "--sdk-app-id", "1400000001"},
                Map.of("TRTC_SECRET_ID", "AKIDx", "TRTC_SECRET_KEY", "keyValue123", "TRTC_TOKEN", "tok456"));
        DemoOptions.RealApi api = o.realApi().orElseThrow();
        assertThat(api.secretKey()).isEqualTo("keyValue123");
        assertThat(api.token()).isEqualTo("tok456");
        assertThat(api.commIds()).isEqualTo("a,b");
        assertThat(api.toString()).doesNotContain("keyValue123").doesNotContain("tok456");
        assertThat(o.toString()).doesNotContain("keyValue123");
    }

    @Test
    void realApiFromAPropertiesFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("trtc.properties"),
                "secretId=AKIDf\nsecretKey=fileKey789\nsdkAppId=1400000002\ncommIds=c1\n");
        DemoOptions.RealApi api = DemoOptions.parse(new String[] {"--credentials-file", file.toString()}, NO_ENV)
                .realApi().orElseThrow();
        assertThat(api.secretId()).isEqualTo("AKIDf");
        assertThat(api.sdkAppId()).isEqualTo("1400000002");
        assertThat(api.commIds()).isEqualTo("c1");
    }

    @Test
    void incompleteRealApiSettingsAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> DemoOptions.parse(new String[0], Map.of("TRTC_SECRET_ID", "AKIDx")))
                .hasMessageContaining("secretKey (TRTC_SECRET_KEY) is missing");
        Map<String, String> env = Map.of("TRTC_SECRET_ID", "AKIDx", "TRTC_SECRET_KEY", "k");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--sdk-app-id", "1"}, env))
                .hasMessageContaining("--comm-ids");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--comm-ids", "a"}, env))
                .hasMessageContaining("--sdk-app-id");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--comm-ids", "a"}, NO_ENV))
                .hasMessageContaining("no credentials");
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--credentials-file",
                dir.resolve("missing.properties").toString()}, NO_ENV))
                .hasMessageContaining("--credentials-file").hasMessageContaining("cannot be read");
    }
}
