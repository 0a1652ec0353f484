package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Without exactly-once support, records sent after the last offset commit are sent again after a crash, and only
 * those: per call, no sample more than twice, and no sample the committed offset already covered at the kill. With
 * {@code trtc.delivery.repeats=one-request}, what a call sends again is at most one request's answer (one page:
 * one window, at most 6 users). A graceful restart repeats nothing in either mode.
 */
@ResourceLock(E2eStack.RESTARTED_WORKERS)
class WorkerCrashAtLeastOnceIT extends WorkerCrashRecovery {
    /** Calls of six pages each (31 users, 120 s: one window), for the one-request tests. */
    static final int CROWDED_CALLS = 4;
    static final int CROWDED_USERS = 31;
    /**
     * The whole API budget: without one-request repeats each call would emit several pages between two offset
     * flushes (1 s), so the bound below is the setting's doing.
     */
    static final Map<String, String> ONE_REQUEST = Map.of("trtc.delivery.repeats", "one-request",
            "trtc.rate.limit", "20");

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

    /** SIGTERM mid-way and a new start: the worker commits the offsets of what it sent on the way down. */
    @Test
    void gracefullyRestartedWorkerRepeatsNothing() {
        Interrupted run = readAcrossRestart("graceful", "stop", ConnectWorkerProcess::stop);
        assertThat(run.samples().isExact()).as("samples: %s", run.samples()).isTrue();
        assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();
    }

    /**
     * Calls of 31 users (six pages of one window each), read with {@code trtc.delivery.repeats=one-request}: the
     * kill repeats, per call, only records of one page. Without the setting, the pages a call emitted since the
     * last offset flush (several) could repeat.
     */
    @Test
    void withOneRequestRepeatsAKilledWorkerRepeatsAtMostOnePagePerCall() {
        long started = System.nanoTime();
        try (CallScenario scenario = CallScenario.crowdedCalls(CROWDED_CALLS, CROWDED_USERS, 120,
                List.of("appCpu"), b -> b)) {
            Interrupted run = readAcrossRestart(scenario, "one-request-crash", "kill", ConnectWorkerProcess::kill,
                    ONE_REQUEST);
            DeliveryReport<Sample> samples = run.samples();
            DeliveryReport<Participant> participants = run.participants();
            Map<String, List<Sample>> samplesByCall = samples.duplicated().keySet().stream()
                    .collect(Collectors.groupingBy(Sample::commId));
            Map<String, List<Participant>> participantsByCall = participants.duplicated().keySet().stream()
                    .collect(Collectors.groupingBy(Participant::commId));
            // Per call: the users of the samples and of the participant records sent again, and the time span of
            // those samples.
            Map<String, Set<String>> sampleUsers = new TreeMap<>();
            Map<String, Set<String>> participantUsers = new TreeMap<>();
            Map<String, Long> spanByCall = new TreeMap<>();
            for (SimulatedCall call : scenario.calls()) {
                List<Sample> again = samplesByCall.getOrDefault(call.commId(), List.of());
                sampleUsers.put(call.commId(), again.stream().map(Sample::userId)
                        .collect(Collectors.toCollection(TreeSet::new)));
                participantUsers.put(call.commId(), participantsByCall.getOrDefault(call.commId(), List.of())
                        .stream().map(Participant::userId).collect(Collectors.toCollection(TreeSet::new)));
                LongSummaryStatistics times = again.stream().mapToLong(Sample::timeMillis).summaryStatistics();
                spanByCall.put(call.commId(), again.isEmpty() ? 0 : times.getMax() - times.getMin());
            }
            System.out.printf("one-request crash: %d samples and %d participant records repeated in %d calls; per "
                    + "call at most %d samples of %d users over %d s, and participant records of %d users (a page "
                    + "holds up to %d samples of 6 users); %d s%n", samples.duplicateCount(),
                    participants.duplicateCount(), samplesByCall.size(),
                    samplesByCall.values().stream().mapToInt(List::size).max().orElse(0),
                    sampleUsers.values().stream().mapToInt(Set::size).max().orElse(0),
                    spanByCall.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000,
                    participantUsers.values().stream().mapToInt(Set::size).max().orElse(0), 6 * 60,
                    (System.nanoTime() - started) / 1_000_000_000L);

            assertThat(samples.maxCopies()).as("copies of one sample: %s", samples).isLessThanOrEqualTo(2);
            assertThat(participants.maxCopies()).as("copies of one participant record: %s", participants)
                    .isLessThanOrEqualTo(2);
            sampleUsers.forEach((call, users) -> assertThat(users)
                    .as("users of the samples of %s sent again (one page's at most)", call)
                    .hasSizeLessThanOrEqualTo(6));
            participantUsers.forEach((call, users) -> assertThat(users)
                    .as("users of the participant records of %s sent again (one page's at most)", call)
                    .hasSizeLessThanOrEqualTo(6));
            spanByCall.forEach((call, span) -> assertThat(span)
                    .as("time span of the samples of %s sent again (one window's at most)", call)
                    .isLessThan(3_600_000L));
        }
    }

