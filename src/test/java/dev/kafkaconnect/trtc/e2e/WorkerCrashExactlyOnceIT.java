package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code exactly.once.source.support=enabled}, a read_committed consumer sees no duplicate after a crash. */
class WorkerCrashExactlyOnceIT extends WorkerCrashRecovery {
    @RegisterExtension
    static final E2eStack ENV = environment(true);

    @Override
    E2eStack env() {
        return ENV;
    }

    @Override
    Map<String, String> connectorSettings() {
        // The worker refuses the connector unless it declares exactly-once support.
        return Map.of("exactly.once.support", "required");
    }

    @Override
    void checkSamples(DeliveryReport<Sample> samples, int deliveredBeforeKill) {
        assertThat(samples.isExact()).as("exactly once: %s", samples).isTrue();
    }
}
