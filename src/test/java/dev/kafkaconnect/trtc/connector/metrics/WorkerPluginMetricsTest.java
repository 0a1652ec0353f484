package dev.kafkaconnect.trtc.connector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.LogCapture;
import dev.kafkaconnect.trtc.connector.TestConnectorContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class WorkerPluginMetricsTest {
    /** {@code SourceTaskContext} as Kafka Connect 3.6 to 4.0 declare it: no {@code pluginMetrics()}. */
    interface SourceTaskContextBefore41 {
        Map<String, String> configs();

        OffsetStorageReader offsetStorageReader();
    }

    @Test
    void aRuntimeWithPluginMetricsGetsThemWithoutAWarning() {
        try (LogCapture logs = new LogCapture()) {
            MetricsRegistration task = WorkerPluginMetrics.forTask(taskContext(), 3);
            MetricsRegistration connector = WorkerPluginMetrics.forConnector(new TestConnectorContext());

            assertThat(task.enabled()).as("task registration on a 4.1+ runtime").isTrue();
            assertThat(connector.enabled()).as("connector registration on a 4.1+ runtime").isTrue();
            assertThat(warnings(logs)).as("warnings").isEmpty();
        }
    }

    @Test
    void aRuntimeWithoutPluginMetricsIsReportedByNameAndVersion() {
        try (LogCapture logs = new LogCapture()) {
            boolean available = WorkerPluginMetrics.available(SourceTaskContextBefore41.class, "metrics of task 2");

            assertThat(available).as("pluginMetrics() on a context without it").isFalse();
            assertThat(warnings(logs)).as("warnings").singleElement().satisfies(w -> assertThat(w)
                    .contains("metrics of task 2 are not available")
                    .contains("SourceTaskContextBefore41.pluginMetrics()")
                    .contains("(" + WorkerPluginMetrics.runtimeVersion() + ")")
                    .contains("need Kafka Connect 4.1 or later"));
        }
    }

    @Test
    void theContextsOfThisBuildDeclarePluginMetrics() {
        assertThat(WorkerPluginMetrics.available(SourceTaskContext.class, "task metrics")).isTrue();
        assertThat(WorkerPluginMetrics.available(ConnectorContext.class, "connector metrics")).isTrue();
    }

    /**
     * An older worker fails a task at the first linked call to {@code pluginMetrics()}, so only the guard's
     * {@code Linked} class, loaded after the check, may make one.
     */
    @Test
    void onlyTheGuardLinksToPluginMetrics() throws IOException {
        Path classes = Path.of("target/classes/dev/kafkaconnect/trtc");
        byte[] call = "()Lorg/apache/kafka/common/metrics/PluginMetrics;".getBytes(StandardCharsets.UTF_8);
        List<String> callers;
        try (Stream<Path> files = Files.walk(classes)) {
            callers = files.filter(f -> f.toString().endsWith(".class")).filter(f -> contains(read(f), call))
                    .map(f -> classes.relativize(f).toString()).sorted().toList();
        }
        assertThat(callers).as("plugin classes referring to pluginMetrics() under %s", classes)
                .containsExactly("connector/metrics/WorkerPluginMetrics$Linked.class");
    }

    private static SourceTaskContext taskContext() {
        PluginMetrics metrics = new PluginMetricsImpl(new Metrics(), Map.of("connector", "test", "task", "3"));
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                throw new UnsupportedOperationException("not read here");
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return metrics;
            }
        };
    }

    private static List<String> warnings(LogCapture logs) {
        return logs.events().stream().filter(e -> e.level().equals("WARN"))
                .filter(e -> e.logger().equals(WorkerPluginMetrics.class.getName())).map(LogCapture.Event::message)
                .toList();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
