package dev.kafkaconnect.trtc.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.kafkaconnect.trtc.demo.KafkaBrokerProcess;
import dev.kafkaconnect.trtc.demo.KafkaClasspath;

/** Where the build put what the integration tests need: Kafka's classpath and the packaged plugin. */
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

    /**
     * A new {@code plugin.path} directory with the Confluent Hub zip unzipped into it, as the README tells users to
     * install the plugin: what the zip holds is what such a worker loads, not the build's plugin directory.
     */
    static Path pluginPathFromHubZip() {
        Path zip = hubZip();
        try {
            Path base = Path.of(System.getProperty(KafkaBrokerProcess.WORK_DIR_PROPERTY, "target/e2e-runs"));
            Path pluginPath = Files.createTempDirectory(Files.createDirectories(base), "trtc-plugin-path-");
            try (ZipFile file = new ZipFile(zip.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    Path target = pluginPath.resolve(entry.getName()).normalize();
                    if (!target.startsWith(pluginPath)) {
                        throw new IllegalStateException(zip + " has an entry outside its directory: "
                                + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = file.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
            return pluginPath;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unzip " + zip + " into a plugin.path directory", e);
        }
    }

    /** The Confluent Hub zip: set by Failsafe, else the one {@code kafkaconnect-kafka-connect-trtc-*.zip} in target. */
    static Path hubZip() {
        String configured = System.getProperty("trtc.plugin.zip");
        if (configured != null && !configured.isBlank()) {
            Path zip = Path.of(configured);
            if (!Files.isRegularFile(zip)) {
                throw new IllegalStateException("No Confluent Hub zip at " + zip.toAbsolutePath()
                        + "; run 'mvn package' (or verify) first");
            }
            return zip;
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> zips = files.filter(f -> f.getFileName().toString()
                    .matches("kafkaconnect-kafka-connect-trtc-.*\\.zip")).toList();
            if (zips.size() != 1) {
                throw new IllegalStateException("Expected one Confluent Hub zip in target/, found " + zips
                        + "; run 'mvn package' (or verify) first");
            }
            return zips.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list target/", e);
        }
    }

    static Path projectFile(String relative) {
        String dir = System.getProperty("trtc.project.dir");
        return Path.of(dir == null ? "." : dir).resolve(relative);
    }
}
