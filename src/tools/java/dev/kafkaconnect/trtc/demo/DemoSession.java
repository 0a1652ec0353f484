package dev.kafkaconnect.trtc.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The demo: the TRTC simulator, a broker and a Connect worker, and the connector created from the shipped example
 * configuration, reading the simulator's calls. The SecretKey goes through the worker's {@code file} config
 * provider, as it should in production.
 */
public final class DemoSession implements AutoCloseable {
    /** Metrics the demo reads: those its quality view shows, so the topics stay small. */
    public static final String DEMO_METRICS = "aBit,bigvBit,aLoss,aBlock,bigvCapFps,bigvWidth,bigvHeight";
    /** The connector's settle delay in the demo: samples older than this are final (the "settled range"). */
    public static final long SETTLE_DELAY_MS = 30_000;
    /** How often the connector reads a new window of a live call in the demo. */
    public static final long POLL_INTERVAL_MS = 5_000;
    private static final String REGISTRY_CONVERTER = "dev.kafkaconnect.trtc.converter.RegistryAvroConverter";

    private final TrtcSimulator simulator;
    private final KafkaConnectStack stack;
    private final String registryUrl;
    private final String connector;
    private final Map<String, String> config;
    private final LiveFreshness freshness;

    private DemoSession(TrtcSimulator simulator, KafkaConnectStack stack, String registryUrl, String connector,
                        Map<String, String> config, int jmxPort) {
        this.simulator = simulator;
        this.registryUrl = registryUrl;
        this.stack = stack;
        this.connector = connector;
        this.config = config;
        this.freshness = new LiveFreshness(jmxPort, connector, SETTLE_DELAY_MS, POLL_INTERVAL_MS);
    }

    /**
     * Starts everything and creates the connector, JSON converter, simulator.
     *
     * @param example       the connector configuration to start from, e.g. {@code config/trtc-source.json}
     * @param finishedCalls calls over the last days, read from their beginning to their end
     * @param liveCalls     calls in progress, followed as they go on
     */
    public static DemoSession start(KafkaClasspath classpath, Path pluginPath, Path example, int finishedCalls,
                                    int liveCalls, long seed) {
        return start(classpath, pluginPath, example, new DemoOptions(finishedCalls, liveCalls, seed,
                java.util.Optional.empty(), true, false, true, java.util.Optional.empty()), () -> null);
    }

