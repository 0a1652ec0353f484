package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A connector configuration file in the shape {@code POST /connectors} takes ({@code {"name": .., "config": {..}}}),
 * such as the shipped {@code config/trtc-source.json}, read so that settings can be overridden before creating it.
 */
public record ConnectorConfigFile(String name, Map<String, String> config) {

    public ConnectorConfigFile {
        config = Map.copyOf(config);
    }

    public static ConnectorConfigFile read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read connector configuration " + file.toAbsolutePath(), e);
        }
        JsonNode config = root == null ? null : root.get("config");
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("Connector configuration " + file.toAbsolutePath()
                    + " has no \"config\" object; expected {\"name\": ..., \"config\": {...}}");
        }
        Map<String, String> values = new LinkedHashMap<>();
        config.fields().forEachRemaining(f -> {
            if (!f.getValue().isValueNode()) {
                throw new IllegalArgumentException("Connector configuration " + file.toAbsolutePath() + ": setting '"
                        + f.getKey() + "' must be a string, number or boolean");
            }
            values.put(f.getKey(), f.getValue().asText());
        });
        return new ConnectorConfigFile(root.path("name").asText("trtc-source"), values);
    }

    /** The configuration with {@code overrides} applied; a null override value removes the setting. */
    public Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> result = new LinkedHashMap<>(config);
        overrides.forEach((k, v) -> {
            if (v == null) {
                result.remove(k);
            } else {
                result.put(k, v);
            }
        });
        return result;
    }
}
