package dev.kafkaconnect.trtc.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.kafkaconnect.trtc.demo.KafkaClasspath;

/** Where the build put what the integration tests need: Kafka's classpath and the packaged plugin directory. */
final class E2eEnvironment {
    private E2eEnvironment() {
    }

    static KafkaClasspath kafkaClasspath() {
        return KafkaClasspath.fromBuild();
    }

    /** The {@code plugin.path} directory holding {@code kafka-connect-trtc/}, built by the package phase. */
    static Path pluginPath() {
        String configured = System.getProperty("trtc.plugin.path");
        Path path = Path.of(configured == null ? "target/plugin" : configured);
        if (!Files.isDirectory(path.resolve("kafka-connect-trtc"))) {
            throw new IllegalStateException("No packaged plugin under " + path.toAbsolutePath()
                    + "; run 'mvn package' (or verify) first");
        }
        return path;
    }

    static Path projectFile(String relative) {
        String dir = System.getProperty("trtc.project.dir");
        return Path.of(dir == null ? "." : dir).resolve(relative);
    }
}