    /** A graceful restart with one-request repeats: still exact. */
    @Test
    void withOneRequestRepeatsAGracefullyRestartedWorkerRepeatsNothing() {
        try (CallScenario scenario = CallScenario.crowdedCalls(CROWDED_CALLS, CROWDED_USERS, 120,
                List.of("appCpu"), b -> b)) {
            Interrupted run = readAcrossRestart(scenario, "one-request-graceful", "stop", ConnectWorkerProcess::stop,
                    ONE_REQUEST);
            assertThat(run.samples().isExact()).as("samples: %s", run.samples()).isTrue();
            assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();
        }
    }

    /**
     * A committed offset {@code {cursor, windowEnd, page, skip}} covers every sample before {@code cursor} and the
     * first {@code skip} records of the page (participant records first, at most two per user, then samples); a
     * finished one covers the whole call. Offsets read before the kill are no later than the last ones committed,
     * so what they leave uncovered bounds what may be repeated.
     */
    @Override
    void checkAfterKill(Interrupted run) {
        DeliveryReport<Sample> samples = run.samples();
        assertThat(samples.maxCopies()).as("copies of one sample: %s", samples).isLessThanOrEqualTo(2);
        Map<String, List<Sample>> repeatedByCall = samples.duplicated().keySet().stream()
                .collect(Collectors.groupingBy(Sample::commId));
        int repeated = 0;
        int mayRepeat = 0;
        int coveredCalls = 0;
        for (SimulatedCall call : run.scenario().calls()) {
            JsonNode entry = run.offsetsBefore().get(call.commId());
            JsonNode offset = entry == null ? null : entry.path("offset");
            boolean finished = offset != null && offset.path("finished").asBoolean(false);
            long fromMillis = offset == null ? Long.MIN_VALUE : offset.path("cursor").asLong() * 1000L;
            long uncovered = run.scenario().expectedSamples(call).filter(s -> s.timeMillis() >= fromMillis).count();
            int skippedSamples = offset == null ? 0
                    : Math.max(0, offset.path("skip").asInt(0) - 2 * call.users().size());
            long allowed = finished ? 0 : Math.max(0, uncovered - skippedSamples);
            List<Sample> again = repeatedByCall.getOrDefault(call.commId(), List.of());

            assertThat(again).as("samples of %s repeated though its offset before the kill was %s", call.commId(),
                    offset).allSatisfy(s -> assertThat(s.timeMillis()).isGreaterThanOrEqualTo(fromMillis));
            assertThat((long) again.size()).as("repeated samples of %s (offset before the kill %s)",
                    call.commId(), offset).isLessThanOrEqualTo(allowed);
            repeated += again.size();
            mayRepeat += (int) allowed;
            coveredCalls += finished ? 1 : 0;
        }
        System.out.printf("at-least-once crash: %d samples repeated; %d were not covered by the offsets read "
                + "before the kill (%d of %d calls finished there)%n", repeated, mayRepeat, coveredCalls,
                run.scenario().calls().size());
        assertThat(coveredCalls).as("calls finished before the kill (else the bound proves little)").isPositive();
        assertThat(repeated).as("repeated samples").isEqualTo(samples.duplicateCount());
    }
}
