package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;

/**
 * Without exactly-once support, records sent after the last offset commit are sent again after a crash, and only
 * those: per call, no sample more than twice, and no sample the committed offset already covered at the kill. A
 * graceful restart repeats nothing.
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

    /** SIGTERM mid-way and a new start: the worker commits the offsets of what it sent on the way down. */
    @Test
    void gracefullyRestartedWorkerRepeatsNothing() {
        Interrupted run = readAcrossRestart("graceful", "stop", ConnectWorkerProcess::stop);
        assertThat(run.samples().isExact()).as("samples: %s", run.samples()).isTrue();
        assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();
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
