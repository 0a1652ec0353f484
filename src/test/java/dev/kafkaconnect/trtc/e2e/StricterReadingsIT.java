package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.SimulatorStats;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import dev.kafkaconnect.trtc.simulator.UserListMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The stricter readings of the API documentation that still allow an exact read, all at once, under injected
 * faults and a SIGKILL of the worker in the middle of reading, with exactly-once source support: a window of exactly
 * one hour refused ({@code QueryScaleOversize}, the tasks learn 3,599 s), {@code StartTime} exclusive (only the
 * points and rooms after it), every number sent as a JSON string,
 * {@code Total} counting the page, only the users present in the window listed, a user who rejoined listed once
 * per stay (the stays on two pages of a window), a user order that shifts between the pages of a window, and
 * about 10 % of requests failing
 * (throttling, server errors, 5xx, truncated answers, resets) plus latency. Finished calls of several pages (one
 * longer than a window, so the learnt length cuts it; one of exactly a full page) arrive exactly once; the live call
 * is followed to the settle point and not ended. Shares the exactly-once stack of {@link WorkerCrashExactlyOnceIT}
 * (same pool, same lock).
 */
@ResourceLock(E2eStack.RESTARTED_EXACTLY_ONCE_WORKERS)
class StricterReadingsIT {
    private static final String NAME = "stricter-readings";
    private static final long SETTLE_MS = 5_000;
    private static final long POLL_MS = 2_000;
    private static final String OVERSIZE = "InvalidParameter.QueryScaleOversize";

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> WorkerCrashRecovery.configure(w, true))
            .sharedAs(WorkerCrashRecovery.RESTARTS);

    /**
     * Finished calls 6 h ago: eight users (two pages of a window), six users (a full page that {@code Total} calls
     * the last), a call longer than a window with a user whose stay crosses the 3,599 s boundary; and a call in
     * progress, begun ten minutes ago, with a user who left and came back, one still in since its start and one who
     * joined later. A user of the eight rejoins after the others joined.
     */
    private static CallScenario scenario() {
        long t = Instant.now().getEpochSecond() - 6 * 3600;
        CallSpec.Builder crowd = CallSpec.builder("strict-crowd");
        for (int i = 0; i < 8; i++) {
            crowd.user("member-" + i, t + i, t + 240 - i);
        }
        // A rejoin after the eighth join: listed once per stay, the second stay is on the window's second page.
        crowd.user("member-0", t + 260, t + 300);
        CallSpec.Builder six = CallSpec.builder("strict-six");
        for (int i = 0; i < 6; i++) {
            six.user("six-" + i, t + 1000 + i, t + 1200 - i);
        }
        long l = t + 2000;
        CallSpec longCall = CallSpec.builder("strict-long").user("dan", l, l + 3800)
                .user("erin", l + 3400, l + 3700).build();
        long v = Instant.now().getEpochSecond() - 600;
        CallSpec live = CallSpec.builder("strict-live").liveUser("stayer", v).user("leaver", v + 5, v + 185)
                .liveUser("latecomer", v + 300).liveUser("leaver", v + 400).build();
        return CallScenario.start(List.of(crowd.build(), six.build(), longCall, live), b -> b
                .dataDelay(Duration.ofSeconds(2))
                .userListMode(UserListMode.PRESENT_IN_RANGE)
                .settings(s -> s.windowCount(SimulatorSettings.WindowCount.INCLUSIVE)
                        .startTime(SimulatorSettings.StartTime.EXCLUSIVE)
                        .listedStay(SimulatorSettings.ListedStay.EVERY_STAY)
                        .numbers(SimulatorSettings.Numbers.AS_STRINGS)
                        .callTotal(SimulatorSettings.CallTotal.PAGE)
                        .userOrder(SimulatorSettings.UserOrder.SHIFTS_BETWEEN_PAGES)));
    }

    @Test
    void everyStricterReadingAtOnceUnderFaultsAndACrashDeliversExactlyOnce() throws IOException {
        try (CallScenario scenario = scenario(); ConnectorRun run = ENV.run(scenario, NAME)) {
            TrtcSimulator sim = scenario.simulator();
            // About 10 % failures of five kinds (one of each first, so each is met) and latency, as in
            // ResilienceAndScaleIT.
            sim.faults().allActions()
                    .script(Fault.error(ResilienceAndScaleIT.RATE_LIMITED), Fault.error("InternalError"),
                            Fault.httpStatus(503), Fault.truncatedJson(), Fault.connectionReset())
                    .rate(0.02, Fault.error(ResilienceAndScaleIT.RATE_LIMITED))
                    .rate(0.02, Fault.error("InternalError"))
                    .rate(0.02, Fault.httpStatus(502))
                    .rate(0.02, Fault.truncatedJson())
                    .rate(0.02, Fault.connectionReset())
                    .rate(0.30, Fault.latency(Duration.ofMillis(50), Duration.ofMillis(300)));
            List<SimulatedCall> finished = scenario.calls().stream()
                    .filter(c -> !c.roomString().equals("strict-live")).toList();
            SimulatedCall live = scenario.calls().stream()
                    .filter(c -> c.roomString().equals("strict-live")).findFirst().orElseThrow();
            Set<String> finishedIds = new TreeSet<>(finished.stream().map(SimulatedCall::commId).toList());
            List<Sample> finishedSamples = finished.stream().flatMap(scenario::expectedSamples).toList();

            KafkaConnectStack stack = ENV.stack();
            long logStart = Files.size(stack.worker().logFile());
            Map<String, String> config = run.config();
            // Slow enough that the kill lands mid-way: two requests per second in all.
            config.put("trtc.rate.limit", "2");
            config.put("exactly.once.support", "required");
            config.put("trtc.settle.delay.ms", Long.toString(SETTLE_MS));
            config.put("trtc.poll.interval.ms", Long.toString(POLL_MS));
            run.create(config);

            int total = finishedSamples.size();
            Set<Sample> finishedSet = new HashSet<>(finishedSamples);
            Map<String, JsonNode> offsetsBefore = Waits.value("a fifth of the finished calls' samples and offsets "
                    + "committed before the kill", Duration.ofMinutes(2), () -> {
                        run.reader().poll();
                        run.failFastIfFailed();
                        long seen = run.reader().records(run.samplesTopic(), Sample::of).stream()
                                .filter(finishedSet::contains).count();
                        Map<String, JsonNode> offsets = seen < total / 5 ? Map.of() : run.offsetsByCall();
                        return offsets.isEmpty() ? Optional.empty() : Optional.of(offsets);
                    }, run::diagnostics);
            int seen = run.reader().count(run.samplesTopic());
            stack.worker().kill();
            long refusalsBefore = outcome(sim, OVERSIZE);
            assertThat(run.reader().records(run.samplesTopic(), Sample::of).stream().filter(finishedSet::contains)
                    .count()).as("the kill must land before the end of the data").isLessThan(total);

            stack.worker().restart();
            run.awaitRunning();
            List<ConnectorStatus> observed = new ArrayList<>();
            Waits.until("connector " + NAME + " to finish the " + finishedIds.size() + " finished calls",
                    ConnectorRun.COMPLETION_TIMEOUT, () -> {
                        run.reader().poll();
                        ConnectorStatus status = run.rest().status(NAME);
                        observed.add(status);
                        run.failFastIfFailed();
                        return run.finishedCalls().equals(finishedIds);
                    }, run::diagnostics);
            // The live call, followed past the restart: everything due well before now has arrived.
            long cutoffSec = (System.currentTimeMillis() - SETTLE_MS - POLL_MS) / 1000 - 10;
            List<Sample> liveExpected = scenario.expectedSamples(live, cutoffSec).toList();
            Waits.until("the live call's samples up to " + cutoffSec, ConnectorRun.COMPLETION_TIMEOUT, () -> {
                run.reader().poll();
                observed.add(run.rest().status(NAME));
                run.failFastIfFailed();
                return new HashSet<>(run.reader().records(run.samplesTopic(), Sample::of)).containsAll(liveExpected);
            }, run::diagnostics);
            run.reader().drain(Duration.ofMinutes(1));
            observed.add(run.rest().status(NAME));

            List<Sample> delivered = run.reader().records(run.samplesTopic(), Sample::of);
            DeliveryReport<Sample> samples = DeliveryReport.compare(
                    Stream.concat(finishedSamples.stream(), liveExpected.stream()).toList(),
                    delivered.stream().filter(s -> !s.commId().equals(live.commId())
                            || s.timeMillis() <= cutoffSec * 1000).toList());
            List<Sample> liveDelivered = delivered.stream().filter(s -> s.commId().equals(live.commId())).toList();
            DeliveryReport<Sample> liveAll = DeliveryReport.compare(
                    scenario.expectedSamples(live).toList(), liveDelivered);
            DeliveryReport<Participant> participants = DeliveryReport.compare(
                    scenario.calls().stream().flatMap(c -> Participant.expectedPerStay(c).stream()).toList(),
                    run.reader().records(run.participantsTopic(), Participant::of));
            DeliveryReport<CallEnd> callEnds = DeliveryReport.compare(scenario.expectedCallEnds(),
                    run.reader().records(run.callsTopic(), CallEnd::of));

            SimulatorStats stats = sim.stats();
            long refusals = outcome(sim, OVERSIZE);
            long notFound = outcome(sim, "ResourceNotFound");
            long injected = ResilienceAndScaleIT.sum(a -> stats.faults(a, Fault.Kind.ERROR)
                    + stats.faults(a, Fault.Kind.HTTP_STATUS) + stats.faults(a, Fault.Kind.TRUNCATED_JSON)
                    + stats.faults(a, Fault.Kind.CONNECTION_RESET));
            long delayed = ResilienceAndScaleIT.sum(a -> stats.faults(a, Fault.Kind.LATENCY));
            List<String> log = taskLog(stack, logStart);
            List<String> learnt = log.stream().filter(line -> line.contains("windows of at most 3599 s")).toList();
            List<String> skipped = log.stream().filter(line -> line.contains(" skipped (")).toList();
            System.out.printf("%s, kill: %d samples seen and %d calls with committed offsets at the kill; "
                    + "%d requests, %d QueryScaleOversize refusals (%d before the kill), %d failed by injection, "
                    + "%d delayed, %d ResourceNotFound, %d window-length WARNs, %d skips; after recovery: samples "
                    + "(live up to %ds ago): %s; live samples so far: %d delivered, duplicate copies %d; "
                    + "participants: %s; call ends: %s; %s%n", getClass().getSimpleName(), seen,
                    offsetsBefore.size(), ResilienceAndScaleIT.sum(stats::requests), refusals, refusalsBefore,
                    injected, delayed, notFound, learnt.size(), skipped.size(),
                    System.currentTimeMillis() / 1000 - cutoffSec, samples, liveDelivered.size(),
                    liveAll.duplicateCount(), participants, callEnds, stats);

            assertThat(samples.isExact()).as("samples exactly once: %s", samples).isTrue();
            assertThat(liveAll.duplicated()).as("live samples delivered twice: %s", liveAll).isEmpty();
            assertThat(liveAll.unexpected()).as("live samples never served: %s", liveAll).isEmpty();
            assertThat(liveExpected).as("ground truth of the live call before the cutoff").isNotEmpty();
            assertThat(participants.isExact()).as("participants exactly once: %s", participants).isTrue();
            assertThat(callEnds.isExact()).as("call ends exactly once, none for the live call: %s", callEnds)
                    .isTrue();
            assertThat(run.finishedCalls()).as("the live call is not finished").doesNotContain(live.commId());
            assertThat(observed).as("connector and task states after recovery")
                    .allSatisfy(s -> assertThat(s.isRunning()).as("%s", s).isTrue());
            for (Fault.Kind kind : List.of(Fault.Kind.ERROR, Fault.Kind.HTTP_STATUS, Fault.Kind.TRUNCATED_JSON,
                    Fault.Kind.CONNECTION_RESET, Fault.Kind.LATENCY)) {
                assertThat(ResilienceAndScaleIT.sum(a -> stats.faults(a, kind))).as("requests met with %s", kind)
                        .isPositive();
            }
            assertThat(refusals).as("windows of exactly an hour refused").isPositive();
            assertThat(learnt).as("the tasks' WARN on learning 3,599 s").isNotEmpty();
            assertThat(notFound).as("ResourceNotFound answers").isZero();
            assertThat(skipped).as("calls skipped").isEmpty();
        }
    }

    private static long outcome(TrtcSimulator sim, String code) {
        return ResilienceAndScaleIT.sum(a -> sim.stats().outcome(a, code));
    }

    /** The worker log's lines of this connector's task threads written since {@code from} (bytes). */
    private static List<String> taskLog(KafkaConnectStack stack, long from) {
        try {
            byte[] all = Files.readAllBytes(stack.worker().logFile());
            String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    java.nio.charset.StandardCharsets.UTF_8);
            return text.lines().filter(line -> line.contains("task-thread-" + NAME + "-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
