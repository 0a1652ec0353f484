package dev.kafkaconnect.trtc.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;

/**
 * Calls in the simulator (on loopback, in the test JVM, on the real clock the worker also uses), mostly finished,
 * and what the connector must deliver for them: every ground-truth sample of the configured metrics once, and a
 * JOINED record per user plus a LEFT record per user who has left.
 */
final class CallScenario implements AutoCloseable {
    /** By default a few metrics, uplink-only and per-peer both, to keep record counts small. */
    static final List<String> METRICS = List.of("appCpu", "aBit", "bigvLoss");

    private final TrtcSimulator simulator;
    private final Supplier<List<SimulatedCall>> calls;
    private final List<String> metrics;

    private CallScenario(TrtcSimulator simulator, Supplier<List<SimulatedCall>> calls, List<String> metrics) {
        this.simulator = simulator;
        this.calls = calls;
        this.metrics = List.copyOf(metrics);
    }

    /** Every call of a started simulator, including calls added to it later (for discovery). */
    static CallScenario allCallsOf(TrtcSimulator simulator) {
        return new CallScenario(simulator, simulator::calls, METRICS);
    }

    /** Hand-made calls: one crosses a one-hour window boundary, one has a numeric room, one has 7 users. */
    static CallScenario varied() {
        return start(variedSpecs());
    }

    /**
     * The {@link #varied()} calls plus one in progress, begun ten minutes ago: a user still in it since its
     * start, one who stayed three minutes and left, and one who joined five minutes in and is still in. Its data
     * becomes visible {@code dataDelay} after it was measured. A connector's first window of the live call covers
     * every join and the leave, so each user's records come from one UserList.
     */
    static CallScenario variedWithLiveCall(Duration dataDelay) {
        long t = Instant.now().getEpochSecond() - 600;
        List<CallSpec> specs = new ArrayList<>(variedSpecs());
        specs.add(CallSpec.builder("e2e-live-mixed").liveUser("stayer", t).user("leaver", t + 5, t + 185)
                .liveUser("latecomer", t + 300).build());
        return start(specs, b -> b.dataDelay(dataDelay));
    }

    private static List<CallSpec> variedSpecs() {
        long t = Instant.now().getEpochSecond() - 6 * 3600;
        return List.of(
                CallSpec.builder("e2e-alpha").user("alice", t, t + 600).user("bob", t + 30, t + 540)
                        .user("carol", t + 100, t + 400).build(),
                CallSpec.builder("e2e-long").user("dan", t + 1000, t + 1000 + 4500)
                        .user("erin", t + 1000 + 3500, t + 1000 + 3800).build(),
                CallSpec.builder("8801").user("u-1", t + 2000, t + 2300).user("u-2", t + 2010, t + 2290).build(),
                crowded("e2e-crowd", t + 7000, 7, 240));
    }

    /** {@code count} short two-user calls, one after another, each read with one request. */
    static CallScenario many(int count) {
        return many(count, b -> b);
    }

