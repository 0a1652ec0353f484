package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The classpath of the broker and worker child JVMs: Kafka's own jars, written by the build to
 * {@code target/kafka-classpath.txt}. It must not contain this project's classes, or the connector would load from
 * the worker's classpath instead of from {@code plugin.path} and packaging faults would go unnoticed.
 */
public final class KafkaClasspath {
    /** System property naming the classpath file; set by Failsafe for integration tests. */
    public static final String FILE_PROPERTY = "trtc.kafka.classpath.file";

    private final String classpath;

    private KafkaClasspath(String classpath) {
        this.classpath = classpath;
    }

    /** From the file named by {@value #FILE_PROPERTY}, else {@code target/kafka-classpath.txt}. */
    public static KafkaClasspath fromBuild() {
        String file = System.getProperty(FILE_PROPERTY);
        return fromFile(Path.of(file == null || file.isBlank() ? "target/kafka-classpath.txt" : file));
    }

    public static KafkaClasspath fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Kafka classpath file " + file.toAbsolutePath() + " does not exist; "
                    + "it is written by 'mvn process-test-resources' (maven-dependency-plugin build-classpath)");
        }
        String text;
        try {
            text = Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Kafka classpath file " + file, e);
        }
        return of(text, file.toString());
    }

    static KafkaClasspath of(String text, String source) {
        List<String> entries = Arrays.stream(text.strip().split(java.io.File.pathSeparator)).map(String::strip)
                .filter(s -> !s.isBlank())
                .toList();
        if (entries.stream().noneMatch(e -> Path.of(e).getFileName().toString().startsWith("connect-runtime"))) {
            throw new IllegalStateException("Kafka classpath from " + source
                    + " has no connect-runtime jar; it cannot start a Connect worker");
        }
        if (entries.stream().noneMatch(e -> Path.of(e).getFileName().toString().startsWith("kafka_2.13"))) {
            throw new IllegalStateException("Kafka classpath from " + source
                    + " has no kafka_2.13 jar; it cannot start a broker");
        }
        entries.stream().filter(KafkaClasspath::isThisProject).findFirst().ifPresent(e -> {
            throw new IllegalStateException("Kafka classpath from " + source + " contains this project's " + e
                    + "; the connector must load from plugin.path only");
        });
        return new KafkaClasspath(String.join(java.io.File.pathSeparator, entries));
    }

    private static boolean isThisProject(String entry) {
        String name = Path.of(entry).getFileName().toString();
        return name.startsWith("kafka-connect-trtc") || entry.endsWith("target/classes")
                || entry.endsWith("target/test-classes");
    }

    public String value() {
        return classpath;
    }

    @Override
    public String toString() {
        return "KafkaClasspath[" + classpath.split(java.io.File.pathSeparator).length + " entries]";
    }
}
