package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings.StartTime;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether {@code StartTime} is inclusive is undocumented. Read through the real client over HTTP, a service that
 * returns only the points after {@code StartTime} loses no point at a window's start, one that returns both bounds
 * repeats none, and neither refuses a request as too long: windows are asked for from a second before their start
 * and are a second shorter than the span the service accepts.
 */
class StartTimeReadingTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    static final long START = NOW - 8 * 3600;
    static final long END = START + 3 * 3600 + 600;
    static final String OVERSIZE = "InvalidParameter.QueryScaleOversize";

    private static TrtcSimulator simulator(MutableClock clock, StartTime start, SimulatorSettings.WindowCount count) {
        TrtcSimulator sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4)
                .call(call("boundary-a", 8)).call(call("boundary-b", 3)).build().start();
        sim.settings().startTime(start).windowCount(count);
        return sim;
    }

    /** Users in from START to END: a point every 2 s from START + 2, so points fall on window starts. */
    private static CallSpec call(String room, int users) {
        CallSpec.Builder b = CallSpec.builder(room);
        for (int i = 0; i < users; i++) {
            b.user(room + "-u" + i, START, END);
        }
        return b.build();
    }

    private static Map<String, String> props(TrtcSimulator sim, String shape) {
        Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim,
                sim.calls().stream().map(SimulatedCall::commId).toList());
        props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(START).toString());
        props.put(TrtcSourceConfig.METRICS, "appCpu");
        props.put(TrtcSourceConfig.RECORD_SHAPE, shape);
        return props;
    }

    /** The call's points from {@code from} on that {@code which} keeps, as the records' samples are keyed. */
    private static Set<String> truth(TrtcSimulator sim, String commId, long from, Predicate<GroundTruth.Point> which) {
        return sim.groundTruth().points(commId, from, Long.MAX_VALUE, ApiGeneration.SEED).stream()
                .filter(p -> p.metric().equals("appCpu")).filter(which).map(TrtcSourceTaskSimulatorIT::key)
                .collect(Collectors.toSet());
    }

    private static List<String> samples(List<SourceRecord> records, String commId) {
        return records.stream().filter(r -> TaskHarness.commIdOf(r).equals(commId))
                .flatMap(TrtcSourceTaskSimulatorIT::samples).toList();
    }

    private static long refusals(TrtcSimulator sim) {
        return sim.stats().outcome(ApiGeneration.SEED.callDetailAction(), OVERSIZE)
                + sim.stats().outcome(ApiGeneration.SUCCESSOR.callDetailAction(), OVERSIZE);
    }

    private static void assertEverySampleOnce(TrtcSourceTaskSimulatorIT.TaskRead read, TrtcSimulator sim) {
        assertThat(read.task().counters().callsSkipped).as("no call skipped").hasValue(0);
        assertThat(read.task().counters().callsFinished).as("both calls read to their end").hasValue(2);
        for (SimulatedCall call : sim.calls()) {
            List<String> samples = samples(read.records(), call.commId());
            assertThat(samples).as("no sample twice in %s", call.commId()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("every sample of %s", call.commId())
                    .isEqualTo(truth(sim, call.commId(), START, p -> true));
        }
    }

    @ParameterizedTest(name = "StartTime {0}, {1} records")
    @CsvSource({"EXCLUSIVE, sample", "EXCLUSIVE, snapshot", "INCLUSIVE, sample", "INCLUSIVE, snapshot"})
    void everySampleOfFinishedCallsIsReadOnceWhicheverBoundTheStartIs(StartTime start, String shape)
            throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, start, SimulatorSettings.WindowCount.END_MINUS_START)) {
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props(sim, shape),
                    context);
            assertEverySampleOnce(read, sim);
            // Windows of 3,599 s from START: the third begins on a point.
            assertThat(truth(sim, sim.calls().get(0).commId(), START, p -> p.timeSec() == START + 2 * 3599))
                    .as("points at a window's start").isNotEmpty();
            assertThat(refusals(sim)).as("no window refused as too long").isZero();
            assertThat(context.metric("window-seconds")).as("the documented limit, never shortened").isEqualTo(3600L);
        }
    }

    @Test
    void aServiceThatCountsBothBoundsAndExcludesTheStartIsReadCompletelyInWindowsJustUnderAnHour() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, StartTime.EXCLUSIVE, SimulatorSettings.WindowCount.INCLUSIVE)) {
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock,
                    props(sim, "sample"), context);
            assertEverySampleOnce(read, sim);
            // Windows of 3,598 s once the length is learnt: the second begins on a point.
            assertThat(truth(sim, sim.calls().get(0).commId(), START, p -> p.timeSec() == START + 3598))
                    .as("points at a window's start").isNotEmpty();
            assertThat(refusals(sim)).as("a request of exactly an hour refused").isPositive();
            assertThat(context.metric("window-seconds")).as("the length learnt, as before").isEqualTo(3599L);
        }
    }

    /**
     * An offset may name a window of a full hour (written by a version that asked for windows from their start, or
     * through the offsets API): it is asked for as it was, so a service with the documented limit does not refuse it
     * and nothing of it is read twice.
     */
    @Test
    void aWindowOfAFullHourResumedFromAnOffsetIsAskedForWithoutARefusal() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, StartTime.INCLUSIVE, SimulatorSettings.WindowCount.END_MINUS_START)) {
            String resumed = sim.calls().get(0).commId();
            TestTaskContext context = new TestTaskContext();
            // Page 0 of [START + 3600, START + 7200) delivered (users u0 to u5); page 1 (u6, u7) not yet.
            context.committed.put(OffsetCodec.partition(sim.sdkAppId(), resumed), Map.of(OffsetCodec.VERSION,
                    OffsetCodec.OFFSET_VERSION, OffsetCodec.CURSOR, START + 3600, OffsetCodec.WINDOW_END,
                    START + 7200, OffsetCodec.PAGE, 1));
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock,
                    props(sim, "sample"), context);

            assertThat(refusals(sim)).as("no window refused as too long").isZero();
            assertThat(context.metric("window-seconds")).as("the documented limit, never shortened").isEqualTo(3600L);
            List<String> samples = samples(read.records(), resumed);
            assertThat(samples).as("no sample twice").doesNotHaveDuplicates();
            Set<String> expected = truth(sim, resumed, START + 3600, p -> p.timeSec() >= START + 7200
                    || p.userId().endsWith("-u6") || p.userId().endsWith("-u7"));
            assertThat(new HashSet<>(samples)).as("the rest of the window's pages, then the windows after it")
                    .isEqualTo(expected);
            String other = sim.calls().get(1).commId();
            assertThat(new HashSet<>(samples(read.records(), other))).as("the call read from its start")
                    .isEqualTo(truth(sim, other, START, p -> true));
        }
    }
}
