package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/** With {@code exactly.once.source.support=enabled}, a read_committed consumer sees no duplicate across moves. */
@ResourceLock(E2eStack.RESTARTED_EXACTLY_ONCE_WORKERS)
class WorkerRebalanceExactlyOnceIT extends WorkerRebalance {
    @RegisterExtension
    static final E2eStack ENV = environment(true);

    @Override
    E2eStack env() {
        return ENV;
    }

    @Override
    Map<String, String> connectorSettings() {
        return Map.of("exactly.once.support", "required");
    }

    @Override
    void checkDuplicates(DeliveryReport<?> report, int bound) {
        assertThat(report.duplicateCount()).as("exactly once: %s", report).isZero();
    }
}
