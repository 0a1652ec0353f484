package dev.kafkaconnect.trtc.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code PUT /connector-plugins/{plugin}/config/validate}: the error count and the errors reported per key. */
public record ValidationResult(int errorCount, Map<String, List<String>> errorsByKey, JsonNode raw) {

    static ValidationResult from(JsonNode json) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode config : json.path("configs")) {
            JsonNode value = config.path("value");
            List<String> messages = new java.util.ArrayList<>();
            value.path("errors").forEach(e -> messages.add(e.asText()));
            if (!messages.isEmpty()) {
                errors.put(value.path("name").asText(), List.copyOf(messages));
            }
        }
        return new ValidationResult(json.path("error_count").asInt(), Map.copyOf(errors), json);
    }

    public List<String> errorsFor(String key) {
        return errorsByKey.getOrDefault(key, List.of());
    }
}
