package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OperationsDocsTest {
    private static String doc() throws Exception {
        return Files.readString(Path.of("docs-operations.md"));
    }

    @Test
    void theMetricsListMatchesTheMetricDefinitions() throws Exception {
        assertThat(OperationsDocs.section(doc(), OperationsDocs.METRICS_START, OperationsDocs.METRICS_END))
                .as("docs-operations.md metrics are stale: run OperationsDocs.main")
                .isEqualTo(OperationsDocs.metrics().strip());
        for (TaskMetric m : TaskMetric.values()) {
            assertThat(OperationsDocs.metrics()).contains("| `" + m.metricName + "` |");
        }
    }

    @Test
    void theTroubleshootingTableMatchesTheErrorCodes() throws Exception {
        String table = OperationsDocs.troubleshooting();
        assertThat(OperationsDocs.section(doc(), OperationsDocs.ERRORS_START, OperationsDocs.ERRORS_END))
                .as("docs-operations.md troubleshooting is stale: run OperationsDocs.main").isEqualTo(table.strip());
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(table).contains("| `" + ApiMetrics.outcome(kind) + "` |");
        }
        assertThat(table).contains("`requestlimitexceeded`").contains("`authfailure.signatureexpire`")
                .doesNotContain("null");
    }
}