    /**
     * Starts everything and creates the connector from {@code example}: against the simulator, or against the
     * real API when {@code options} carry credentials; with the registry's Avro converter when
     * {@code registry} gives a URL, else the example's (JSON) converters. {@code registry} is asked once the
     * worker runs, so a registry can start meanwhile.
     */
    public static DemoSession start(KafkaClasspath classpath, Path pluginPath, Path example, DemoOptions options,
                                    java.util.function.Supplier<String> registry) {
        ConnectorConfigFile file = ConnectorConfigFile.read(example);
        TrtcSimulator simulator = options.realApi().isPresent() ? null : TrtcSimulator.builder()
                .seed(options.seed()).generatedCalls(options.calls(), options.liveCalls()).build().start();
        KafkaConnectStack stack = null;
        try {
            int jmxPort = FreePorts.next();
            stack = KafkaConnectStack.start(classpath, pluginPath, w -> {
                LiveFreshness.workerJvmOptions(jmxPort).forEach(w::jvmOption);
                return w;
            });
            Map<String, String> overrides = new LinkedHashMap<>();
            Path workDir = stack.worker().workDir();
            if (simulator != null) {
                overrides.put("trtc.endpoint", simulator.endpoint());
                overrides.put("trtc.secret.id", TrtcSimulator.DEMO_SECRET_ID);
                overrides.put("trtc.secret.key", secretReference(workDir, "trtc.secret.key",
                        TrtcSimulator.DEMO_SECRET_KEY));
                overrides.put("trtc.sdk.app.id", Long.toString(simulator.sdkAppId()));
                overrides.put("trtc.comm.ids", simulator.calls().stream().map(SimulatedCall::commId)
                        .collect(Collectors.joining(",")));
                overrides.put("trtc.start", "P14D");
            } else {
                DemoOptions.RealApi api = options.realApi().get();
                // The connector's default endpoint: the real trtc.tencentcloudapi.com.
                overrides.put("trtc.endpoint", null);
                overrides.put("trtc.secret.id", api.secretId());
                overrides.put("trtc.secret.key", secretReference(workDir, "trtc.secret.key", api.secretKey()));
                if (api.token() != null) {
                    overrides.put("trtc.token", secretReference(workDir, "trtc.token", api.token()));
                }
                overrides.put("trtc.sdk.app.id", api.sdkAppId());
                overrides.put("trtc.comm.ids", api.commIds());
            }
            overrides.put("trtc.metrics", DEMO_METRICS);
            overrides.put("trtc.settle.delay.ms", Long.toString(SETTLE_DELAY_MS));
            overrides.put("trtc.poll.interval.ms", Long.toString(POLL_INTERVAL_MS));
            String registryUrl = registry.get();
            if (registryUrl != null) {
                for (String side : List.of("key", "value")) {
                    overrides.put(side + ".converter", REGISTRY_CONVERTER);
                    overrides.put(side + ".converter.schema.registry.url", registryUrl);
                }
            }
            Map<String, String> config = file.with(overrides);
            stack.rest().createConnector(file.name(), config);
            return new DemoSession(simulator, stack, registryUrl, file.name(), config, jmxPort);
        } catch (RuntimeException e) {
            if (stack != null) {
                stack.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }

    /** The simulator, or empty against the real API. */
    public java.util.Optional<TrtcSimulator> simulatorIfAny() {
        return java.util.Optional.ofNullable(simulator);
    }

    /** The registry the converters use, or null with the JSON converter. */
    public String registryUrl() {
        return registryUrl;
    }

    /** The topic the connector writes samples to. */
    public String samplesTopic() {
        return topic("trtc.topic.samples");
    }

    /** The topic the connector writes user events to. */
    public String userEventsTopic() {
        return topic("trtc.topic.user.events");
    }

    /** The topic the connector writes abnormal experiences to. */
    public String experiencesTopic() {
        return topic("trtc.topic.abnormal.experiences");
    }

    /** The simulator; fails against the real API. */
    public TrtcSimulator simulator() {
        if (simulator == null) {
            throw new IllegalStateException("The demo runs against the real TRTC API: there is no simulator");
        }
        return simulator;
    }

    public KafkaConnectStack stack() {
        return stack;
    }

    public String connectorName() {
        return connector;
    }

    /** The configuration the connector was created with (the SecretKey as a config-provider reference). */
    public Map<String, String> connectorConfig() {
        return config;
    }

    public ConnectorStatus status() {
        return stack.rest().status(connector);
    }

    /** CommIds whose committed offset says the call has been read to its end. */
    public List<String> finishedCalls() {
        List<String> done = new java.util.ArrayList<>();
        for (JsonNode entry : stack.rest().offsets(connector).path("offsets")) {
            if (entry.path("offset").path("finished").asBoolean(false)) {
                done.add(entry.path("partition").path("commId").asText());
            }
        }
        return done;
    }

    /** The tasks' freshness metrics of live samples, as lines of the live view. */
    public List<String> freshnessLines() {
        return freshness.lines();
    }

    /** Records in each topic the connector writes to (end offsets; 0 for a topic not created yet). */
    public Map<String, Long> topicRecordCounts() {
        return topicRecordCounts(stack.clientProperties(),
                List.of(topic("trtc.topic.samples"), topic("trtc.topic.participants")));
    }

    /**
     * Records in each of {@code topics} (end offsets; 0 for a topic not created yet), read with an admin client of
     * {@code clientProperties} (bootstrap servers and security).
     */
    public static Map<String, Long> topicRecordCounts(Properties clientProperties, List<String> topics) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put("request.timeout.ms", "10000");
        props.put("default.api.timeout.ms", "10000");
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Admin admin = Admin.create(props)) {
            Map<String, TopicDescription> existing = admin.describeTopics(admin.listTopics().names()
                    .get(10, TimeUnit.SECONDS).stream().filter(topics::contains).toList()).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            for (String topic : topics) {
                TopicDescription description = existing.get(topic);
                if (description == null) {
                    counts.put(topic, 0L);
                    continue;
                }
                Map<TopicPartition, OffsetSpec> request = description.partitions().stream().collect(
                        Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
                long total = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).values().stream()
                        .mapToLong(r -> r.offset()).sum();
                counts.put(topic, total);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while counting records", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot count records in " + topics + ": " + e.getMessage(), e);
        }
        return counts;
    }

    /** A topic setting with {@code ${sdkAppId}} replaced, as the connector does. */
    private String topic(String key) {
        String defaultTemplate = key.equals("trtc.topic.samples") ? "trtc.${sdkAppId}.quality"
                : key.equals("trtc.topic.abnormal.experiences") ? "trtc.${sdkAppId}.abnormal-experiences"
                : key.equals("trtc.topic.user.events") ? "trtc.${sdkAppId}.user-events"
                : "trtc.${sdkAppId}.participants";
        return config.getOrDefault(key, defaultTemplate).replace("${sdkAppId}", config.get("trtc.sdk.app.id"));
    }

    /** Writes the key to a properties file in the worker's directory and returns the provider reference. */
    private static String secretReference(Path workerDir, String name, String secret) {
        Path file = workerDir.resolve("trtc-secrets.properties");
        try {
            // Properties syntax: a backslash in the secret must be escaped, or the provider would drop it.
            Files.writeString(file, name + "=" + secret.replace("\\", "\\\\") + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return "${file:" + file.toAbsolutePath() + ":" + name + "}";
    }

    @Override
    public void close() {
        freshness.close();
        try {
            stack.close();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
