package dev.kafkaconnect.trtc.converter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API (also served by Apicurio's ccompat API,
 * Karapace and Redpanda). Each call is retried on network failures, 408, 429 and 5xx, failing over between the
 * configured URLs; every error message names the registry URL (without credentials) and what was asked.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    private static final MediaType CONTENT_TYPE = MediaType.get("application/vnd.schemaregistry.v1+json");
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 500;

    private final OkHttpClient http;
    private final RegistryUrls urls;
    private final String authorization;
    private final RetryPolicy retry;
    private volatile int preferredUrl;

    RestSchemaRegistryClient(OkHttpClient http, RegistryUrls urls, String authorization, RetryPolicy retry) {
        this.http = http;
        this.urls = urls;
        this.authorization = authorization;
        this.retry = retry;
    }

    /** A client as configured for the converter. */
    public static RestSchemaRegistryClient create(RegistryAvroConverterConfig config) {
        return create(config, Thread::sleep);
    }

    static RestSchemaRegistryClient create(RegistryAvroConverterConfig config, RetryPolicy.Sleeper sleeper) {
        RegistryUrls urls = RegistryUrls.parse(config.registryUrls());
        RetryPolicy retry = new RetryPolicy(config.maxRetries(), config.retriesWaitMs(), config.retriesMaxWaitMs(),
                sleeper);
        return new RestSchemaRegistryClient(RegistryHttpClients.create(config), urls, authorization(config, urls),
                retry);
    }

    /** The Authorization header value for the configured credentials, or null. */
    static String authorization(RegistryAvroConverterConfig config, RegistryUrls urls) {
        if (config.bearerAuthToken() != null) {
            return "Bearer " + config.bearerAuthToken();
        }
        String userInfo = RegistryAvroConverterConfig.SOURCE_URL.equals(config.basicAuthCredentialsSource())
                ? urls.userInfo() : config.basicAuthUserInfo();
        if (userInfo == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int register(String subject, String schema) {
        JsonNode answer = execute("register a schema under subject '" + subject + "'", "POST",
                url -> url.addPathSegment("subjects").addPathSegment(subject).addPathSegment("versions"),
                schemaBody(schema), code -> "subject '" + subject + "' not found");
        return requiredInt(answer, "id");
    }

    @Override
    public int lookup(String subject, String schema) {
        JsonNode answer = execute("look up a schema under subject '" + subject + "'", "POST",
                url -> url.addPathSegment("subjects").addPathSegment(subject),
                schemaBody(schema), code -> code == 40401
                        ? "subject '" + subject + "' not found"
                        : "schema not registered under subject '" + subject + "'");
        return requiredInt(answer, "id");
    }

    @Override
    public RegisteredSchema schemaById(int id) {
        JsonNode answer = execute("fetch schema id " + id, "GET",
                url -> url.addPathSegment("schemas").addPathSegment("ids").addPathSegment(Integer.toString(id)),
                null, code -> "schema id " + id + " not found");
        return registeredSchema(answer, id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return version(subject, "latest");
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        JsonNode answer = execute("fetch version " + version + " of subject '" + subject + "'", "GET",
                url -> url.addPathSegment("subjects").addPathSegment(subject).addPathSegment("versions")
                        .addPathSegment(version),
                null, code -> code == 40401
                        ? "subject '" + subject + "' not found"
                        : "version " + version + " of subject '" + subject + "' not found");
        return registeredSchema(answer, requiredInt(answer, "id"));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, String schema) {
        JsonNode answer = execute("check compatibility with subject '" + subject + "'", "POST",
                url -> url.addPathSegment("compatibility").addPathSegment("subjects").addPathSegment(subject)
                        .addPathSegment("versions").addPathSegment("latest").addQueryParameter("verbose", "true"),
                schemaBody(schema), code -> "subject '" + subject + "' not found (nothing to check against)");
        List<String> messages = new ArrayList<>();
        // Confluent answers "messages": [...], Apicurio "reason": "...".
        answer.path("messages").forEach(m -> messages.add(m.asText()));
        if (answer.hasNonNull("reason")) {
            messages.add(answer.get("reason").asText());
        }
        return new CompatibilityResult(answer.path("is_compatible").asBoolean(false), messages);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        execute("set compatibility " + level + " on subject '" + subject + "'", "PUT",
                url -> url.addPathSegment("config").addPathSegment(subject), body,
                code -> "subject '" + subject + "' not found");
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = execute("list subjects", "GET", url -> url.addPathSegment("subjects"), null,
                code -> "subjects not found");
        List<String> subjects = new ArrayList<>();
        answer.forEach(s -> subjects.add(s.asText()));
        return subjects;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + urls;
    }

    private static ObjectNode schemaBody(String schema) {
        // schemaType is omitted: AVRO is the default, and older registries reject the field.
        return JSON.createObjectNode().put("schema", schema);
    }

    private interface UrlPath {
        HttpUrl.Builder apply(HttpUrl.Builder base);
    }

    private JsonNode execute(String action, String method, UrlPath path, JsonNode body, IntFunction<String> notFound) {
        int first = preferredUrl;
        return retry.call(attempt -> {
            int index = first + attempt;
            HttpUrl base = urls.get(index);
            JsonNode answer = executeOnce(action, method, path.apply(base.newBuilder()).build(), base, body, notFound);
            preferredUrl = Math.floorMod(index, urls.size());
            return answer;
        });
    }

    private JsonNode executeOnce(String action, String method, HttpUrl url, HttpUrl base, JsonNode body,
                                 IntFunction<String> notFound) {
        Request.Builder request = new Request.Builder().url(url).header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, body == null ? null : RequestBody.create(body.toString(), CONTENT_TYPE));
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body().string();
            if (response.isSuccessful()) {
                return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
            }
            throw httpError(action, base, response.code(), text, notFound);
        } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
            // A certificate problem does not go away by retrying: it needs the trust store settings.
            throw new SchemaRegistryException(SchemaRegistryException.Kind.TLS, 0, 0,
                    "TLS handshake with schema registry " + base + " failed (could not " + action + "): the registry's"
                            + " certificate is not trusted or does not match the host; set "
                            + RegistryAvroConverterConfig.SSL_TRUSTSTORE_LOCATION + " to a trust store holding its CA"
                            + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, 0, 0,
                    "Schema registry at " + base + " is unreachable (could not " + action + "): " + e, e);
        }
    }

    SchemaRegistryException httpError(String action, HttpUrl base, int status, String text,
                                              IntFunction<String> notFound) {
        int errorCode = 0;
        String message = text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "..." : text;
        try {
            JsonNode error = JSON.readTree(text);
            if (error != null && error.isObject()) {
                errorCode = error.path("error_code").asInt(0);
                message = error.path("message").asText(message);
            }
        } catch (IOException notJson) {
            // Proxies and load balancers answer with HTML or plain text: keep the raw (truncated) body.
        }
        SchemaRegistryException.Kind kind = SchemaRegistryException.kindOf(status);
        String what = switch (kind) {
            case INCOMPATIBLE -> "the schema is incompatible with earlier versions under the subject's compatibility"
                    + " rule";
            case UNAUTHORIZED -> status == 401
                    ? (authorization == null
                            ? "the registry requires credentials: set " + RegistryAvroConverterConfig.BASIC_AUTH_USER_INFO
                                    + " or " + RegistryAvroConverterConfig.BEARER_AUTH_TOKEN
                            : "the registry rejected the credentials: check "
                                    + RegistryAvroConverterConfig.BASIC_AUTH_USER_INFO + " / "
                                    + RegistryAvroConverterConfig.BASIC_AUTH_CREDENTIALS_SOURCE + " or "
                                    + RegistryAvroConverterConfig.BEARER_AUTH_TOKEN)
                    : "the credentials are not authorized for this (check the registry's permissions for the user"
                            + " of " + RegistryAvroConverterConfig.BASIC_AUTH_USER_INFO + " or the token of "
                            + RegistryAvroConverterConfig.BEARER_AUTH_TOKEN + ")";
            case NOT_FOUND -> notFound.apply(errorCode);
            case REJECTED -> "the registry refused the request";
            case TLS -> "TLS failure";
            case UNAVAILABLE -> "the registry is unavailable or overloaded";
        };
        return new SchemaRegistryException(kind, status, errorCode,
                "Could not " + action + " at schema registry " + base + ": " + what + " (HTTP " + status
                        + (errorCode != 0 ? ", error_code " + errorCode : "") + "): " + message, null);
    }

    private static RegisteredSchema registeredSchema(JsonNode answer, int id) {
        List<SchemaReference> references = new ArrayList<>();
        answer.path("references").forEach(r -> references.add(
                new SchemaReference(r.path("name").asText(), r.path("subject").asText(), r.path("version").asInt())));
        String schema = answer.path("schema").asText(null);
        if (schema == null) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.REJECTED, 200, 0,
                    "Schema registry answered without a 'schema' for id " + id + ": " + answer, null);
        }
        return new RegisteredSchema(id, answer.path("subject").asText(null), answer.path("version").asInt(0),
                answer.path("schemaType").asText("AVRO"), schema, references);
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.REJECTED, 200, 0,
                    "Schema registry answer has no integer '" + field + "': " + answer, null);
        }
        return value.asInt();
    }
}
