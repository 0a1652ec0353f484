package dev.kafkaconnect.trtc.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The Docker stack as a user runs it: {@code docker compose --profile simulator up} on the plugin built by Maven,
 * then {@code docker/register-connector.sh}; records must reach Kafka as Avro with their schemas in the registry.
 * Needs a Docker engine with the compose plugin; skipped without one.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeStackIT {
    private static final String SAMPLES = "trtc." + TrtcSimulator.DEFAULT_SDK_APP_ID + ".quality";
    private static final String PARTICIPANTS = "trtc." + TrtcSimulator.DEFAULT_SDK_APP_ID + ".participants";
    private static final Duration STARTUP = Duration.ofMinutes(5);
    private static final Map<String, String> HOST_PORTS = Map.of(
            "KAFKA_HOST_PORT", String.valueOf(freePort()),
            "SCHEMA_REGISTRY_HOST_PORT", String.valueOf(freePort()),
            "CONNECT_HOST_PORT", String.valueOf(freePort()));

    @Container
    private static final ComposeContainer STACK = new ComposeContainer("trtc-docker-it",
            ComposeFile.PATH.toAbsolutePath().toFile())
            .withEnv(HOST_PORTS)
            .withEnv("COMPOSE_PROFILES", "simulator")
            .withExposedService("connect", 8083,
                    Wait.forHttp("/connectors").forStatusCode(200).withStartupTimeout(STARTUP))
            .withExposedService("schema-registry", 8080,
                    Wait.forHttp("/health/ready").forStatusCode(200).withStartupTimeout(STARTUP))
            .waitingFor("simulator", Wait.forLogMessage(".*Ctrl-C stops the simulator.*\\n", 1)
                    .withStartupTimeout(STARTUP))
            .withStartupTimeout(STARTUP);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void pluginIsBuilt() {
        assertThat(new File("target/plugin/kafka-connect-trtc")).as("run mvn package first").isDirectory();
        assertThat(new File("target/tools")).as("run mvn package first").isDirectory();
    }

    @Test
    void registeredConnectorWritesAvroRecordsFromTheSimulator() throws Exception {
        String connect = "http://" + STACK.getServiceHost("connect", 8083) + ":"
                + STACK.getServicePort("connect", 8083);
        ContainerState kafka = STACK.getContainerByServiceName("kafka")
                .orElseThrow(() -> new AssertionError("no kafka container"));
        String project = kafka.getContainerInfo().getConfig().getLabels().get("com.docker.compose.project");
        Map<String, String> env = new java.util.HashMap<>(HOST_PORTS);
        env.putAll(Map.of("CONNECT_URL", connect, "COMPOSE_PROJECT_NAME", project, "COMPOSE_PROFILES", "simulator",
                "WAIT_SECONDS", "240", "RECORDS", "3"));
        Path config = Path.of("config", "trtc-source-docker.json");

        RegisterScript.Run first = RegisterScript.run(config, env, Duration.ofMinutes(6));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.output()).as(first.toString())
                .contains("Created connector 'trtc-simulator'")
                .contains("Reading the simulator's calls: " + TrtcSimulator.DEFAULT_SDK_APP_ID + "_")
                .contains("== " + SAMPLES)
                .containsPattern("Processed a total of [1-9]\\d* messages");

        String status = get(connect + "/connectors/trtc-simulator/status");
        assertThat(status).contains("\"type\":\"source\"").doesNotContain("FAILED");
        assertThat(get(connect + "/connectors/trtc-simulator/topics")).contains(SAMPLES).contains(PARTICIPANTS);
        assertThat(committedRecords(kafka, SAMPLES)).isPositive();
        String registry = "http://" + STACK.getServiceHost("schema-registry", 8080) + ":"
                + STACK.getServicePort("schema-registry", 8080) + "/apis/ccompat/v7";
        assertThat(get(registry + "/subjects")).contains(SAMPLES + "-value").contains(SAMPLES + "-key");

        RegisterScript.Run again = RegisterScript.run(config, env, Duration.ofMinutes(6));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.output()).as(again.toString()).contains("Updated connector 'trtc-simulator'");
    }

    /** Records in the topic, counted from its end offsets. */
    private static long committedRecords(ContainerState kafka, String topic) throws Exception {
        ExecResult offsets = kafka.execInContainer("/opt/kafka/bin/kafka-get-offsets.sh",
                "--bootstrap-server", "kafka:19092", "--topic", topic, "--time", "-1");
        assertThat(offsets.getExitCode()).as(offsets.getStderr()).isZero();
        long total = 0;
        for (String line : offsets.getStdout().split("\n")) {
            String[] parts = line.trim().split(":");
            if (parts.length == 3) {
                total += Long.parseLong(parts[2]);
            }
        }
        return total;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", url, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
