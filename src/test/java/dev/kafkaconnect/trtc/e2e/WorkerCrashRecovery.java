package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.demo.WorkerSettings;

/**
 * A worker killed with SIGKILL in the middle of reading comes back and the connector resumes from its committed
 * offsets: nothing is lost. Subclasses choose the delivery mode and what they accept as duplicates.
 */
abstract class WorkerCrashRecovery {
    static final int CALLS = 30;

    /** The stack of a delivery mode, for the subclass to register. */
    static E2eStack environment(boolean exactlyOnce) {
        return E2eStack.withWorker(w -> configure(w, exactlyOnce)).scenario(() -> CallScenario.many(CALLS));
    }

    /** The subclass's registered stack. */
    abstract E2eStack env();

    private static WorkerSettings.Builder configure(WorkerSettings.Builder worker, boolean exactlyOnce) {
        worker.exactlyOnce(exactlyOnce).offsetFlushIntervalMs(1000);
        if (exactlyOnce) {
            // Transactions the killed worker left open hold back read_committed readers (the restarted worker's
            // and ours) until the broker aborts them: shorten that from the default 60 s.
            worker.property("transaction.timeout.ms", "10000");
            worker.property("producer.transaction.timeout.ms", "10000");
        }
        return worker;
    }

    /** Extra connector settings of the delivery mode. */
    abstract Map<String, String> connectorSettings();

    /** Checks the samples after recovery; {@code deliveredBeforeKill} is what the reader had seen at the kill. */
    abstract void checkSamples(DeliveryReport<Sample> samples, int deliveredBeforeKill);

    @Test
    void hardKilledWorkerResumesWithoutLoss() {
        KafkaConnectStack stack = env().stack();
        CallScenario scenario = env().scenario();
        try (ConnectorRun run = env().run("crash")) {
            Map<String, String> config = run.config();
            // Slow enough that the kill lands mid-way: one request per call, two per second in all.
            config.put("trtc.rate.limit", "2");
            config.putAll(connectorSettings());
            run.create(config);

            int total = scenario.expectedSamples().size();
            int atKill = Waits.value("a fifth of the samples before the kill", Duration.ofMinutes(2), () -> {
                run.reader().poll();
                int n = run.reader().count(run.samplesTopic());
                return n >= total / 5 ? java.util.Optional.of(n) : java.util.Optional.empty();
            }, run::diagnostics);
            stack.worker().kill();
            assertThat(atKill).as("the kill must land before the end of the data").isLessThan(total);

            stack.worker().restart();
            run.awaitAllCallsFinished();

            DeliveryReport<Sample> samples = run.samples();
            System.out.printf("%s: %d samples seen at the kill; after recovery: %s%n", getClass().getSimpleName(),
                    atKill, samples);
            assertThat(samples.missing()).as("lost samples: %s", samples).isEmpty();
            assertThat(samples.unexpected()).as("samples never served: %s", samples).isEmpty();
            checkSamples(samples, atKill);
            DeliveryReport<Participant> participants = run.participants();
            assertThat(participants.missing()).as("participants: %s", participants).isEmpty();
            assertThat(participants.unexpected()).as("participants: %s", participants).isEmpty();
        }
    }
}
