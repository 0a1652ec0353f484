package dev.kafkaconnect.trtc.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.kafkaconnect.trtc.demo.ConnectorConfigFile;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;

/**
 * Connector configurations for the tests: the shipped example {@code config/trtc-source.json}, pointed at the
 * simulator. The SecretKey reaches the worker through the {@code file} config provider, as users are told to
 * supply it, so it never sits in the connector's stored configuration.
 */
final class TrtcConnectorConfig {
    static final String SHIPPED_EXAMPLE = "config/trtc-source.json";

    private TrtcConnectorConfig() {
    }

    static Map<String, String> shippedExample() {
        return new LinkedHashMap<>(ConnectorConfigFile.read(E2eEnvironment.projectFile(SHIPPED_EXAMPLE)).config());
    }

    /**
     * The example reading {@code scenario}'s calls from its simulator into {@code <prefix>.samples} and
     * {@code <prefix>.participants}, with the SecretKey in a properties file under {@code secretsDir}.
     */
    static Map<String, String> forScenario(CallScenario scenario, String topicPrefix, Path secretsDir,
                                           String secretKey) {
        TrtcSimulator sim = scenario.simulator();
        Map<String, String> config = shippedExample();
        config.put("trtc.endpoint", sim.endpoint());
        config.put("trtc.secret.id", TrtcSimulator.DEMO_SECRET_ID);
        config.put("trtc.secret.key", fileReference(secretsDir, secretKey));
        config.remove("trtc.token");
        config.put("trtc.sdk.app.id", Long.toString(sim.sdkAppId()));
        config.put("trtc.comm.ids", String.join(",", scenario.commIds()));
        config.put("trtc.metrics", String.join(",", scenario.metrics()));
        config.put("trtc.topic.samples", samplesTopic(topicPrefix));
        config.put("trtc.topic.participants", participantsTopic(topicPrefix));
        config.put("trtc.topic.calls", callsTopic(topicPrefix));
        config.put("trtc.topic.abnormal.experiences", experiencesTopic(topicPrefix));
        config.put("trtc.topic.user.events", userEventsTopic(topicPrefix));
        config.put("trtc.settle.delay.ms", "30000");
        config.put("trtc.poll.interval.ms", "1000");
        config.put("tasks.max", "2");
        return config;
    }

    static String samplesTopic(String prefix) {
        return prefix + ".samples";
    }

    static String participantsTopic(String prefix) {
        return prefix + ".participants";
    }

    static String callsTopic(String prefix) {
        return prefix + ".calls";
    }

    static String experiencesTopic(String prefix) {
        return prefix + ".abnormal-experiences";
    }

    static String userEventsTopic(String prefix) {
        return prefix + ".user-events";
    }

    private static String fileReference(Path dir, String secretKey) {
        Path file = dir.resolve("trtc-secret-" + Integer.toHexString(secretKey.hashCode()) + ".properties");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, "trtc.secret.key=" + secretKey + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return "${file:" + file.toAbsolutePath() + ":trtc.secret.key}";
    }
}
