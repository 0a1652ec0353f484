package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Network failures over real loopback sockets; registry answers are covered by the ITs against a real registry. */
class RestSchemaRegistryClientTest {
    private static final String SECRET = "pa55w0rd";

    @Test
    void anUnreachableRegistryIsRetriedThenReportedByUrlWithoutCredentials() throws IOException {
        int closedPort = closedLoopbackPort();
        List<Long> sleeps = new ArrayList<>();
        RegistryAvroConverterConfig config = RegistryAvroConverterConfigTest.config(Map.of(
                "schema.registry.url", "http://user:" + SECRET + "@127.0.0.1:" + closedPort + "/apis/ccompat/v7",
                "basic.auth.credentials.source", "URL",
                "max.retries", "2", "retries.wait.ms", "50", "retries.max.wait.ms", "70"));

        try (RestSchemaRegistryClient client = RestSchemaRegistryClient.create(config, sleeps::add)) {
            assertThatThrownBy(() -> client.register("t-value", "\"string\""))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.retriable()).isTrue();
                        assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE);
                        assertThat(e.getMessage())
                                .contains("http://127.0.0.1:" + closedPort + "/apis/ccompat/v7")
                                .contains("unreachable")
                                .contains("register a schema under subject 't-value'")
                                .contains("gave up after 2 retries")
                                .doesNotContain(SECRET);
                    });
        }
        assertThat(sleeps).containsExactly(50L, 70L);
    }

    @Test
    void failsOverToTheNextUrl() throws IOException {
        int first = closedLoopbackPort();
        int second = closedLoopbackPort();
        List<Long> sleeps = new ArrayList<>();
        RegistryAvroConverterConfig config = RegistryAvroConverterConfigTest.config(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + first + ",http://127.0.0.1:" + second,
                "max.retries", "1"));

        try (RestSchemaRegistryClient client = RestSchemaRegistryClient.create(config, sleeps::add)) {
            assertThatThrownBy(client::subjects).isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("http://127.0.0.1:" + second);
        }
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void registryErrorAnswersBecomeMessagesNamingTheCauseAndTheSetting() {
        HttpUrl base = HttpUrl.get("http://registry:8081/");
        RestSchemaRegistryClient anonymous = RestSchemaRegistryClient.create(
                RegistryAvroConverterConfigTest.config(Map.of()));
        RestSchemaRegistryClient withCredentials = RestSchemaRegistryClient.create(
                RegistryAvroConverterConfigTest.config(Map.of("basic.auth.user.info", "me:" + SECRET)));
        IntFunction<String> notFound = code -> code == 40401 ? "subject 's' not found" : "schema not found";

        SchemaRegistryException incompatible = anonymous.httpError("register a schema under subject 's'", base, 409,
                "{\"error_code\":409,\"message\":\"Incompatible artifact: s [AVRO]\"}", notFound);
        assertThat(incompatible.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE);
        assertThat(incompatible.getMessage()).contains("subject 's'").contains("incompatible")
                .contains("Incompatible artifact: s [AVRO]").contains("http://registry:8081/");

        assertThat(anonymous.httpError("x", base, 401, "", notFound).getMessage())
                .contains("requires credentials: set basic.auth.user.info or bearer.auth.token");
        SchemaRegistryException rejected = withCredentials.httpError("x", base, 401, "", notFound);
        assertThat(rejected.kind()).isEqualTo(SchemaRegistryException.Kind.UNAUTHORIZED);
        assertThat(rejected.retriable()).isFalse();
        assertThat(rejected.getMessage()).contains("rejected the credentials: check basic.auth.user.info")
                .doesNotContain(SECRET);
        assertThat(withCredentials.httpError("x", base, 403, "", notFound).getMessage())
                .contains("not authorized");

        SchemaRegistryException missing = anonymous.httpError("fetch", base, 404,
                "{\"error_code\":40401,\"message\":\"No artifact\"}", notFound);
        assertThat(missing.errorCode()).isEqualTo(40401);
        assertThat(missing.getMessage()).contains("subject 's' not found").contains("error_code 40401");

        SchemaRegistryException unavailable = anonymous.httpError("fetch", base, 503,
                "<html>" + "x".repeat(1000) + "</html>", notFound);
        assertThat(unavailable.retriable()).isTrue();
        assertThat(unavailable.getMessage()).contains("HTTP 503").contains("<html>").hasSizeLessThan(800);
    }

    @Test
    void credentialsBecomeTheAuthorizationHeader() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("me:" + SECRET).getBytes());
        RegistryAvroConverterConfig userInfo = RegistryAvroConverterConfigTest.config(
                Map.of("basic.auth.user.info", "me:" + SECRET));
        RegistryAvroConverterConfig inUrl = RegistryAvroConverterConfigTest.config(Map.of(
                "schema.registry.url", "https://me:" + SECRET + "@registry:8081", "basic.auth.credentials.source", "URL"));
        RegistryAvroConverterConfig bearer = RegistryAvroConverterConfigTest.config(
                Map.of("bearer.auth.token", SECRET));
        RegistryAvroConverterConfig none = RegistryAvroConverterConfigTest.config(Map.of());

        assertThat(RestSchemaRegistryClient.authorization(userInfo, RegistryUrls.parse(userInfo.registryUrls())))
                .isEqualTo(basic);
        RegistryUrls urls = RegistryUrls.parse(inUrl.registryUrls());
        assertThat(RestSchemaRegistryClient.authorization(inUrl, urls)).isEqualTo(basic);
        assertThat(urls.get(0).toString()).isEqualTo("https://registry:8081/");
        assertThat(RestSchemaRegistryClient.authorization(bearer, RegistryUrls.parse(bearer.registryUrls())))
                .isEqualTo("Bearer " + SECRET);
        assertThat(RestSchemaRegistryClient.authorization(none, RegistryUrls.parse(none.registryUrls()))).isNull();
    }

    /** A loopback port nothing listens on: bound, then released. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
