package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;

/** With {@code exactly.once.source.support=enabled}, a read_committed consumer sees no duplicate after a crash. */
class WorkerCrashExactlyOnceIT extends WorkerCrashRecovery {

    @BeforeAll
    static void start() {
        startWith(true);
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
