package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Tc3Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A request to the simulator, signed with {@link Tc3Signer} and sent with the JDK HTTP client. Every part can be
 * bent for the authentication tests: timestamp, scope, signed headers, the Authorization header itself.
 */
final class SignedRequest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String endpoint;
    private String action;
    private String version = ApiGeneration.API_VERSION;
    private String secretId = TestSims.SECRET_ID;
    private String secretKey = TestSims.SECRET_KEY;
    private String service = ApiGeneration.SERVICE;
    private long timestamp;
    private Long scopeTimestamp;
    private String contentType = "application/json; charset=utf-8";
    private byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    private byte[] signedBody;
    private boolean signAction;
    private String token;
    private String method = "POST";
    private UnaryOperator<String> authorizationEdit = UnaryOperator.identity();
    private boolean sendAuthorization = true;
    private String sentContentType;
    private String region = "ap-guangzhou";
    private final java.util.Set<String> omitted = new java.util.HashSet<>();

    SignedRequest(String endpoint, String action, long timestamp) {
        this.endpoint = endpoint;
        this.action = action;
        this.timestamp = timestamp;
    }

    SignedRequest body(String json) {
        this.body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    SignedRequest body(Map<String, ?> params) {
        try {
            this.body = MAPPER.writeValueAsBytes(params);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Sign these bytes but send {@link #body}: a body changed in transit. */
    SignedRequest signedBody(String json) {
        this.signedBody = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    SignedRequest action(String action) {
        this.action = action;
        return this;
    }

    SignedRequest version(String version) {
        this.version = version;
        return this;
    }

    SignedRequest credentials(String id, String key) {
        this.secretId = id;
        this.secretKey = key;
        return this;
    }

    SignedRequest service(String service) {
        this.service = service;
        return this;
    }

    SignedRequest timestamp(long timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    /** Build the credential scope's date from another timestamp than the one sent. */
    SignedRequest scopeTimestamp(long t) {
        this.scopeTimestamp = t;
        return this;
    }

    SignedRequest contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /** Send this Content-Type while signing the other one: a header changed in transit. */
    SignedRequest sendContentType(String contentType) {
        this.sentContentType = contentType;
        return this;
    }

    /** The X-TC-Region header; null to send none. */
    SignedRequest region(String region) {
        this.region = region;
        return this;
    }

    SignedRequest omitHeader(String name) {
        omitted.add(name);
        return this;
    }

    SignedRequest signAction() {
        this.signAction = true;
        return this;
    }

    SignedRequest token(String token) {
        this.token = token;
        return this;
    }

    SignedRequest method(String method) {
        this.method = method;
        return this;
    }

    SignedRequest editAuthorization(UnaryOperator<String> edit) {
        this.authorizationEdit = edit;
        return this;
    }

    SignedRequest withoutAuthorization() {
        this.sendAuthorization = false;
        return this;
    }

    Answer send() {
        URI uri = URI.create(endpoint + "/");
        String host = uri.getHost() + ":" + uri.getPort();
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", contentType);
        signed.put("Host", host);
        if (signAction && action != null) {
            signed.put("X-TC-Action", action);
        }
        Tc3Signer.Signature sig = Tc3Signer.sign(secretKey, service, timestamp, method, "/", "", signed,
                signedBody != null ? signedBody : body);
        String authorization = Tc3Signer.authorization(secretId, sig);
        if (scopeTimestamp != null) {
            authorization = authorization.replace(Tc3Signer.utcDate(timestamp), Tc3Signer.utcDate(scopeTimestamp));
        }
        authorization = authorizationEdit.apply(authorization);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .header("Content-Type", sentContentType != null ? sentContentType : contentType);
        if (region != null) {
            b.header("X-TC-Region", region);
        }
        if (!omitted.contains("X-TC-Timestamp")) {
            b.header("X-TC-Timestamp", Long.toString(timestamp));
        }
        if (action != null) {
            b.header("X-TC-Action", action);
        }
        if (version != null) {
            b.header("X-TC-Version", version);
        }
        if (token != null) {
            b.header("X-TC-Token", token);
        }
        if (sendAuthorization) {
            b.header("Authorization", authorization);
        }
        b.method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TransportFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request got no complete HTTP answer. */
    static final class TransportFailure extends RuntimeException {
        TransportFailure(IOException cause) {
            super(cause);
        }
    }

    /** An HTTP answer; {@link #response()} parses the JSON. */
    record Answer(int status, String body) {
        JsonNode response() {
            try {
                return MAPPER.readTree(body).path("Response");
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The error code, or null for a success. */
        String errorCode() {
            JsonNode code = response().path("Error").path("Code");
            return code.isMissingNode() ? null : code.asText();
        }

        JsonNode ok() {
            JsonNode r = response();
            if (status != 200 || r.has("Error")) {
                throw new AssertionError("expected a successful answer, got HTTP " + status + ": " + body);
            }
            return r;
        }
    }
}
