package dev.kafkaconnect.trtc.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /connectors/{name}/status}: the connector's state and each task's state and failure trace. */
public record ConnectorStatus(String name, String state, String trace, List<TaskStatus> tasks) {

    public record TaskStatus(int id, String state, String workerId, String trace) {
        public boolean isFailed() {
            return "FAILED".equals(state);
        }
    }

    static ConnectorStatus from(JsonNode json) {
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode t : json.path("tasks")) {
            tasks.add(new TaskStatus(t.path("id").asInt(), t.path("state").asText(), t.path("worker_id").asText(),
                    text(t, "trace")));
        }
        JsonNode connector = json.path("connector");
        return new ConnectorStatus(json.path("name").asText(), connector.path("state").asText(),
                text(connector, "trace"), List.copyOf(tasks));
    }

    /** Connector and all its tasks (at least one) RUNNING. */
    public boolean isRunning() {
        return "RUNNING".equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> "RUNNING".equals(t.state));
    }

    public Optional<TaskStatus> firstFailedTask() {
        return tasks.stream().filter(TaskStatus::isFailed).findFirst();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
