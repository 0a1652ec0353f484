package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.demo.ConnectRestClient.PluginInfo;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.ValidationResult;
import dev.kafkaconnect.trtc.demo.Waits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin as a worker sees it after installation: found under {@code plugin.path} by the service loader, its
 * configuration checked through the worker's REST validation, each mistake reported on its own setting, and
 * credentials the API rejects failing the task with a trace that says which setting to fix.
 */
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class ConnectorConfigurationIT {
    static final String CONNECTOR = "dev.kafkaconnect.trtc.connector.TrtcSourceConnector";
    private static final String SECRET = "validation-secret-never-echoed";
    static final String CONVERTER = "dev.kafkaconnect.trtc.converter.RegistryAvroConverter";
    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w).scenario(() -> CallScenario.many(1));

    @Test
    void connectorIsLoadedFromPluginPathByTheServiceLoader() {
        List<PluginInfo> connectors = ENV.stack().rest().connectorPlugins(true);
        assertThat(connectors).filteredOn(p -> p.className().equals(CONNECTOR)).singleElement()
                .satisfies(p -> {
                    assertThat(p.type()).isEqualTo("source");
                    assertThat(p.version()).isNotBlank().isNotEqualTo("null");
                });
    }

    @Test
    void converterIsLoadedFromPluginPathByTheServiceLoader() {
        assertThat(ENV.stack().rest().connectorPlugins(false)).filteredOn(p -> p.className().equals(CONVERTER))
                .singleElement().satisfies(p -> assertThat(p.type()).isEqualTo("converter"));
    }

    @Test
    void rejectedSecretKeyFailsTheTaskWithATraceNamingTheSetting() {
        try (ConnectorRun run = ENV.run("wrong-key")) {
            run.create(run.config("not-the-right-secret-key"));
            ConnectorStatus.TaskStatus failed = Waits.value("a task of the connector to fail",
                    Duration.ofMinutes(2), () -> run.rest().status(run.name()).firstFailedTask(), run::diagnostics);

            assertThat(failed.trace())
                    .contains("TRTC rejected the credentials", "AuthFailure", "trtc.secret.key")
                    .doesNotContain("not-the-right-secret-key");
            assertThat(run.reader().count(run.samplesTopic())).isZero();
            run.rest().deleteConnector(run.name());
        }
    }

    @Test
    void validConfigurationHasNoErrorsAndTheSecretIsNotEchoed() {
        ValidationResult result = ENV.stack().rest().validate(CONNECTOR, validConfig());
        assertThat(result.errorsByKey()).isEmpty();
        assertThat(result.errorCount()).isZero();
        assertThat(result.raw().toString()).doesNotContain(SECRET);
    }

    static Stream<Arguments> badConfigs() {
        String otherApp = "1400000999_room_1764000000";
        return Stream.of(
                bad("endpoint with an unsupported scheme", "trtc.endpoint", "ftp://trtc.tencentcloudapi.com"),
                bad("plain http to a remote host", "trtc.endpoint", "http://trtc.tencentcloudapi.com"),
                bad("endpoint with a path", "trtc.endpoint", "https://trtc.tencentcloudapi.com/v3"),
                bad("missing SecretId", "trtc.secret.id", null),
                bad("missing SecretKey", "trtc.secret.key", null),
                bad("non-numeric SDKAppID", "trtc.sdk.app.id", "my-app"),
                bad("zero SDKAppID", "trtc.sdk.app.id", "0"),
                bad("no calls", "trtc.comm.ids", ""),
                bad("malformed CommId", "trtc.comm.ids", "room-42"),
                bad("CommId of another application", "trtc.comm.ids", otherApp),
                bad("unparseable start", "trtc.start", "yesterday"),
                bad("start older than the lookback", "trtc.start", "P30D"),
                bad("end before start", "trtc.end", "2020-01-01T00:00:00Z"),
                bad("unknown metric", "trtc.metrics", "aBit,noSuchMetric"),
                bad("unknown API generation", "trtc.api.generation", "v4"),
                bad("negative settle delay", "trtc.settle.delay.ms", "-1"),
                bad("poll interval below one second", "trtc.poll.interval.ms", "10"),
                bad("invalid samples topic", "trtc.topic.samples", "quality samples!"),
                bad("participants topic equal to samples topic", "trtc.topic.participants", "trtc.samples",
                        "trtc.topic.samples", "trtc.samples"),
                bad("unknown client IP mode", "trtc.client.ip.mode", "scramble"),
                bad("hash mode without a key", "trtc.client.ip.hash.key", null, "trtc.client.ip.mode", "hash"),
                bad("zero rate limit", "trtc.rate.limit", "0"),
                bad("max back-off below first back-off", "trtc.retry.backoff.max.ms", "10",
                        "trtc.retry.backoff.ms", "5000"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badConfigs")
    void eachBadSettingIsReportedOnItsOwnKey(String description, String key, Map<String, String> config) {
        ValidationResult result = ENV.stack().rest().validate(CONNECTOR, config);

        assertThat(result.errorsFor(key)).as("errors on %s for %s", key, description).isNotEmpty();
        assertThat(result.errorsByKey().keySet()).as("settings blamed for %s", description).containsOnly(key);
        assertThat(result.raw().toString()).doesNotContain(SECRET);
    }

    /** A config with {@code key} set to {@code value} (removed when null), plus further key/value pairs. */
    private static Arguments bad(String description, String key, String value, String... more) {
        Map<String, String> config = validConfig();
        if (value == null) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        return Arguments.of(description, key, config);
    }

    static Map<String, String> validConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("name", "trtc-validation");
        config.put("connector.class", CONNECTOR);
        config.put("tasks.max", "1");
        config.put("trtc.endpoint", "http://127.0.0.1:9");
        config.put("trtc.region", "ap-guangzhou");
        config.put("trtc.secret.id", "AKIDvalidation");
        config.put("trtc.secret.key", SECRET);
        config.put("trtc.sdk.app.id", "1400000001");
        config.put("trtc.comm.ids", "1400000001_room_" + (System.currentTimeMillis() / 1000 - 3600));
        config.put("trtc.start", "PT2H");
        return config;
    }
}
