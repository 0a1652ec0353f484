package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.demo.WorkerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A worker killed with SIGKILL (or stopped gracefully) in the middle of reading comes back and the connector
 * resumes from its committed offsets: nothing is lost. Subclasses choose the delivery mode and what they accept as
 * duplicates.
 */
abstract class WorkerCrashRecovery {
    static final int CALLS = 30;
    /**
     * The pool of the stacks (one per delivery mode) whose workers the crash and rebalance tests kill, restart, add
     * and remove; each class restores the group's shape at its end. Such a class holds the stack's lock
     * ({@link E2eStack#RESTARTED_WORKERS}, {@link E2eStack#RESTARTED_EXACTLY_ONCE_WORKERS}).
     */
    static final String RESTARTS = "worker-restarts";

    /** The stack of a delivery mode, for the subclass to register. */
    static E2eStack environment(boolean exactlyOnce) {
        return E2eStack.withWorker(w -> configure(w, exactlyOnce)).sharedAs(RESTARTS)
                .scenario(() -> CallScenario.many(CALLS));
    }

    /** The subclass's registered stack. */
    abstract E2eStack env();

    /**
     * The workers of a delivery mode, shared by the crash and rebalance tests of that mode (one stack, see
     * {@link SharedStacks}).
     */
    static WorkerSettings.Builder configure(WorkerSettings.Builder worker, boolean exactlyOnce) {
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

    /**
     * Checks the records after recovery from the kill. The offsets in {@code run} were read just before it: the
     * worker may have committed later ones before it died, never earlier ones.
     */
    abstract void checkAfterKill(Interrupted run);

    @Test
    void hardKilledWorkerResumesWithoutLoss() {
        checkAfterKill(readAcrossRestart("crash", "kill", ConnectWorkerProcess::kill));
    }

    /**
     * What a connector reading the scenario delivered when its worker was interrupted once a fifth of the samples
     * had arrived and then started again.
     *
     * @param offsetsBefore the committed offsets by CommId read just before the interruption
     */
    record Interrupted(CallScenario scenario, int seenBefore, Map<String, JsonNode> offsetsBefore,
                       DeliveryReport<Sample> samples, DeliveryReport<Participant> participants,
                       DeliveryReport<CallEnd> callEnds, DeliveryReport<Experience> experiences,
                       DeliveryReport<UserEventRecord> userEvents) {
    }

    /**
     * Creates connector {@code name}, interrupts the worker with {@code interrupt} once a fifth of the samples
     * arrived, starts it again, waits for every call to finish and checks that nothing was lost or invented.
     */
    Interrupted readAcrossRestart(String name, String how, Consumer<ConnectWorkerProcess> interrupt) {
        return readAcrossRestart(env().scenario(), name, how, interrupt, Map.of(), true);
    }

    /**
     * As {@link #readAcrossRestart(String, String, Consumer)}, reading {@code scenario} (started by the test) with
     * {@code settings} on top of the delivery mode's, for calls of several pages per window. The interruption comes
     * once a fifth of the samples arrived, whether or not a call was read to its end.
     */
    Interrupted readAcrossRestart(CallScenario scenario, String name, String how,
                                  Consumer<ConnectWorkerProcess> interrupt, Map<String, String> settings) {
        return readAcrossRestart(scenario, name, how, interrupt, settings, false);
    }

    private Interrupted readAcrossRestart(CallScenario scenario, String name, String how,
                                          Consumer<ConnectWorkerProcess> interrupt, Map<String, String> settings,
                                          boolean finishedCallFirst) {
        KafkaConnectStack stack = env().stack();
        try (ConnectorRun run = env().run(scenario, name)) {
            Map<String, String> config = run.config();
            // Slow enough that the interruption lands mid-way: two requests per second in all.
            config.put("trtc.rate.limit", "2");
            config.putAll(connectorSettings());
            config.putAll(settings);
            run.create(config);

            int total = scenario.expectedSamples().size();
            // The committed offsets must already cover something (with finishedCallFirst, a whole call), so that the
            // interruption has something to respect.
            Map<String, JsonNode> offsetsBefore = Waits.value("a fifth of the samples and "
                    + (finishedCallFirst ? "a call's last offset" : "offsets") + " committed before the " + how,
                    Duration.ofMinutes(2), () -> {
                        run.reader().poll();
                        if (run.reader().count(run.samplesTopic()) < total / 5) {
                            return Optional.empty();
                        }
                        Map<String, JsonNode> offsets = run.offsetsByCall();
                        boolean covered = finishedCallFirst ? offsets.values().stream()
                                .anyMatch(e -> e.path("offset").path("finished").asBoolean(false))
                                : !offsets.isEmpty();
                        return covered ? Optional.of(offsets) : Optional.empty();
                    }, run::diagnostics);
            int seen = run.reader().count(run.samplesTopic());
            interrupt.accept(stack.worker());
            assertThat(seen).as("the %s must land before the end of the data", how).isLessThan(total);

            stack.worker().restart();
            // Every call ends with its call-end record, whose offset says finished, however the restart fell.
            run.awaitAllCallsFinished();

            DeliveryReport<Sample> samples = run.samples();
            DeliveryReport<Participant> participants = run.participants();
            DeliveryReport<CallEnd> callEnds = run.callEnds();
            DeliveryReport<Experience> experiences = run.experiences();
            DeliveryReport<UserEventRecord> userEvents = run.userEvents();
            System.out.printf("%s, %s: %d samples seen and %d calls with committed offsets at the %s; after "
                    + "recovery: %s; participants: %s; call ends: %s; abnormal experiences: %s; user events: %s%n",
                    getClass().getSimpleName(), how, seen, offsetsBefore.size(), how, samples, participants, callEnds,
                    experiences, userEvents);
            assertThat(samples.missing()).as("lost samples: %s", samples).isEmpty();
            assertThat(samples.unexpected()).as("samples never served: %s", samples).isEmpty();
            assertThat(participants.missing()).as("participants: %s", participants).isEmpty();
            assertThat(participants.unexpected()).as("participants: %s", participants).isEmpty();
            assertThat(callEnds.missing()).as("call ends: %s", callEnds).isEmpty();
            assertThat(callEnds.unexpected()).as("call ends: %s", callEnds).isEmpty();
            assertThat(experiences.expected()).as("the simulator drew abnormal experiences to read").isPositive();
            assertThat(experiences.missing()).as("lost abnormal experiences: %s", experiences).isEmpty();
            assertThat(experiences.unexpected()).as("abnormal experiences never served: %s", experiences).isEmpty();
            assertThat(userEvents.expected()).as("the simulator drew user events to read").isPositive();
            assertThat(userEvents.missing()).as("lost user events: %s", userEvents).isEmpty();
            assertThat(userEvents.unexpected()).as("user events never served: %s", userEvents).isEmpty();
            return new Interrupted(scenario, seen, offsetsBefore, samples, participants, callEnds, experiences,
                    userEvents);
        }
    }
}
