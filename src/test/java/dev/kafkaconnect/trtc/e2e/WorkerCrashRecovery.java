package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
    private static CallScenario scenario;
    private static KafkaConnectStack stack;

    static void startWith(boolean exactlyOnce) {
        scenario = CallScenario.many(CALLS);
        stack = KafkaConnectStack.start(E2eEnvironment.kafkaClasspath(), E2eEnvironment.pluginPath(),
                w -> configure(w, exactlyOnce));
    }

    private static WorkerSettings.Builder configure(WorkerSettings.Builder worker, boolean exactlyOnce) {
        worker.exactlyOnce(exactlyOnce).offsetFlushIntervalMs(1000);
        if (exactlyOnce) {
            // The killed leader's open config-topic transaction blocks the restarted worker's read_committed
            // config reader until the broker aborts it: shorten that from the default 60 s.
            worker.property("transaction.timeout.ms", "10000");
        }
        return worker;
    }

    @AfterAll
    static void stop() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (scenario != null) {
                scenario.close();
            }
        }
    }

    /** Extra connector settings of the delivery mode. */
    abstract Map<String, String> connectorSettings();

    /** Checks the samples after recovery; {@code deliveredBeforeKill} is what the reader had seen at the kill. */
    abstract void checkSamples(DeliveryReport<Sample> samples, int deliveredBeforeKill);

    @Test
    void hardKilledWorkerResumesWithoutLoss() {
        try (ConnectorRun run = new ConnectorRun(stack, scenario, "crash")) {
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
