package dev.kafkaconnect.trtc.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaconnect.trtc.api.TrtcClientConfig;
import dev.kafkaconnect.trtc.connector.TrtcSourceConnector;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;

/**
 * The Docker stack's files agree with each other and with the build: pinned images, the Kafka version of the pom,
 * the plugin mount on the worker's plugin.path, the simulator on the worker's loopback, and secrets only through
 * config providers. Docker is not needed: the files are read as text.
 */
class DockerStackFilesTest {
    private static final Path WORKER = Path.of("docker", "connect", "worker.properties");
    private static final Path CONNECTOR = Path.of("config", "trtc-source-docker.json");
    private static final Path DEMO_CREDENTIALS = Path.of("docker", "secrets", "trtc-credentials.properties");
    private static final Pattern SECRET_REFERENCE =
            Pattern.compile("\\$\\{file:/run/secrets/([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)}");

    private final ComposeFile compose = ComposeFile.read();

    @Test
    void everyImageIsPinnedToAnExplicitVersion() {
        assertThat(compose.services()).containsKeys("kafka", "schema-registry", "connect", "simulator");
        compose.services().forEach((name, service) -> {
            String image = service.get("image");
            assertThat(image).as("image of service %s", name).isNotBlank().doesNotContain("${").doesNotContain("@");
            int colon = image.lastIndexOf(':');
            assertThat(colon).as("service %s: image %s has no tag", name, image).isGreaterThan(image.lastIndexOf('/'));
            String tag = image.substring(colon + 1);
            assertThat(tag).as("service %s: tag of %s", name, image)
                    .isNotEqualToIgnoringCase("latest")
                    .matches("\\d+\\.\\d+\\.\\d+.*");
        });
    }

