package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node KRaft Kafka (broker and controller in one process) in a child JVM on loopback ports, configured
 * for one node: every replication factor and min ISR is 1, so transactions and consumer groups work.
 * {@link #restart()} brings it back on the same ports and log directories.
 */
public final class KafkaBrokerProcess extends ChildService {
    private final Path serverProperties;
    private final int brokerPort;

    private KafkaBrokerProcess(Path workDir, KafkaClasspath classpath) {
        super(workDir, new ChildJvm("kafka-broker", classpath, workDir));
        this.serverProperties = workDir.resolve("server.properties");
        this.brokerPort = FreePorts.next();
    }

    /** Formats storage in a new temporary directory and starts the broker; returns once it serves metadata. */
    public static KafkaBrokerProcess start(KafkaClasspath classpath) {
        return start(classpath, createTempDir("trtc-kafka-"));
    }

    public static KafkaBrokerProcess start(KafkaClasspath classpath, Path workDir) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(workDir, classpath);
        broker.writeConfig(FreePorts.next());
        broker.formatStorage();
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Client properties pointing at this broker, a starting point for producers, consumers and admins. */
    public Properties clientProperties() {
        return clientProperties(bootstrapServers());
    }

    static Properties clientProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    private void writeConfig(int controllerPort) {
        String controller = "127.0.0.1:" + controllerPort;
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("listeners", "PLAINTEXT://" + bootstrapServers() + ",CONTROLLER://" + controller);
        config.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("controller.quorum.bootstrap.servers", controller);
        config.put("log.dirs", workDir.resolve("data").toAbsolutePath().toString());
        config.put("num.partitions", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "5");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // One node: nothing to wait for before the first consumer group or Connect group rebalance.
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("auto.create.topics.enable", "true");
        Properties props = new Properties();
        props.putAll(config);
        try (var out = Files.newBufferedWriter(serverProperties)) {
            props.store(out, "single-node KRaft broker for kafka-connect-trtc tests and demo");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + serverProperties, e);
        }
    }

    private void formatStorage() {
        jvm.runTool(workDir.resolve("format.log"), Duration.ofSeconds(60), "kafka.tools.StorageTool",
                "format", "--cluster-id=" + newClusterId(), "-c", serverProperties.toString(), "--standalone");
    }

    @Override
    void launch() {
        jvm.start("kafka.Kafka", serverProperties.toString());
        awaitReady();
    }

    private void awaitReady() {
        Properties props = clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            Waits.value("Kafka broker at " + bootstrapServers() + " to serve metadata", STARTUP_TIMEOUT, () -> {
                jvm.checkAlive("the broker to start");
                try {
                    int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
                    return nodes > 0 ? Optional.of(nodes) : Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (Exception e) {
                    throw new IllegalStateException("broker not ready: " + e.getMessage(), e);
                }
            }, jvm::tail);
        }
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding (what {@code Uuid} prints). */
    static String newClusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** System property naming where child processes keep their files (e.g. under {@code target/}). */
    public static final String WORK_DIR_PROPERTY = "trtc.work.dir";

    /** A new directory for a child's files: under {@value #WORK_DIR_PROPERTY} if set, else the system temp dir. */
    static Path createTempDir(String prefix) {
        String base = System.getProperty(WORK_DIR_PROPERTY);
        try {
            if (base == null || base.isBlank()) {
                return Files.createTempDirectory(prefix);
            }
            return Files.createTempDirectory(Files.createDirectories(Path.of(base)), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory", e);
        }
    }
}
