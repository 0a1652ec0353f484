package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** A loopback port nothing listens on: bound, then released. */
    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
