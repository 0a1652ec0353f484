package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import dev.kafkaconnect.trtc.simulator.UserListMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Readings of the API documentation that a service may follow and that the simulator serves on request, each read
 * through the real client over HTTP: the connector learns the window length from refusals, and neither a listing
 * without users nor a user listed once per stay ends a call that is still going.
 */
class ServiceReadingsTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    static final long START = NOW - 8 * 3600;
    static final long END = START + 3 * 3600 + 600;

    private record Run(List<SourceRecord> records, TrtcSourceTask task, TrtcSimulator sim, TestTaskContext context) {
        List<String> samples(String commId) {
            return records.stream().filter(TaskHarness::isSample).filter(r -> TaskHarness.commIdOf(r).equals(commId))
                    .map(TaskHarness::sampleKey).toList();
        }
    }

    private static TrtcSimulator simulator(MutableClock clock, Consumer<SimulatorSettings> settings, CallSpec... calls) {
        TrtcSimulator.Builder builder = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4);
        for (CallSpec c : calls) {
            builder.call(c);
        }
        TrtcSimulator sim = builder.build().start();
        settings.accept(sim.settings());
        return sim;
    }

    private static Map<String, String> props(TrtcSimulator sim) {
        List<String> ids = sim.calls().stream().map(SimulatedCall::commId).toList();
        Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, ids);
        props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(START).toString());
        props.put(TrtcSourceConfig.METRICS, "appCpu");
        // Readings of the call-detail action; its offsets of format 3 are checked as such.
        props.put(TrtcSourceConfig.STREAMS, "");
        return props;
    }

    private static Run readAll(MutableClock clock, TrtcSimulator sim, TestTaskContext context) throws Exception {
        TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props(sim), context);
        return new Run(read.records(), read.task(), sim, context);
    }

    private static Set<String> truth(TrtcSimulator sim, String commId) {
        return sim.groundTruth().points(commId, START, Long.MAX_VALUE, ApiGeneration.SEED).stream()
                .filter(p -> p.metric().equals("appCpu")).map(TrtcSourceTaskSimulatorIT::key)
                .map(k -> k.substring(0, k.lastIndexOf('|'))).collect(Collectors.toSet());
    }

    private static void assertExact(Run run) {
        assertThat(run.task.counters().callsSkipped).as("no call skipped").hasValue(0);
        for (SimulatedCall call : run.sim.calls()) {
            List<String> samples = run.samples(call.commId());
            assertThat(samples).as("no sample twice in %s", call.commId()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("every sample of %s", call.commId())
                    .isEqualTo(truth(run.sim, call.commId()));
        }
    }

    private static CallSpec call(String room, int users) {
        CallSpec.Builder b = CallSpec.builder(room);
        for (int i = 0; i < users; i++) {
            b.user(room + "-u" + i, START, END);
        }
        return b.build();
    }

    @Test
    void aServiceThatRefusesAWindowOfExactlyOneHourIsReadInWindowsJustUnderIt() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, s -> s.windowCount(SimulatorSettings.WindowCount.INCLUSIVE),
                call("inclusive-a", 8), call("inclusive-b", 3))) {
            Run run = readAll(clock, sim, new TestTaskContext());
            assertExact(run);
            assertThat(run.task.counters().callsFinished).hasValue(2);
            assertThat(run.context.metric("window-seconds")).as("the length learnt").isEqualTo(3599L);
        }
    }

    @Test
    void aServiceThatServesShorterWindowsTeachesTheLengthByHalving() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, s -> s.dataWindow(Duration.ofMinutes(20)), call("short", 7))) {
            Run run = readAll(clock, sim, new TestTaskContext());
            assertExact(run);
            assertThat(run.context.metric("window-seconds")).as("3599, then 1799, then 899").isEqualTo(899L);
        }
    }

    @Test
    void aRestartAcrossAChangeOfWindowLengthResumesExactly() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, s -> s.dataWindow(Duration.ofMinutes(20)), call("restart", 4))) {
            String commId = sim.calls().get(0).commId();
            TestTaskContext context = new TestTaskContext();
            Map<String, String> props = props(sim);
            TrtcSourceTask first = startTask(clock, props, context);
            // Stop in the middle: once the records reach the call's second hour.
            List<SourceRecord> delivered = Restarts.crashAfter(first, r -> TaskHarness.isSample(r)
                    && ((java.util.Date) ((Struct) r.value()).get("time")).getTime() / 1000 >= START + 3600,
                    "the second hour");
            TestTaskContext restarted = Restarts.committedAfter(delivered);
            assertThat(delivered.get(delivered.size() - 1).sourceOffset())
                    .as("the offset names a window of the length learnt").containsKey("windowEnd");

            // The service takes whole hours again: the new task starts from the documented hour, resumes inside
            // the short window the offset names, and goes on in hours.
            sim.settings().dataWindow(Duration.ofHours(1));
            Run second = readAll(clock, sim, restarted);
            List<String> samples = new ArrayList<>(delivered.stream().filter(TaskHarness::isSample)
                    .map(TaskHarness::sampleKey).toList());
            samples.addAll(second.samples(commId));
            assertThat(samples).as("nothing repeated across the restart").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("nothing lost across the restart").isEqualTo(truth(sim, commId));
            assertThat(context.metric("window-seconds")).as("learnt by the first task").isEqualTo(899L);
            assertThat(restarted.metric("window-seconds")).as("the service takes hours again").isEqualTo(3600L);
        }
    }

    @Test
    void aServiceThatAnswersWindowsLongerThanItServesWithNothingTeachesTheLengthItServes() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, s -> s.oversizeWindow(SimulatorSettings.OversizeWindow.EMPTY_RESULT)
                .dataWindow(Duration.ofMinutes(20)), call("silent-a", 8), call("silent-b", 3))) {
            // The successor is the generation the reading is documented for (an over-range window answered empty).
            Map<String, String> props = props(sim);
            props.put(TrtcSourceConfig.API_GENERATION, "successor");
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props, context);
            Run run = new Run(read.records(), read.task(), sim, context);
            assertExact(run);
            assertThat(run.task.counters().callsFinished).hasValue(2);
            assertThat((Long) run.context.metric("window-seconds")).as("3599, then halving to what it serves")
                    .isLessThanOrEqualTo(1200L);
        }
    }

    @Test
    void samplesWithoutAUserListKeepALiveCallGoing() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        CallSpec live = CallSpec.builder("unlisted").liveUser("unlisted-a", START).liveUser("unlisted-b", START + 60)
                .build();
        try (TrtcSimulator sim = simulator(clock, s -> { }, live)) {
            Map<String, String> props = props(sim);
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTask task = startTask(clock, props, context);
            List<SourceRecord> out = new ArrayList<>();
            TrtcSourceTaskSimulatorIT.runUntil(task, out, () -> false, "listed windows");
            assertThat(out.stream().filter(TaskHarness::isSample)).as("listed windows read").isNotEmpty();
            sim.settings().userListOmitted(true);
            for (int hour = 0; hour < 3; hour++) {
                clock.advanceSeconds(3600);
                TrtcSourceTaskSimulatorIT.runUntil(task, out, () -> false, "unlisted windows");
            }
            CallReader reader = task.calls().get(0);
            assertThat(out.stream().filter(TaskHarness::isCallEnd)).as("no call end while samples come").isEmpty();
            assertThat(reader.state()).isEqualTo(CallReader.State.READING);
            long lastSample = out.stream().filter(TaskHarness::isSample)
                    .mapToLong(r -> ((java.util.Date) ((Struct) r.value()).get("time")).getTime() / 1000).max()
                    .orElseThrow();
            assertThat(lastSample).as("samples of the unlisted windows are read").isGreaterThan(NOW + 3600);
            task.stop();
        }
    }

    @Test
    void aUserListedOncePerStayKeepsTheCallGoingAndJoinsTwice() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        // One user: a stay that ended, then a stay still open. Listed once per stay, the ended one first.
        CallSpec rejoined = CallSpec.builder("rejoined").user("rejoined-a", START, START + 1200)
                .liveUser("rejoined-a", START + 1500).build();
        try (TrtcSimulator sim = simulator(clock, s -> s.listedStay(SimulatorSettings.ListedStay.EVERY_STAY),
                rejoined)) {
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTask task = startTask(clock, props(sim), context);
            List<SourceRecord> out = new ArrayList<>();
            TrtcSourceTaskSimulatorIT.runUntil(task, out, () -> false, "rejoined call");
            assertThat(out.stream().filter(TaskHarness::isCallEnd)).as("the call is still going").isEmpty();
            assertThat(task.calls()).extracting(CallReader::state).containsExactly(CallReader.State.READING);
            List<String> participants = out.stream().filter(TaskHarness::isParticipant)
                    .map(r -> (Struct) r.value())
                    .map(v -> v.getString("event") + "@" + ((java.util.Date) v.get(
                            v.getString("event").equals("JOINED") ? "joinTime" : "leaveTime")).getTime() / 1000)
                    .toList();
            assertThat(participants).as("both joins and the leave, once each").containsExactlyInAnyOrder(
                    "JOINED@" + START, "LEFT@" + (START + 1200), "JOINED@" + (START + 1500));
            task.stop();
        }
    }

    @Test
    void anAnswerTooLargeForTheClientMakesTheTaskAskForThatCallInShorterWindows() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        CallSpec.Builder big = CallSpec.builder("big");
        for (int i = 0; i < 8; i++) {
            big.user("big-u" + i, START, START + 600);
        }
        try (TrtcSimulator sim = simulator(clock, s -> { }, big.build(), call("small", 2))) {
            Map<String, String> props = props(sim);
            props.put(TrtcSourceConfig.METRICS, "all");
            props.put(TrtcSourceConfig.MAX_ANSWER_BYTES, Long.toString(1024 * 1024));
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props,
                    new TestTaskContext());
            assertThat(read.task().counters().callsSkipped).hasValue(0);
            assertThat(read.task().counters().callsFinished).hasValue(2);
            for (SimulatedCall call : sim.calls()) {
                Set<String> truth = sim.groundTruth().points(call.commId(), START, Long.MAX_VALUE,
                                ApiGeneration.SEED).stream().map(TrtcSourceTaskSimulatorIT::key)
                        .map(k -> k.substring(0, k.lastIndexOf('|'))).collect(Collectors.toSet());
                List<String> samples = read.records().stream().filter(TaskHarness::isSample)
                        .filter(r -> TaskHarness.commIdOf(r).equals(call.commId())).map(TaskHarness::sampleKey)
                        .toList();
                assertThat(samples).as("no sample twice in %s", call.commId()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(samples)).as("every sample of %s", call.commId()).isEqualTo(truth);
            }
            long served = sim.stats().outcomes(ApiGeneration.SEED.callDetailAction()).getOrDefault("ok", 0L);
            assertThat(served).as("answers served").isPositive();
        }
    }

    @Test
    void aUserOrderThatShiftsBetweenPagesLosesNoUserAndRepeatsNone() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock,
                s -> s.userOrder(SimulatorSettings.UserOrder.SHIFTS_BETWEEN_PAGES), call("shift-a", 13),
                call("shift-b", 8), call("shift-c", 3))) {
            Run run = readAll(clock, sim, new TestTaskContext());
            assertExact(run);
            assertThat(run.task.counters().callsFinished).hasValue(3);
            assertThat(run.context.metric("windows-reread-total")).as("every window of the two paged calls")
                    .isEqualTo(8L);
            assertJoinedOnce(run.records, sim);
            // The worker refuses an offset with anything but primitive values (and fails the task at flush).
            run.records.forEach(r -> org.apache.kafka.connect.storage.OffsetUtils.validateFormat(r.sourceOffset()));
        }
    }

    /**
     * A call whose users all leave within its first window, read from a service that lists only the users present
     * in a window: a restart inside that window after its first page cannot see the call end there (it did not
     * read the window from page 0), so the next window, which lists nobody, must: the position says users were
     * listed before the restart.
     */
    @Test
    void aRestartAfterTheFirstPageOfAShortCallsOnlyWindowStillEndsTheCallOnce() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        CallSpec.Builder b = CallSpec.builder("short-crowd");
        for (int i = 0; i < 8; i++) {
            b.user("short-crowd-u" + i, START + i, START + 240 - i);
        }
        try (TrtcSimulator sim = simulator(clock, s -> s.userListMode(UserListMode.PRESENT_IN_RANGE), b.build())) {
            String commId = sim.calls().get(0).commId();
            TrtcSourceTask first = startTask(clock, props(sim), new TestTaskContext());
            List<SourceRecord> delivered = Restarts.crashAfter(first,
                    r -> Integer.valueOf(1).equals(r.sourceOffset().get("page")), "the first window's second page");
            assertThat(new java.util.HashMap<String, Object>(delivered.get(delivered.size() - 1).sourceOffset()))
                    .containsEntry("first", true);
            Run second = readAll(clock, sim, Restarts.committedAfter(delivered));
            List<SourceRecord> all = new ArrayList<>(delivered);
            all.addAll(second.records);
            assertThat(all.stream().filter(TaskHarness::isCallEnd)).as("the call ends once").hasSize(1);
            List<String> samples = all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList();
            assertThat(samples).as("nothing repeated").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("nothing lost").isEqualTo(truth(sim, commId));
        }
    }

    /**
     * A restart after the last record of a window's second reading (every user of the window named done) reads
     * the window to its end and the call on to its end.
     */
    @Test
    void aRestartAfterTheLastRecordOfASecondReadingGoesOn() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock,
                s -> s.userOrder(SimulatorSettings.UserOrder.SHIFTS_BETWEEN_PAGES), call("reread-end", 13))) {
            String commId = sim.calls().get(0).commId();
            Run full = readAll(clock, sim, new TestTaskContext());
            int last = -1;
            for (int i = 0; i < full.records.size(); i++) {
                if (full.records.get(i).sourceOffset().containsKey("pass")) {
                    last = i;
                }
            }
            assertThat(last).as("a window read again").isNotNegative();
            Run second = readAll(clock, sim, Restarts.committedAfter(full.records.subList(0, last + 1)));
            List<SourceRecord> all = new ArrayList<>(full.records.subList(0, last + 1));
            all.addAll(second.records);
            List<String> samples = all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList();
            assertThat(samples).as("nothing repeated across the restart").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("nothing lost across the restart").isEqualTo(truth(sim, commId));
            assertThat(all.stream().filter(TaskHarness::isCallEnd)).as("the call ends once").hasSize(1);
        }
    }

    @Test
    void aRestartWhileAWindowIsReadAgainResumesExactly() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock,
                s -> s.userOrder(SimulatorSettings.UserOrder.SHIFTS_BETWEEN_PAGES), call("reread", 13))) {
            String commId = sim.calls().get(0).commId();
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTask first = startTask(clock, props(sim), context);
            // Stop inside a page of the second reading, as a crash would, after the record that says so.
            List<SourceRecord> delivered = Restarts.crashAfter(first, r -> r.sourceOffset().containsKey("pass")
                    && r.sourceOffset().containsKey("sampleUser"), "a window read again");
            Map<String, Object> offset = new java.util.HashMap<>(delivered.get(delivered.size() - 1).sourceOffset());
            assertThat(offset).as("offset format version 5 (3's fields and the page's users) inside the second "
                    + "reading").containsEntry("v", 5).containsEntry("pass", 2).containsKey("done")
                    .containsKey("pageUsers");
            Run second = readAll(clock, sim, Restarts.committedAfter(delivered));
            List<SourceRecord> all = new ArrayList<>(delivered);
            all.addAll(second.records);
            List<String> samples = all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList();
            assertThat(samples).as("nothing repeated across the restart").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("nothing lost across the restart").isEqualTo(truth(sim, commId));
            assertJoinedOnce(all, sim);
        }
    }

    /** Every stay of every user of the simulator's calls gives exactly one JOINED record. */
    private static void assertJoinedOnce(List<SourceRecord> records, TrtcSimulator sim) {
        List<String> joins = records.stream().filter(TaskHarness::isParticipant).map(r -> (Struct) r.value())
                .filter(v -> v.getString("event").equals("JOINED"))
                .map(v -> v.getString("userId") + "@" + ((java.util.Date) v.get("joinTime")).getTime() / 1000)
                .toList();
        List<String> expected = sim.calls().stream().flatMap(c -> c.users().stream())
                .flatMap(u -> u.presences().stream().map(p -> u.userId() + "@" + p.joinSec())).toList();
        assertThat(joins).as("one JOINED per stay").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void anAnswerTooLargeForSixUsersAPageIsReadWithFewerUsersAPageAndResumesExactlyAfterARestart()
            throws Exception {
        MutableClock clock = new MutableClock(NOW);
        CallSpec.Builder big = CallSpec.builder("crowd");
        for (int i = 0; i < 14; i++) {
            big.user("crowd-u" + i, START, START + 900);
        }
        try (TrtcSimulator sim = simulator(clock, s -> { }, big.build())) {
            String commId = sim.calls().get(0).commId();
            Map<String, String> props = props(sim);
            props.put(TrtcSourceConfig.METRICS, "all");
            // A page of six users' quarter hour with every metric is over this; one of a single user is under it.
            props.put(TrtcSourceConfig.MAX_ANSWER_BYTES, Long.toString(1024 * 1024));
            TestTaskContext context = new TestTaskContext();
            TrtcSourceTask first = startTask(clock, props, context);
            // Stop inside a page of fewer users, past the first few, as a crash would.
            java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
            List<SourceRecord> delivered = Restarts.crashAfter(first, r -> seen.incrementAndGet() > 2000
                    && r.sourceOffset().containsKey("pageSize") && r.sourceOffset().containsKey("sampleUser"),
                    "a window read with smaller pages");
            assertThat(new java.util.HashMap<String, Object>(delivered.get(delivered.size() - 1).sourceOffset()))
                    .containsEntry("v", 5).containsKey("pageSize").containsKey("pageUsers");
            TrtcSourceTaskSimulatorIT.TaskRead second = TrtcSourceTaskSimulatorIT.readAll(clock, props,
                    Restarts.committedAfter(delivered));
            List<SourceRecord> all = new ArrayList<>(delivered);
            all.addAll(second.records());
            Set<String> truth = sim.groundTruth().points(commId, START, Long.MAX_VALUE, ApiGeneration.SEED).stream()
                    .map(TrtcSourceTaskSimulatorIT::key).map(k -> k.substring(0, k.lastIndexOf('|')))
                    .collect(Collectors.toSet());
            List<String> samples = all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList();
            assertThat(samples).as("nothing repeated across the restart").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("nothing lost across the restart").isEqualTo(truth);
            assertJoinedOnce(all, sim);
            assertThat(second.task().counters().callsFinished).hasValue(1);
        }
    }

    private static TrtcSourceTask startTask(MutableClock clock, Map<String, String> props, TestTaskContext context) {
        props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig.TASK_COMM_IDS,
                props.get(TrtcSourceConfig.COMM_IDS));
        props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig.TASK_RATE_LIMIT, "1000");
        props.put(dev.kafkaconnect.trtc.connector.config.EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "1000");
        props.put(dev.kafkaconnect.trtc.connector.config.EventStream.USER_EVENTS.taskRateLimitKey(), "1000");
        props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig.TASK_INDEX, "0");
        TrtcSourceTask task = new TrtcSourceTask(dev.kafkaconnect.trtc.connector.service.TrtcClients.FACTORY,
                new SimClock(clock));
        task.pollTimeout(Duration.ofMillis(20));
        task.initialize(context);
        task.start(props);
        return task;
    }
}
