package dev.kafkaconnect.trtc.connector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.metrics.ApiMetrics;
import dev.kafkaconnect.trtc.connector.metrics.DiscoveryMetric;
import dev.kafkaconnect.trtc.connector.metrics.TaskMetric;
import org.junit.jupiter.api.Test;

/** The generated operations tables cover every metric and error kind (ConfigDocsTest keeps docs/operations.md in sync). */
class OperationsDocsTest {

    @Test
    void theMetricsListNamesEveryMetric() {
        for (TaskMetric m : TaskMetric.values()) {
            assertThat(OperationsDocs.metrics()).contains("| `" + m.metricName + "` |");
        }
        for (DiscoveryMetric m : DiscoveryMetric.values()) {
            assertThat(OperationsDocs.metrics()).contains("| `" + m.metricName + "` |");
        }
    }

    @Test
    void theTroubleshootingTableCoversEveryErrorKind() {
        String table = OperationsDocs.troubleshooting();
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(table).contains("| `" + ApiMetrics.outcome(kind) + "` |");
        }
        assertThat(table).contains("`requestlimitexceeded`").contains("`authfailure.signatureexpire`")
                .doesNotContain("null");
    }
}
