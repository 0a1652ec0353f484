package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example configurations shipped in config/ are valid for the connector. */
class ConfigFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"config/trtc-source.json", "config/trtc-source-secrets.json",
        "config/trtc-source.properties", "config/trtc-source-discover.json"})
    void exampleConfigurationsValidate(String file) throws Exception {
        Map<String, String> props = new HashMap<>();
        if (file.endsWith(".json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> json = new ObjectMapper().readValue(Path.of(file).toFile(), Map.class);
            assertThat(json).containsKeys("name", "config");
            ((Map<?, ?>) json.get("config")).forEach((k, v) -> props.put((String) k, (String) v));
        } else {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file))) {
                p.load(in);
            }
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k)));
        }
        assertThat(props).containsEntry("connector.class", TrtcSourceConnector.class.getName());
        MockTime clock = new MockTime(0, 1_714_521_600L * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(props.get(TrtcSourceConfig.COMM_IDS));
        Config config = new TrtcSourceConnector((c, r, k) -> api, clock).validate(props);
        assertThat(config.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        assertThat(config.configValues().stream().map(ConfigValue::name)).contains(TrtcSourceConfig.SECRET_KEY);
    }
}
