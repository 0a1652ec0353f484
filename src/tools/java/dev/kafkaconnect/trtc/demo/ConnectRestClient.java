package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Kafka Connect REST API as an operator uses it. Every error answer becomes a {@link ConnectRestException}
 * with the status and Connect's message. Request bodies (which hold connector secrets) never appear in errors.
 */
public final class ConnectRestClient {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    public ConnectRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /**
     * {@code GET /health} answers 200 once the worker has joined its group and can serve requests. Workers before
     * Kafka Connect 3.9 have no such endpoint (404): there {@code GET /connectors} answering 200 says the same,
     * as the herder serves it only once it has read the config topic.
     */
    public boolean isHealthy() {
        try {
            int health = send("GET", "/health", null).statusCode();
            if (health == 404) {
                return send("GET", "/connectors", null).statusCode() == 200;
            }
            return health == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    public JsonNode serverInfo() {
        return call("GET", "/", null);
    }

    /** Installed plugins; with {@code connectorsOnly=false} also converters, transforms and predicates. */
    public List<PluginInfo> connectorPlugins(boolean connectorsOnly) {
        List<PluginInfo> plugins = new ArrayList<>();
        for (JsonNode p : call("GET", "/connector-plugins?connectorsOnly=" + connectorsOnly, null)) {
            plugins.add(new PluginInfo(p.path("class").asText(), p.path("type").asText(), p.path("version").asText()));
        }
        return plugins;
    }

    public List<String> connectors() {
        List<String> names = new ArrayList<>();
        call("GET", "/connectors", null).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** {@code POST /connectors}; fails with 409 if the connector exists. */
    public JsonNode createConnector(String name, Map<String, String> config) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        body.set("config", JSON.valueToTree(config));
        return call("POST", "/connectors", body);
    }

    /** {@code PUT /connectors/{name}/config}: creates or reconfigures. */
    public JsonNode putConnectorConfig(String name, Map<String, String> config) {
        return call("PUT", connector(name) + "/config", JSON.valueToTree(config));
    }

    public JsonNode connectorConfig(String name) {
        return call("GET", connector(name) + "/config", null);
    }

    public void deleteConnector(String name) {
        call("DELETE", connector(name), null);
    }

    /** {@code GET /connectors/{name}/tasks}: {@code [{"id":{"connector":..,"task":n},"config":{..}}, ..]}. */
    public JsonNode taskConfigs(String name) {
        return call("GET", connector(name) + "/tasks", null);
    }

    public ConnectorStatus status(String name) {
        return ConnectorStatus.from(call("GET", connector(name) + "/status", null));
    }

    /** {@code plugin} is a class name or alias; {@code config} must hold {@code connector.class}. */
    public ValidationResult validate(String plugin, Map<String, String> config) {
        return ValidationResult.from(
                call("PUT", "/connector-plugins/" + encode(plugin) + "/config/validate", JSON.valueToTree(config)));
    }

    /** {@code GET /connectors/{name}/offsets}: {@code {"offsets":[{"partition":{..},"offset":{..}}, ..]}}. */
    public JsonNode offsets(String name) {
        return call("GET", connector(name) + "/offsets", null);
    }

    /** {@code PATCH /connectors/{name}/offsets} (connector must be STOPPED); body as returned by {@link #offsets}. */
    public JsonNode alterOffsets(String name, JsonNode offsets) {
        return call("PATCH", connector(name) + "/offsets", offsets);
    }

    /** {@code DELETE /connectors/{name}/offsets} (connector must be STOPPED). */
    public JsonNode resetOffsets(String name) {
        return call("DELETE", connector(name) + "/offsets", null);
    }

    public void stopConnector(String name) {
        call("PUT", connector(name) + "/stop", null);
    }

    public void pauseConnector(String name) {
        call("PUT", connector(name) + "/pause", null);
    }

    public void resumeConnector(String name) {
        call("PUT", connector(name) + "/resume", null);
    }

    /** {@code POST /connectors/{name}/restart}, optionally with its tasks, optionally only failed instances. */
    public void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
        call("POST", connector(name) + "/restart?includeTasks=" + includeTasks + "&onlyFailed=" + onlyFailed, null);
    }

    public void restartTask(String name, int task) {
        call("POST", connector(name) + "/tasks/" + task + "/restart", null);
    }

    private static String connector(String name) {
        return "/connectors/" + encode(name);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() >= 400) {
            throw new ConnectRestException(method, path, response.statusCode(), response.body());
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(method + " " + path + " answered HTTP " + response.statusCode()
                    + " with a body that is not JSON: " + text, e);
        }
    }

    private HttpResponse<String> send(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + baseUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    /** One entry of {@code GET /connector-plugins}. */
    public record PluginInfo(String className, String type, String version) {
    }
}