    /** As {@link #many(int)}, in a simulator adjusted by {@code settings} (e.g. further credentials). */
    static CallScenario many(int count, UnaryOperator<TrtcSimulator.Builder> settings) {
        long t = Instant.now().getEpochSecond() - 8 * 3600;
        List<CallSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = t + i * 600L;
            specs.add(CallSpec.builder("e2e-batch-" + i).user("host-" + i, start, start + 240)
                    .user("guest-" + i, start + 10, start + 230).build());
        }
        return start(specs, settings);
    }

    /**
     * {@code count} finished calls of {@code users} users each, {@code seconds} long, one after another, with
     * the SecretKeys of {@code settings} (and the simulator's defaults otherwise): every window of such a call
     * takes {@code ceil(users / 6)} requests (pages), so reading stays inside windows for a while. Only
     * {@code metrics} are read, to keep record counts small.
     */
    static CallScenario crowdedCalls(int count, int users, int seconds, List<String> metrics,
                                     UnaryOperator<TrtcSimulator.Builder> settings) {
        long t = Instant.now().getEpochSecond() - 8 * 3600;
        List<CallSpec> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(crowded("e2e-crowd-" + i, t + i * (seconds + 60L), users, seconds));
        }
        return start(specs, settings, metrics);
    }

    /**
     * One call in progress (two users who joined {@code agoSec} seconds ago and have not left), in a simulator
     * whose data becomes visible {@code dataDelay} after it was measured.
     */
    static CallScenario live(long agoSec, Duration dataDelay) {
        long joined = Instant.now().getEpochSecond() - agoSec;
        CallSpec spec = CallSpec.builder("e2e-live").liveUser("streamer", joined).liveUser("viewer", joined + 2)
                .build();
        return start(List.of(spec), b -> b.dataDelay(dataDelay));
    }

    private static CallSpec crowded(String room, long start, int users, int seconds) {
        CallSpec.Builder b = CallSpec.builder(room);
        for (int i = 0; i < users; i++) {
            b.user("member-" + i, start + i, start + seconds - i);
        }
        return b.build();
    }

    private static CallScenario start(List<CallSpec> specs) {
        return start(specs, b -> b);
    }

    /** Hand-made {@code specs} in a simulator adjusted by {@code settings}, reading the default metrics. */
    static CallScenario start(List<CallSpec> specs, UnaryOperator<TrtcSimulator.Builder> settings) {
        return start(specs, settings, METRICS);
    }

    private static CallScenario start(List<CallSpec> specs, UnaryOperator<TrtcSimulator.Builder> settings,
                                      List<String> metrics) {
        TrtcSimulator.Builder builder = settings.apply(TrtcSimulator.builder());
        specs.forEach(builder::call);
        TrtcSimulator simulator = builder.build().start();
        List<SimulatedCall> calls = specs.stream().map(s -> simulator.calls().stream()
                .filter(c -> c.roomString().equals(s.roomId())).findFirst().orElseThrow()).toList();
        return new CallScenario(simulator, () -> calls, metrics);
    }

    /** The metrics the connector is configured to read and the ground truth is filtered to. */
    List<String> metrics() {
        return metrics;
    }

    TrtcSimulator simulator() {
        return simulator;
    }

    List<SimulatedCall> calls() {
        return calls.get();
    }

    List<String> commIds() {
        return calls().stream().map(SimulatedCall::commId).toList();
    }

    List<Sample> expectedSamples() {
        return calls().stream().flatMap(this::expectedSamples).toList();
    }

    /** Ground truth of one call from its creation until now, for the configured metrics. */
    java.util.stream.Stream<Sample> expectedSamples(SimulatedCall call) {
        return expectedSamples(call, Instant.now().getEpochSecond());
    }

    /** Ground truth of one call from its creation until {@code untilSec} (inclusive), for the configured metrics. */
    java.util.stream.Stream<Sample> expectedSamples(SimulatedCall call, long untilSec) {
        return simulator.groundTruth().points(call.commId(), call.createTime(), untilSec + 1).stream()
                .filter(p -> metrics.contains(p.metric())).map(Sample::of);
    }

    /** One call-end record for each call of the scenario that is over. */
    List<CallEnd> expectedCallEnds() {
        return calls().stream().flatMap(c -> CallEnd.expected(c).stream()).toList();
    }

    /** Every abnormal experience the simulator drew for the scenario's finished calls, as its answers carry it. */
    List<Experience> expectedExperiences() {
        return calls().stream().flatMap(c -> Experience.expected(simulator, c).stream()).toList();
    }

    /** Every event of every user of the scenario's finished calls, as the simulator's answers carry it. */
    List<UserEventRecord> expectedUserEvents() {
        return calls().stream().flatMap(c -> UserEventRecord.expected(simulator, c).stream()).toList();
    }

    List<Participant> expectedParticipants() {
        return calls().stream().flatMap(c -> Participant.expected(c).stream()).toList();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
