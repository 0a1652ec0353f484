package dev.kafkaconnect.trtc.e2e;

import dev.kafkaconnect.trtc.demo.KafkaClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.internals.AppInfoParser;

/**
 * Kafka Connect runtimes of other versions than the build's: which ones a run tests ({@value #VERSIONS_PROPERTY},
 * set by the {@code compat} profile) and their classpaths,
 * Kafka's own jars of that version from Maven Central, resolved by Maven with {@code src/test/compat/pom.xml}
 * the way the build resolves its own ({@code dependency:build-classpath}) and kept in {@code target/compat/}.
 */
final class ConnectRuntimes {
    static final String VERSIONS_PROPERTY = "trtc.compat.versions";
    private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);

    private ConnectRuntimes() {
    }

    /** The versions to test, in the order given; none unless the build asks ({@code -Pcompat}). */
    static List<String> versions() {
        String value = System.getProperty(VERSIONS_PROPERTY, "");
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** The Kafka version the project builds and tests against. */
    static String buildVersion() {
        return AppInfoParser.getVersion();
    }

    /** Kafka's jars of {@code version}: the build's own classpath for the build's version. */
    static synchronized KafkaClasspath classpath(String version) {
        if (version.equals(buildVersion())) {
            return E2eEnvironment.kafkaClasspath();
        }
        if (!version.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
            throw new IllegalArgumentException("not a Kafka release version: '" + version + "'");
        }
        Path dir = Path.of(System.getProperty("trtc.project.dir", ".")).toAbsolutePath();
        Path file = dir.resolve("target/compat/kafka-classpath-" + version + ".txt");
        if (!Files.isRegularFile(file)) {
            resolve(dir, version, file);
        }
        return KafkaClasspath.fromFile(file);
    }

    private static void resolve(Path projectDir, String version, Path file) {
        Path log = file.resolveSibling("resolve-" + version + ".log");
        List<String> command = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-q",
                "-f", projectDir.resolve("src/test/compat/pom.xml").toString(), "-Dconnect.version=" + version,
                "dependency:build-classpath", "-Dmdep.outputFile=" + file));
        String localRepository = System.getProperty("trtc.maven.repo.local", "");
        if (!localRepository.isBlank()) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        try {
            Files.createDirectories(file.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(RESOLVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("resolving Kafka " + version + " took over "
                        + RESOLVE_TIMEOUT.toMinutes() + " min: " + String.join(" ", command) + "\n"
                        + Files.readString(log));
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(file)) {
                Files.deleteIfExists(file);
                throw new IllegalStateException("cannot resolve Kafka " + version + " from Maven Central (exit "
                        + process.exitValue() + "): " + String.join(" ", command) + "\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run Maven to resolve Kafka " + version, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving Kafka " + version, e);
        }
    }

    /** The Maven running the build (Failsafe passes its home), else {@code mvn} on the PATH. */
    private static String maven() {
        String home = System.getProperty("trtc.maven.home", "");
        if (!home.isBlank() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
