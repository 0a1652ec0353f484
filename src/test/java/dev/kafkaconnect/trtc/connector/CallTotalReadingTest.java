package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings.CallTotal;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Both readings of a call-detail answer's {@code Total} (the call's users, as documented, or the users of the
 * answered page, as the room listing documents its own), through the real client over HTTP against the
 * simulator: every user of every call is read, and the requests are the paging minimum once the task has seen
 * which reading the service follows.
 */
class CallTotalReadingTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    /** Two whole windows, well inside the lookback and settled; the calls end past the rejoin grace before the second's end. */
    static final long START = NOW - 6 * 3600;
    static final long END = START + 7200 - 600;

    private static CallSpec call(String room, int users) {
        CallSpec.Builder b = CallSpec.builder(room);
        for (int i = 0; i < users; i++) {
            b.user(room + "-u" + i, START, END);
        }
        return b.build();
    }

    private record Run(List<SourceRecord> records, TrtcSourceTask task, TrtcSimulator sim) {
    }

    private static Run read(CallTotal total, CallSpec... calls) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        TrtcSimulator.Builder builder = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4);
        for (CallSpec c : calls) {
            builder.call(c);
        }
        TrtcSimulator sim = builder.build().start();
        sim.settings().callTotal(total);
        List<String> ids = sim.calls().stream().map(SimulatedCall::commId).toList();
        Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, ids);
        props.put(TrtcSourceConfig.START, java.time.Instant.ofEpochSecond(START).toString());
        props.put(TrtcSourceConfig.METRICS, "appCpu");
        TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props,
                new TestTaskContext());
        return new Run(read.records(), read.task(), sim);
    }

    private static void assertExact(Run run) {
        assertThat(run.task.counters().callsFinished).hasValue(run.sim.calls().size());
        for (SimulatedCall call : run.sim.calls()) {
            Set<String> truth = run.sim.groundTruth().points(call.commId(), START, Long.MAX_VALUE, ApiGeneration.SEED)
                    .stream().filter(p -> p.metric().equals("appCpu"))
                    .map(TrtcSourceTaskSimulatorIT::key).collect(Collectors.toSet());
            List<String> samples = run.records.stream().filter(TaskHarness::isSample)
                    .filter(r -> TaskHarness.commIdOf(r).equals(call.commId()))
                    .map(TrtcSourceTaskSimulatorIT::key).toList();
            assertThat(samples).as("call %s", call.commId()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("call %s", call.commId()).isEqualTo(truth).isNotEmpty();
            Set<String> users = samples.stream().map(s -> s.substring(0, s.indexOf('|')))
                    .collect(Collectors.toSet());
            assertThat(users).as("every user of %s", call.commId()).hasSize(call.users().size());
        }
    }

    private static long requests(Run run) {
        return run.sim.stats().ok(ApiGeneration.SEED.callDetailAction());
    }

    @Test
    void aTotalThatCountsOnePageLosesNoUserBeyondTheFirstPage() throws Exception {
        Run run = read(CallTotal.PAGE, call("nine", 9), call("fourteen", 14), call("six", 6));
        try (TrtcSimulator sim = run.sim) {
            assertExact(run);
            assertThat(run.task.counters().totals().reading()).isEqualTo(TotalReading.Reading.PAGE_USERS);
            // Per window: pages until a short one: 9 users 2, 14 users 3, 6 users 2 (an empty page after).
            assertThat(requests(run)).isEqualTo(2 * (2 + 3 + 2));
        }
    }

    @Test
    void aTotalThatCountsTheCallKeepsThePagingMinimumOnceSeen() throws Exception {
        Run run = read(CallTotal.LISTED, call("eight", 8));
        try (TrtcSimulator sim = run.sim) {
            assertExact(run);
            assertThat(run.task.counters().totals().reading()).isEqualTo(TotalReading.Reading.CALL_USERS);
            assertThat(requests(run)).as("ceil(8/6) per window").isEqualTo(2 * 2);
        }
    }

    @Test
    void callsOfExactlySixUsersCostOnePageMoreWhileTotalIsAmbiguous() throws Exception {
        Run run = read(CallTotal.LISTED, call("six", 6));
        try (TrtcSimulator sim = run.sim) {
            assertExact(run);
            assertThat(run.task.counters().totals().reading()).isEqualTo(TotalReading.Reading.UNKNOWN);
            assertThat(requests(run)).as("page 0 and an empty page 1 per window").isEqualTo(2 * 2);
        }
    }

    @Test
    void aServerRefusingThePageAfterTheLastEndsTheWindowThere() {
        MockTime clock = new MockTime(0, NOW * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock);
        List<FakeTrtcApi.User> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(new FakeTrtcApi.User("u" + i, NOW - 7200, NOW - 3600));
        }
        String call = TaskHarness.commId("8801", NOW - 7200);
        api.call(call, six.toArray(FakeTrtcApi.User[]::new));
        api.failOnce(r -> r.pageNumber() == 1
                ? FakeTrtcApi.error(ErrorKind.INVALID_REQUEST, "InvalidParameter.PageNumber") : null);
        Map<String, String> props = TaskHarness.props(List.of(call));
        props.put(TrtcSourceConfig.START, java.time.Instant.ofEpochSecond(NOW - 7200).toString());
        try (TaskHarness h = new TaskHarness(clock, api).start(props)) {
            h.pollUntil(() -> h.task.calls().isEmpty(), 200, "the call read");
            assertThat(h.task.counters().callsSkipped).hasValue(0);
            assertThat(h.task.counters().callsFinished).hasValue(1);
            assertThat(h.records.stream().filter(TaskHarness::isSample)
                    .map(r -> ((org.apache.kafka.connect.data.Struct) r.value()).getString("userId"))
                    .collect(Collectors.toSet())).hasSize(6);
        }
    }
}
