package dev.kafkaconnect.trtc.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker stack's own files, rehearsed where no Docker engine runs: {@code docker/connect/worker.properties} runs
 * a worker loading the plugin from {@code target/plugin}, {@code docker/bin/simulator.sh} starts the simulator from
 * {@code target/tools} with the compose file's arguments and the demo credentials file,
 * {@code docker/bin/http-ready.sh} probes it, and {@code docker/register-connector.sh} registers
 * {@code config/trtc-source-docker.json} through a stand-in for {@code docker compose} that maps the services to these
 * processes. Only addresses and paths that exist inside the containers are rewritten.
 */
class DockerStackRehearsalIT {
    private static final String SAMPLES = "trtc." + TrtcSimulator.DEFAULT_SDK_APP_ID + ".quality";
    private static final Duration READY = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static KafkaClusterTestKit kafka;
    private static Connect<?> worker;
    private static Process simulator;
    private static Path simulatorLog;
    private static int simulatorPort;
    private static String connectUrl;
    private static Path secretsDir;

    @BeforeAll
    static void startTheStack() throws Exception {
        Path plugin = Path.of("target", "plugin").toAbsolutePath();
        assertThat(plugin.resolve("kafka-connect-trtc")).as("run mvn package first").isDirectory();
        assertThat(Path.of("target", "tools")).as("run mvn package first").isDirectory();
        // Compose mounts the secret file as /run/secrets/<secret name>.
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.copy(Path.of("docker", "secrets", "trtc-credentials.properties"), secrets.resolve("trtc-credentials"));

        simulatorPort = freePort();
        simulatorLog = dir.resolve("simulator.log");
        ProcessBuilder simulatorProcess = new ProcessBuilder(simulatorCommand())
                .redirectErrorStream(true).redirectOutput(simulatorLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        simulatorProcess.environment().putAll(simulatorEnv(secrets));
        simulator = simulatorProcess.start();
        awaitProbe(new ProcessBuilder("bash", "docker/bin/http-ready.sh",
                "http://127.0.0.1:" + simulatorPort + "/", "any").redirectErrorStream(true));

        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();

        int restPort = freePort();
        connectUrl = "http://127.0.0.1:" + restPort;
        Map<String, String> props = workerProperties();
        String registry = ApicurioRegistry.shared().ccompatUrl();
        props.replaceAll((k, v) -> switch (k) {
            case "bootstrap.servers" -> kafka.bootstrapServers();
            case "listeners" -> connectUrl;
            case "rest.advertised.host.name" -> "127.0.0.1";
            case "rest.advertised.port" -> String.valueOf(restPort);
            case "plugin.path" -> plugin.toString();
            default -> k.endsWith(".allowed.paths") ? secrets.toString()
                    : k.endsWith("schema.registry.url") ? registry : v;
        });
        worker = new ConnectDistributed().startConnect(props);
        secretsDir = secrets;
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (worker != null) {
            worker.stop();
            worker.awaitStop();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (simulator != null) {
            simulator.destroy();
            if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
    }

    @Test
    void registerScriptRegistersTheDockerExampleAndShowsItsRecords() throws Exception {
        Path config = dir.resolve("trtc-source-docker.json");
        Files.writeString(config, Files.readString(Path.of("config", "trtc-source-docker.json"))
                .replace("/run/secrets/", secretsDir + "/")
                .replace("http://127.0.0.1:18080", "http://127.0.0.1:" + simulatorPort));
        Map<String, String> env = new HashMap<>(Map.of(
                "CONNECT_URL", connectUrl,
                "COMPOSE", composeStandIn().toString(),
                "WAIT_SECONDS", "120",
                "RECORDS", "3"));

        RegisterScript.Run first = RegisterScript.run(config, env, Duration.ofMinutes(4));

        assertThat(first.exitCode()).as(first.toString()).isZero();
        List<String> calls = simulatorCalls();
        assertThat(calls).isNotEmpty();
        assertThat(first.output()).as(first.toString())
                .contains("Reading the simulator's calls: " + String.join(",", calls.stream().sorted().toList()))
                .contains("Created connector 'trtc-simulator'")
                .contains("\"connector\":{\"state\":\"RUNNING\"")
                .contains("== " + SAMPLES + ": the first 3 records")
                .contains("Processed a total of 3 messages")
                // Key and value in the Confluent wire format: each starts with the magic byte 0.
                .containsPattern("Partition:\\d+ \\| \\\\x00.* \\| \\\\x00");
        assertThat(first.output()).doesNotContain(TrtcSimulator.DEMO_SECRET_KEY);

        String status = get(connectUrl + "/connectors/trtc-simulator/status");
        assertThat(status).doesNotContain("FAILED");
        String subjects = get(ApicurioRegistry.shared().ccompatUrl() + "/subjects");
        assertThat(subjects).contains(SAMPLES + "-value").contains(SAMPLES + "-key");

        env.put("RECORDS", "0");
        RegisterScript.Run again = RegisterScript.run(config, env, Duration.ofMinutes(4));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.output()).as(again.toString()).contains("Updated connector 'trtc-simulator'")
                .contains("\"state\":\"RUNNING\"").doesNotContain("==");
    }

    @Test
    void registerScriptNamesTheSettingConnectRefuses() throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, Files.readString(Path.of("config", "trtc-source-docker.json"))
                .replace("\"trtc.sdk.app.id\": \"1400188366\"", "\"trtc.sdk.app.id\": \"not-a-number\"")
                .replace("\"trtc-simulator\"", "\"trtc-bad\""));

        RegisterScript.Run run = RegisterScript.run(config, Map.of("CONNECT_URL", connectUrl,
                "COMPOSE", composeStandIn().toString(), "WAIT_SECONDS", "60"), Duration.ofMinutes(2));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as(run.toString())
                .contains("Connect refused the configuration (HTTP 400)").contains("trtc.sdk.app.id");
    }

