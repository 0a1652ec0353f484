package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorStats;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The connector under conditions production brings, on one broker and one worker shared by every case (each case
 * has its own simulator, connector and topics, and deletes its connector when done): a faulty service, a CommId
 * the service does not know, and a call still in progress. Several tasks sharing the rate budget are in
 * {@link RateBudgetIT}, restarts of the worker in {@link WorkerCrashRecovery}'s tests.
 */
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class ResilienceAndScaleIT {
    static final String RATE_LIMITED = "RequestLimitExceeded";

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w.exactlyOnce(false).offsetFlushIntervalMs(1000));

    /** About 10 % retriable failures of five kinds plus latency: the run still ends exact, tasks always RUNNING. */
    @Test
    void retriableFaultsLoseAndDuplicateNothing() {
        try (CallScenario scenario = CallScenario.many(30)) {
            var faults = scenario.simulator().faults().allActions();
            // One of each kind first, so each is certainly met; then the rates.
            faults.script(Fault.error(RATE_LIMITED), Fault.error("InternalError"), Fault.httpStatus(503),
                            Fault.truncatedJson(), Fault.connectionReset())
                    .rate(0.02, Fault.error(RATE_LIMITED))
                    .rate(0.02, Fault.error("InternalError"))
                    .rate(0.02, Fault.httpStatus(502))
                    .rate(0.02, Fault.truncatedJson())
                    .rate(0.02, Fault.connectionReset())
                    .rate(0.30, Fault.latency(Duration.ofMillis(50), Duration.ofMillis(300)));
            withConnector(scenario, "faults", run -> {
                run.create(run.config());
                List<ConnectorStatus> observed = awaitFinishedObservingStatus(run);

                SimulatorStats stats = scenario.simulator().stats();
                long requests = sum(a -> stats.requests(a));
                long injected = sum(a -> stats.faults(a, Fault.Kind.ERROR) + stats.faults(a, Fault.Kind.HTTP_STATUS)
                        + stats.faults(a, Fault.Kind.TRUNCATED_JSON) + stats.faults(a, Fault.Kind.CONNECTION_RESET));
                long delayed = sum(a -> stats.faults(a, Fault.Kind.LATENCY));
                DeliveryReport<Sample> samples = run.samples();
                DeliveryReport<Participant> participants = run.participants();
                System.out.printf("faults: %d requests, %d failed by injection, %d delayed; %d status checks; "
                        + "samples: %s; participants: %s; %s%n", requests, injected, delayed, observed.size(),
                        samples, participants, stats);

                for (Fault.Kind kind : List.of(Fault.Kind.ERROR, Fault.Kind.HTTP_STATUS, Fault.Kind.TRUNCATED_JSON,
                        Fault.Kind.CONNECTION_RESET, Fault.Kind.LATENCY)) {
                    assertThat(sum(a -> stats.faults(a, kind))).as("requests met with %s", kind).isPositive();
                }
                assertThat(sum(a -> stats.outcome(a, "InternalError"))).as("InternalError answers").isPositive();
                assertThat(sum(a -> stats.outcome(a, RATE_LIMITED))).as("injected rate-limit answers").isPositive();
                assertThat(samples.isExact()).as("samples under faults: %s", samples).isTrue();
                assertThat(participants.isExact()).as("participants under faults: %s", participants).isTrue();
                assertAlwaysRunning(observed);
            });
        }
    }

    /** A well-formed CommId of the right SDKAppID that the service does not know is skipped; the rest arrive. */
    @Test
    void unknownCommIdSkipsOnlyThatCall() {
        try (CallScenario scenario = CallScenario.many(6)) {
            TrtcSimulator sim = scenario.simulator();
            String ghost = SimulatedCall.commId(sim.sdkAppId(), "e2e-ghost", scenario.calls().get(0).createTime() + 1);
            withConnector(scenario, "unknown", run -> {
                List<String> ids = new ArrayList<>(scenario.commIds());
                // Not first: the optional credential check at validation time queries the first call.
                ids.add(ids.size() / 2, ghost);
                Map<String, String> config = run.config();
                config.put("trtc.comm.ids", String.join(",", ids));
                run.create(config);
                List<ConnectorStatus> observed = awaitFinishedObservingStatus(run);

                DeliveryReport<Sample> samples = run.samples();
                DeliveryReport<Participant> participants = run.participants();
                long notFound = sum(a -> sim.stats().outcome(a, "ResourceNotFound"));
                System.out.printf("unknown CommId %s: %d ResourceNotFound answers; offset %s; samples: %s; "
                        + "participants: %s; %d status checks%n", ghost, notFound, run.offsetsByCall().get(ghost),
                        samples, participants, observed.size());

                assertThat(notFound).as("the unknown call was asked for").isPositive();
                assertThat(run.finishedCalls()).as("finished calls").doesNotContain(ghost)
                        .containsAll(scenario.commIds());
                assertThat(samples.isExact()).as("samples of the known calls: %s", samples).isTrue();
                assertThat(participants.isExact()).as("participants of the known calls: %s", participants).isTrue();
                assertAlwaysRunning(observed);
            });
        }
    }

    /**
     * Samples of a call in progress arrive about one poll interval after the settle delay made them due: the lag
     * of each (arrival in Kafka minus sample time plus settle delay) stays under the poll interval plus 10 s.
     */
    @Test
    void liveCallSamplesArriveSoonAfterTheSettleDelay() {
        long settleMs = 5_000;
        long pollMs = 2_000;
        int measuredTimes = 12;
        try (CallScenario scenario = CallScenario.live(20, Duration.ofSeconds(2))) {
            SimulatedCall call = scenario.calls().get(0);
            withConnector(scenario, "live", run -> {
                Map<String, String> config = run.config();
                config.put("trtc.settle.delay.ms", Long.toString(settleMs));
                config.put("trtc.poll.interval.ms", Long.toString(pollMs));
                run.create(config);

                // Lag is measured for samples that fell due after the backlog had arrived.
                List<Long> lags = new ArrayList<>();
                Set<Long> measuredSampleTimes = new HashSet<>();
                long[] measureFrom = {Long.MAX_VALUE};
                TopicReader reader = run.reader();
                Waits.until(measuredTimes + " sample times of the live call measured", Duration.ofSeconds(120), () -> {
                    int before = reader.count(run.samplesTopic());
                    reader.poll();
                    long arrived = System.currentTimeMillis();
                    run.failFastIfFailed();
                    List<Sample> all = reader.records(run.samplesTopic(), Sample::of);
                    if (measureFrom[0] == Long.MAX_VALUE && !all.isEmpty()) {
                        measureFrom[0] = arrived;
                    }
                    for (Sample s : all.subList(before, all.size())) {
                        long due = s.timeMillis() + settleMs;
                        if (due > measureFrom[0]) {
                            lags.add(arrived - due);
                            measuredSampleTimes.add(s.timeMillis());
                        }
                    }
                    return measuredSampleTimes.size() >= measuredTimes;
                }, run::diagnostics);

                // Everything due well before now has arrived, once.
                long cutoffSec = (System.currentTimeMillis() - settleMs - pollMs) / 1000 - 10;
                List<Sample> expected = scenario.expectedSamples(call, cutoffSec).toList();
                List<Sample> delivered = reader.records(run.samplesTopic(), Sample::of).stream()
                        .filter(s -> s.timeMillis() <= cutoffSec * 1000).toList();
                DeliveryReport<Sample> samples = DeliveryReport.compare(expected, delivered);
                LongSummaryStatistics lag = lags.stream().mapToLong(Long::longValue).summaryStatistics();
                System.out.printf("live call: lag after settle delay (%d ms) over %d samples: min %d ms, "
                        + "avg %.0f ms, max %d ms (poll interval %d ms); samples up to %ds ago: %s%n", settleMs,
                        lag.getCount(), lag.getMin(), lag.getAverage(), lag.getMax(), pollMs,
                        System.currentTimeMillis() / 1000 - cutoffSec, samples);

                assertThat(lag.getMax()).as("worst lag of a live sample (ms)").isLessThan(pollMs + 10_000);
                assertThat(expected).as("ground truth of the live call before the cutoff").isNotEmpty();
                assertThat(samples.isExact()).as("live samples before the cutoff: %s", samples).isTrue();
            });
        }
    }

    private static void withConnector(CallScenario scenario, String name, Consumer<ConnectorRun> test) {
        withConnector(ENV, scenario, name, test);
    }

    /** Runs {@code test} with connector {@code name} on {@code env}'s stack, and deletes the connector after it. */
    static void withConnector(E2eStack env, CallScenario scenario, String name, Consumer<ConnectorRun> test) {
        try (ConnectorRun run = env.run(scenario, name)) {
            try {
                test.accept(run);
            } finally {
                // The worker is shared: leave no connector polling a closed simulator.
                if (env.stack().worker().isRunning() && env.stack().rest().connectors().contains(name)) {
                    env.stack().rest().deleteConnector(name);
                }
            }
        }
    }

    /** Waits for the connector to run, then to finish every call, keeping every status seen on the way. */
    private static List<ConnectorStatus> awaitFinishedObservingStatus(ConnectorRun run) {
        run.awaitRunning();
        List<ConnectorStatus> observed = new ArrayList<>();
        run.awaitAllCallsFinished(observed::add);
        observed.add(run.rest().status(run.name()));
        return observed;
    }

    private static void assertAlwaysRunning(List<ConnectorStatus> observed) {
        assertThat(observed).as("status checks during the run").isNotEmpty();
        assertThat(observed).as("connector and task states during the run")
                .allSatisfy(s -> assertThat(s.isRunning()).as("%s", s).isTrue());
    }

    /** The calls of each task, from {@code GET /connectors/{name}/tasks}. */
    static List<List<String>> taskAssignment(ConnectorRun run) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode task : run.rest().taskConfigs(run.name())) {
            String ids = task.path("config").path("trtc.task.comm.ids").asText("");
            out.add(ids.isBlank() ? List.of() : List.of(ids.split(",")));
        }
        return out;
    }

    static List<String> actions() {
        List<String> out = new ArrayList<>();
        for (ApiGeneration g : ApiGeneration.values()) {
            out.add(g.callDetailAction());
            out.add(g.roomListAction());
        }
        return out;
    }

    static long sum(java.util.function.ToLongFunction<String> perAction) {
        return actions().stream().mapToLong(perAction).sum();
    }
}
