package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Without exactly-once support a moved task may send again what it sent since its last offset flush (a graceful
 * move commits first, so usually nothing): each record at most twice, and no more than that bound.
 */
@ResourceLock(E2eStack.RESTARTED_WORKERS)
class WorkerRebalanceAtLeastOnceIT extends WorkerRebalance {
    @RegisterExtension
    static final E2eStack ENV = environment(false);

    @Override
    E2eStack env() {
        return ENV;
    }

    @Override
    Map<String, String> connectorSettings() {
        return Map.of();
    }

    @Override
    void checkDuplicates(DeliveryReport<?> report, int bound) {
        assertThat(report.maxCopies()).as("copies of one record: %s", report).isLessThanOrEqualTo(2);
        assertThat(report.duplicateCount()).as("duplicates: %s", report).isLessThanOrEqualTo(bound);
    }
}
