package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without exactly-once support, records sent after the last offset flush are sent again after a crash. They are
 * counted and must stay bounded: each sample at most twice, and far fewer than a re-read from the start.
 */
class WorkerCrashAtLeastOnceIT extends WorkerCrashRecovery {
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
    void checkSamples(DeliveryReport<Sample> samples, int deliveredBeforeKill) {
        assertThat(samples.maxCopies()).as("copies of one sample: %s", samples).isLessThanOrEqualTo(2);
        assertThat(samples.duplicateCount()).as("duplicates: %s", samples).isLessThan(samples.expected() / 2);
    }
}
