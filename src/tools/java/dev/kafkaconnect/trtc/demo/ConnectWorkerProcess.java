package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A distributed-mode Kafka Connect worker in a child JVM, loading plugins from {@code plugin.path} with
 * {@code plugin.discovery=service_load} as a production worker would. Its REST port and directories stay the same
 * across {@link #restart()}, so a killed worker comes back as the same member with its connectors and offsets.
 */
public final class ConnectWorkerProcess extends ChildService {
    private final Path workerProperties;
    private final int restPort;
    private final ConnectRestClient rest;

    private ConnectWorkerProcess(Path workDir, KafkaClasspath classpath) {
        super(workDir, new ChildJvm("connect-worker", classpath, workDir));
        this.workerProperties = workDir.resolve("worker.properties");
        this.restPort = FreePorts.next();
        this.rest = new ConnectRestClient(restUrl());
    }

    public static ConnectWorkerProcess start(KafkaClasspath classpath, String bootstrapServers,
                                             WorkerSettings settings) {
        return start(classpath, bootstrapServers, settings, KafkaBrokerProcess.createTempDir("trtc-connect-"));
    }

    public static ConnectWorkerProcess start(KafkaClasspath classpath, String bootstrapServers,
                                             WorkerSettings settings, Path workDir) {
        if (!Files.isDirectory(settings.pluginPath())) {
            throw new IllegalStateException("plugin.path " + settings.pluginPath().toAbsolutePath()
                    + " is not a directory; 'mvn package' builds it");
        }
        settings.javaHome().ifPresent(home -> {
            if (!Files.isExecutable(Path.of(ChildJvm.javaExecutable(home)))) {
                throw new IllegalStateException("no executable bin/java under the worker's Java home "
                        + home.toAbsolutePath());
            }
        });
        ConnectWorkerProcess worker = new ConnectWorkerProcess(workDir, classpath);
        worker.writeConfig(bootstrapServers, settings);
        worker.jvm.jvmOptions(settings.jvmOptions());
        worker.jvm.environment(settings.environment());
        worker.jvm.javaHome(settings.javaHome().orElse(null));
        try {
            worker.launch();
        } catch (RuntimeException e) {
            // A worker that never became healthy must not linger and hold its port and memory.
            worker.kill();
            throw e;
        }
        return worker;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** The worker's id in its group and in {@code worker_id} of status answers: its advertised REST address. */
    public String workerId() {
        return "127.0.0.1:" + restPort;
    }

    public ConnectRestClient rest() {
        return rest;
    }

    static Map<String, String> workerConfig(String bootstrapServers, int restPort, WorkerSettings settings) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("group.id", settings.groupId());
        config.put("config.storage.topic", settings.groupId() + "-configs");
        config.put("offset.storage.topic", settings.groupId() + "-offsets");
        config.put("status.storage.topic", settings.groupId() + "-status");
        config.put("config.storage.replication.factor", "1");
        config.put("offset.storage.replication.factor", "1");
        config.put("status.storage.replication.factor", "1");
        config.put("plugin.path", settings.pluginPath().toAbsolutePath().toString());
        // Plugins must declare themselves in META-INF/services, as production workers increasingly require.
        config.put("plugin.discovery", "service_load");
        config.put("listeners", "http://127.0.0.1:" + restPort);
        config.put("rest.advertised.host.name", "127.0.0.1");
        config.put("rest.advertised.port", String.valueOf(restPort));
        config.put("offset.flush.interval.ms", String.valueOf(settings.offsetFlushIntervalMs()));
        if (settings.exactlyOnce()) {
            config.put("exactly.once.source.support", "enabled");
        }
        // A restarted worker replaces its killed self: reassign the lost tasks at once instead of after the
        // default 5 minutes, and notice the dead member after the broker's minimum session timeout.
        config.put("scheduled.rebalance.max.delay.ms", "0");
        config.put("session.timeout.ms", "6000");
        config.put("heartbeat.interval.ms", "2000");
        config.put("config.providers", "file,env,directory");
        config.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        config.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        config.put("config.providers.directory.class",
                "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
        config.putAll(settings.extra());
        return config;
    }

    private void writeConfig(String bootstrapServers, WorkerSettings settings) {
        Properties props = new Properties();
        props.putAll(workerConfig(bootstrapServers, restPort, settings));
        try (var out = Files.newBufferedWriter(workerProperties)) {
            props.store(out, "distributed Connect worker for kafka-connect-trtc tests and demo");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + workerProperties, e);
        }
    }

    @Override
    void launch() {
        jvm.start("org.apache.kafka.connect.cli.ConnectDistributed", workerProperties.toString());
        Waits.until("Connect worker REST API at " + restUrl() + " to report healthy", STARTUP_TIMEOUT, () -> {
            jvm.checkAlive("the worker to start");
            return rest.isHealthy();
        }, jvm::tail);
    }
}
