package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorConfigFileTest {

    @Test
    void readsNameAndSettingsAsStrings(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), """
                {"name": "trtc-source", "config": {"tasks.max": 2, "trtc.validate.credentials": true,
                 "trtc.region": "ap-guangzhou"}}""");
        ConnectorConfigFile config = ConnectorConfigFile.read(file);
        assertThat(config.name()).isEqualTo("trtc-source");
        assertThat(config.config()).containsEntry("tasks.max", "2").containsEntry("trtc.validate.credentials", "true")
                .containsEntry("trtc.region", "ap-guangzhou");
    }

    @Test
    void overridesReplaceAddAndRemove(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.json"), """
                {"name": "n", "config": {"a": "1", "b": "2"}}""");
        Map<String, String> overrides = new HashMap<>();
        overrides.put("a", "10");
        overrides.put("b", null);
        overrides.put("c", "3");
        assertThat(ConnectorConfigFile.read(file).with(overrides)).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", "10", "c", "3"));
    }

    @Test
    void rejectsFilesThatAreNotACreateRequest(@TempDir Path dir) throws Exception {
        Path flat = Files.writeString(dir.resolve("flat.json"), "{\"tasks.max\": \"1\"}");
        assertThatThrownBy(() -> ConnectorConfigFile.read(flat)).hasMessageContaining("flat.json")
                .hasMessageContaining("\"config\"");
        Path nested = Files.writeString(dir.resolve("nested.json"), "{\"config\": {\"x\": {\"y\": 1}}}");
        assertThatThrownBy(() -> ConnectorConfigFile.read(nested)).hasMessageContaining("'x'");
        assertThatThrownBy(() -> ConnectorConfigFile.read(dir.resolve("missing.json")))
                .hasMessageContaining("missing.json");
    }
}