    @Test
    void kafkaImagesAreTheProjectsKafkaVersion() throws IOException {
        Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).as("kafka.version in pom.xml").isTrue();
        assertThat(compose.service("kafka").get("image")).isEqualTo("apache/kafka:" + version.group(1));
        assertThat(compose.service("connect").get("image")).isEqualTo("apache/kafka:" + version.group(1));
    }

    @Test
    void servicesWaitForHealthyDependenciesAndCheckTheirOwnHealth() {
        compose.services().forEach((name, service) ->
                assertThat(service.get("healthcheck")).as("healthcheck of %s", name).contains("test:"));
        String connectDeps = compose.service("connect").get("depends_on");
        assertThat(connectDeps).contains("kafka:\ncondition: service_healthy")
                .contains("schema-registry:\ncondition: service_healthy");
        assertThat(compose.service("simulator").get("depends_on")).contains("connect:").contains("restart: true");
    }

    @Test
    void hostPortsAreBoundToLoopbackOnly() {
        compose.services().forEach((name, service) -> {
            String ports = service.get("ports");
            if (ports != null) {
                assertThat(ports.split("\n")).as("ports of %s", name).allMatch(p -> p.startsWith("127.0.0.1:"));
            }
        });
        assertThat(compose.service("connect").get("ports")).contains(":8083");
    }

    @Test
    void simulatorIsOptionalAndServesOnTheWorkersLoopback() throws IOException {
        Map<String, String> simulator = compose.service("simulator");
        assertThat(simulator.get("profiles")).isEqualTo("simulator");
        // Only a loopback endpoint may be plain http: the simulator must share the worker's network namespace.
        assertThat(simulator.get("network_mode")).isEqualTo("service:connect");
        assertThat(simulator).doesNotContainKey("ports");
        List<String> command = Arrays.asList(simulator.get("command").split("\n"));
        String port = command.get(command.indexOf("--port") + 1);

        URI endpoint = URI.create(connectorConfig().get(TrtcSourceConfig.ENDPOINT));
        assertThat(endpoint.getScheme()).isEqualTo("http");
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");
        assertThat(String.valueOf(endpoint.getPort())).isEqualTo(port);
        assertThat(TrtcClientConfig.builder().endpoint(endpoint.toString()).region("ap-guangzhou")
                .credentials("id", "key").build().endpoint().getPort()).isEqualTo(endpoint.getPort());
        assertThat(simulator.get("healthcheck")).contains("http://127.0.0.1:" + port + "/");
    }

    @Test
    void workerLoadsThePluginDirectoryBuiltByMaven() throws IOException {
        Map<String, String> worker = workerProperties();
        String pluginPath = worker.get("plugin.path");
        assertThat(compose.mountSource("connect", pluginPath)).isEqualTo("../target/plugin");
        assertThat(compose.service("connect").get("command"))
                .isEqualTo("/opt/kafka/bin/connect-distributed.sh\n/opt/trtc-docker/connect/worker.properties");
        assertThat(compose.mountSource("connect", "/opt/trtc-docker/connect")).isEqualTo("./connect");
    }

    @Test
    void simulatorRunsFromTheToolsDirectoryNotThePlugin() throws IOException {
        assertThat(compose.mountSource("simulator", "/tools")).isEqualTo("../target/tools");
        assertThat(compose.service("simulator").get("volumes")).doesNotContain("target/plugin");
        assertThat(compose.service("simulator").get("entrypoint")).contains("/opt/trtc-docker/bin/simulator.sh");
        assertThat(compose.mountSource("simulator", "/opt/trtc-docker/bin")).isEqualTo("./bin");
        assertThat(Path.of("docker", "bin", "simulator.sh")).isRegularFile();
        assertThat(Files.readString(Path.of("docker", "bin", "simulator.sh")))
                .contains("${TRTC_TOOLS_DIR:-/tools}").contains("dev.kafkaconnect.trtc.simulator.SimulatorMain")
                .doesNotContain("/plugin");
    }

    @Test
    void workerConfigurationIsValidForTheConnectRuntime() throws IOException {
        Map<String, String> worker = workerProperties();
        Map<String, String> onThisHost = new HashMap<>(worker);
        // The providers check that their allowed paths exist; the secrets' mount point is only in the container.
        onThisHost.replaceAll((k, v) -> v.equals("/run/secrets") ? DEMO_CREDENTIALS.getParent().toAbsolutePath().toString() : v);
        DistributedConfig config = new DistributedConfig(onThisHost);
        assertThat(config.getString(DistributedConfig.GROUP_ID_CONFIG)).isNotBlank();
        assertThat(config.getString("plugin.discovery")).isEqualToIgnoringCase("service_load");
        assertThat(config.getList("listeners")).containsExactly("http://0.0.0.0:8083");
        assertThat(config.exactlyOnceSourceEnabled()).isTrue();
        assertThat(worker.get("bootstrap.servers")).isEqualTo("kafka:19092");
        assertThat(compose.service("kafka").get("environment")).contains("INTERNAL://kafka:19092");
        assertThat(worker.get("config.providers").split(",")).containsExactlyInAnyOrder("file", "directory", "env");
        assertThat(worker).containsEntry("config.providers.file.param.allowed.paths", "/run/secrets");
        assertThat(worker.get("value.converter")).isEqualTo("dev.kafkaconnect.trtc.converter.RegistryAvroConverter");
        assertThat(worker.get("value.converter.schema.registry.url"))
                .isEqualTo("http://schema-registry:8080/apis/ccompat/v7");
        assertThat(compose.service("schema-registry").get("healthcheck")).contains("http://127.0.0.1:8080/");
    }

    @Test
    void connectorTakesItsKeyPairFromTheMountedSecretFile() throws IOException {
        Map<String, String> config = connectorConfig();
        Properties demo = demoCredentials();
        for (String setting : List.of(TrtcSourceConfig.SECRET_ID, TrtcSourceConfig.SECRET_KEY)) {
            Matcher ref = SECRET_REFERENCE.matcher(config.get(setting));
            assertThat(ref.matches()).as("%s is a ${file:/run/secrets/...} reference", setting).isTrue();
            assertThat(compose.service("connect").get("secrets").split("\n")).contains(ref.group(1));
            assertThat(demo.getProperty(ref.group(2))).as("%s in %s", ref.group(2), DEMO_CREDENTIALS).isNotBlank();
        }
        // The demo pair is the simulator's, so the stack works as checked out.
        assertThat(demo.getProperty("trtc.secret.id")).isEqualTo(TrtcSimulator.DEMO_SECRET_ID);
        assertThat(demo.getProperty("trtc.secret.key")).isEqualTo(TrtcSimulator.DEMO_SECRET_KEY);
        assertThat(Files.readString(CONNECTOR)).doesNotContain(TrtcSimulator.DEMO_SECRET_KEY);
    }

    @Test
    void connectorConfigurationValidatesOnceTheSecretsAndCallsAreFilledIn() throws IOException {
        Map<String, String> config = new HashMap<>(connectorConfig());
        assertThat(config).containsEntry("connector.class", TrtcSourceConnector.class.getName());
        // The register script fills in the simulator's calls when the list is empty.
        assertThat(config).containsEntry(TrtcSourceConfig.COMM_IDS, "");
        config.put(TrtcSourceConfig.COMM_IDS, TrtcSimulator.DEFAULT_SDK_APP_ID + "_1001_1714521600");
        Properties demo = demoCredentials();
        config.replaceAll((k, v) -> resolveSecrets(v, demo));

        Config result = new TrtcSourceConnector().validate(config);

        assertThat(result.configValues())
                .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        assertThat(Long.parseLong(config.get(TrtcSourceConfig.SDK_APP_ID))).isEqualTo(TrtcSimulator.DEFAULT_SDK_APP_ID);
    }

    private static String resolveSecrets(String value, Properties demo) {
        Matcher m = SECRET_REFERENCE.matcher(value);
        return m.matches() ? demo.getProperty(m.group(2)) : value;
    }

    private static Map<String, String> connectorConfig() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(CONNECTOR.toFile(), Map.class);
        assertThat(json).containsKeys("name", "config");
        Map<String, String> config = new HashMap<>();
        ((Map<?, ?>) json.get("config")).forEach((k, v) -> config.put((String) k, (String) v));
        return config;
    }

    private static Properties demoCredentials() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(DEMO_CREDENTIALS)) {
            p.load(in);
        }
        return p;
    }

    private static Map<String, String> workerProperties() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(WORKER)) {
            p.load(in);
        }
        Map<String, String> map = new HashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }
}