    @Test
    void registerScriptShowsWhyATaskFailed() throws Exception {
        String wrongKey = "wrongSecretKey0000000000000000000000";
        Files.writeString(secretsDir.resolve("wrong-credentials"), Files.readString(secretsDir.resolve("trtc-credentials"))
                .replace(TrtcSimulator.DEMO_SECRET_KEY, wrongKey));
        Path config = dir.resolve("wrong-key.json");
        Files.writeString(config, Files.readString(Path.of("config", "trtc-source-docker.json"))
                .replace("/run/secrets/trtc-credentials", secretsDir.resolve("wrong-credentials").toString())
                .replace("http://127.0.0.1:18080", "http://127.0.0.1:" + simulatorPort)
                .replace("\"trtc-simulator\"", "\"trtc-wrong-key\""));

        RegisterScript.Run run = RegisterScript.run(config, Map.of("CONNECT_URL", connectUrl,
                "COMPOSE", composeStandIn().toString(), "WAIT_SECONDS", "90"), Duration.ofMinutes(3));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.output()).as(run.toString())
                .contains("Created connector 'trtc-wrong-key'")
                .contains("register-connector: connector 'trtc-wrong-key' failed:")
                .contains("\"state\":\"FAILED\"")
                .doesNotContain(wrongKey);
    }

    /** The simulator's arguments as the compose file gives them (defaults of ${VAR:-default}), on a free port. */
    private static List<String> simulatorCommand() {
        List<String> command = new ArrayList<>(List.of("bash", "docker/bin/simulator.sh"));
        List<String> args = List.of(ComposeFile.read().service("simulator").get("command").split("\n"));
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).replaceAll("^\\$\\{[A-Z_]+:-(.*)}$", "$1");
            command.add(i > 0 && args.get(i - 1).equals("--port") ? String.valueOf(simulatorPort) : arg);
        }
        return command;
    }

    private static Map<String, String> simulatorEnv(Path secrets) {
        return Map.of("TRTC_CREDENTIALS", secrets.resolve("trtc-credentials").toString(),
                "TRTC_TOOLS_DIR", Path.of("target", "tools").toAbsolutePath().toString());
    }

    private static List<String> simulatorCalls() throws IOException {
        return Files.readAllLines(simulatorLog).stream()
                .map(String::trim).filter(l -> l.matches("\\d+_\\S+_\\d+ {2}room .*"))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
    }

    /**
     * Answers the script's {@code docker compose} commands from the local processes: {@code ps} lists the
     * simulator, {@code logs} shows its output, {@code exec kafka <console consumer>} runs Kafka's console consumer
     * (the same tool as in the image) against the local broker.
     */
    private static Path composeStandIn() throws IOException {
        Path script = dir.resolve("compose-stand-in.sh");
        if (Files.exists(script)) {
            return script;
        }
        String text = String.join("\n",
                "#!/usr/bin/env bash",
                "set -euo pipefail",
                "while [[ ${1:-} == --profile ]]; do shift 2; done",
                "case $1 in",
                "  ps) echo simulator ;;",
                "  logs) cat " + quote(simulatorLog.toString()) + " ;;",
                "  exec)",
                "    shift; [[ $1 == -T ]] && shift",
                "    [[ $1 == kafka && $2 == /opt/kafka/bin/kafka-console-consumer.sh ]] || { echo \"unexpected: $*\" >&2; exit 97; }",
                "    shift 2; args=()",
                "    for a in \"$@\"; do args+=(\"${a/kafka:19092/" + kafka.bootstrapServers() + "}\"); done",
                "    exec " + quote(javaBinary()) + " -cp " + quote(System.getProperty("java.class.path"))
                        + " org.apache.kafka.tools.consumer.ConsoleConsumer \"${args[@]}\" ;;",
                "  *) echo \"unexpected compose command: $*\" >&2; exit 98 ;;",
                "esac",
                "");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitProbe(ProcessBuilder probe) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            assertThat(simulator.isAlive()).as("simulator exited: %s", Files.readString(simulatorLog)).isTrue();
            Process p = probe.start();
            last = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200); // the poll interval of a bounded wait
        }
        throw new AssertionError("simulator not ready within " + READY + ": " + last + Files.readString(simulatorLog));
    }

    private static Map<String, String> workerProperties() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("docker", "connect", "worker.properties"))) {
            p.load(in);
        }
        Map<String, String> map = new HashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("GET %s: %s", url, answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
