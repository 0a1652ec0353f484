package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A request body's parameters with the service's typing rules. A JSON null counts as absent. The seed takes
 * {@code SdkAppId}, {@code PageNumber} and {@code PageSize} as JSON strings (a JSON number is accepted for
 * {@code SdkAppId}, as the official example sends one); the successor takes integers. Times are integers in both.
 */
final class RequestParams {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode body;
    private final String action;
    private final ApiGeneration generation;

    private RequestParams(ObjectNode body, String action, ApiGeneration generation) {
        this.body = body;
        this.action = action;
        this.generation = generation;
    }

    static RequestParams parse(byte[] bytes, String action, ApiGeneration generation) throws ApiError {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ApiError("InvalidParameter.BodyParamsError",
                    "The request body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new ApiError("InvalidParameter.BodyParamsError",
                    "The request body must be a JSON object of parameters.");
        }
        return new RequestParams((ObjectNode) node, action, generation);
    }

    /** Rejects parameters the action does not take, as the service does. */
    void allowOnly(Set<String> names) throws ApiError {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new ApiError("UnknownParameter", "The parameter `" + name + "` is not recognized by "
                        + action + ". Parameters it takes: " + names + ".");
            }
        }
    }

    boolean has(String name) {
        JsonNode n = body.get(name);
        return n != null && !n.isNull();
    }

    String requiredString(String name, String missingCode) throws ApiError {
        JsonNode n = require(name, missingCode);
        if (!n.isTextual()) {
            throw typeError(name, "a JSON string", n);
        }
        if (n.asText().isEmpty()) {
            throw new ApiError(missingCode, "The parameter `" + name + "` is empty.");
        }
        return n.asText();
    }

    String optionalString(String name) throws ApiError {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (!n.isTextual()) {
            throw typeError(name, "a JSON string", n);
        }
        return n.asText();
    }

    /** A unix-seconds parameter: an Integer in both generations. */
    long requiredTime(String name, String missingCode) throws ApiError {
        JsonNode n = require(name, missingCode);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw typeError(name, "an Integer (unix seconds)", n);
        }
        return n.asLong();
    }

    long requiredSdkAppId(String missingCode) throws ApiError {
        JsonNode n = require("SdkAppId", missingCode);
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong(); // the seed's official example sends a number, so both generations take one
        }
        if (generation.integerParams()) {
            throw typeError("SdkAppId", "an Integer", n);
        }
        if (!n.isTextual()) {
            throw typeError("SdkAppId", "a String of digits", n);
        }
        if (n.asText().isBlank()) {
            throw new ApiError(missingCode, "The parameter `SdkAppId` is empty.");
        }
        return digits("SdkAppId", n.asText());
    }

    /** {@code PageNumber}/{@code PageSize}: String in the seed, Integer in the successor; null when absent. */
    Long pageParam(String name) throws ApiError {
        if (!has(name)) {
            return null;
        }
        JsonNode n = body.get(name);
        if (generation.integerParams()) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw typeError(name, "an Integer", n);
            }
            return n.asLong();
        }
        if (!n.isTextual()) {
            throw typeError(name, "a String of digits", n);
        }
        return digits(name, n.asText());
    }

    /** An array of strings; empty when absent. */
    List<String> stringArray(String name) throws ApiError {
        if (!has(name)) {
            return List.of();
        }
        JsonNode n = body.get(name);
        if (!n.isArray()) {
            throw typeError(name, "an Array of String", n);
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw typeError(name, "an Array of String", n);
            }
            out.add(e.asText());
        }
        return out;
    }

    private JsonNode require(String name, String missingCode) throws ApiError {
        if (!has(name)) {
            throw new ApiError(missingCode, "The required parameter `" + name + "` is missing.");
        }
        return body.get(name);
    }

    private ApiError typeError(String name, String expected, JsonNode got) {
        return new ApiError("InvalidParameterValue", "The parameter `" + name + "` of " + action + " must be "
                + expected + "; got JSON " + got.getNodeType().name().toLowerCase() + ".");
    }

    private long digits(String name, String text) throws ApiError {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ApiError("InvalidParameterValue", "The parameter `" + name + "` of " + action
                    + " must be a String of digits; got \"" + abbreviate(text) + "\".");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
