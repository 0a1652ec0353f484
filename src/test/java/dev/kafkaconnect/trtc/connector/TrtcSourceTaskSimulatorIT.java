package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.read.WindowRead;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import dev.kafkaconnect.trtc.simulator.UserListMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The task against the simulator over real HTTP through the real client: random call sets, start points, task
 * counts and restart points (stop at a random record, restart from the committed offset of a random earlier one).
 * The union of what was emitted must equal the simulator's ground truth exactly, and every window must cost the
 * minimum number of requests.
 */
class TrtcSourceTaskSimulatorIT {
    static final long NOW = 1714521600L;
    static final long SETTLE = 60;

    static final long POLL_INTERVAL = 60;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theUnionOfEmittedSamplesEqualsTheGroundTruthAcrossRandomRestarts(long seed) throws Exception {
        unionEqualsGroundTruth(seed, false);
    }

    /**
     * The same with live calls: the simulated clock moves on between the stop and the restart (and between tasks),
     * so the restarted task must follow calls that went on while it was away. Odd seeds read the wide shape.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24})
    void theUnionEqualsTheGroundTruthWhenTheClockMovesBetweenRestarts(long seed) throws Exception {
        unionEqualsGroundTruth(seed, true);
    }

    private void unionEqualsGroundTruth(long seed, boolean clockMoves) throws Exception {
        Random rnd = new Random(seed);
        MutableClock clock = new MutableClock(NOW);
        UserListMode mode = rnd.nextBoolean() ? UserListMode.ALL_USERS : UserListMode.PRESENT_IN_RANGE;
        boolean seedOffline = rnd.nextInt(3) == 0;
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(seed)
                .generatedCalls(3 + rnd.nextInt(5), 1 + rnd.nextInt(2)).userListMode(mode)
                .seedActionsOffline(seedOffline).dataDelay(Duration.ofSeconds(10)).threads(16).build().start()) {
            boolean faults = rnd.nextBoolean();
            // Answers in a shuffled order (so per-call reordering matters), and for some seeds transient faults
            // that the client and then the task retry.
            sim.faults().allActions().rate(0.3, Fault.latency(Duration.ZERO, Duration.ofMillis(40)));
            if (faults) {
                sim.faults().allActions().rate(0.04, Fault.httpStatus(503)).rate(0.04, Fault.connectionReset())
                        .rate(0.04, Fault.error("InternalError")).rate(0.04, Fault.error("RequestLimitExceeded"))
                        .rate(0.04, Fault.truncatedJson());
            }
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = props(sim, calls);
            // Odd seeds read in the wide shape: the same union, each snapshot's metrics counted as samples.
            String shape = seed % 2 == 0 ? "sample" : "snapshot";
            props.put(TrtcSourceConfig.RECORD_SHAPE, shape);
            // A moving clock moves the lookback floor too: a start near it would (rightly) lose data to it.
            long start = clockMoves ? NOW - (1 + rnd.nextInt(48)) * 3600L : chooseStart(rnd, props);
            if (clockMoves) {
                props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(start).toString());
            }
            String context = "seed " + seed + ", " + shape + " shape, " + mode + (seedOffline ? ", seed actions offline" : "")
                    + (faults ? ", transient faults" : "") + (clockMoves ? ", clock moves" : "")
                    + ", start " + props.getOrDefault(TrtcSourceConfig.START, "default");

            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            List<Map<String, String>> taskConfigs = connector.taskConfigs(1 + rnd.nextInt(3));
            Map<String, List<SourceRecord>> emitted = new HashMap<>();
            Map<String, Long> cursors = new HashMap<>();
            Map<String, CallReader.State> states = new HashMap<>();
            Map<String, Long> endedAt = new HashMap<>();
            long skipped = 0;
            for (Map<String, String> taskConfig : taskConfigs) {
                skipped += runWithRestart(sim, clock, taskConfig, rnd, emitted, cursors, context, clockMoves,
                        states, endedAt);
            }
            // No seed here plans a skip: a call skipped is data lost.
            assertThat(skipped).as("%s: calls skipped", context).isZero();

            ApiGeneration generation = seedOffline ? ApiGeneration.SUCCESSOR : ApiGeneration.SEED;
            long floor = NOW - 14 * 86400 + ServiceLookback.MARGIN_SECONDS;
            long total = 0;
            for (SimulatedCall call : sim.calls()) {
                // The union is cut at the call's own cursor: it must also have got where it had to, or a call that
                // stopped advancing would pass.
                // A call the task retired (finished) is compared with the whole truth below.
                Long endNow = endedAt.get(call.commId());
                if (endNow == null) {
                    assertThat(call.isFinished(clock.nowSeconds())).as("%s, call %s: retired, so finished in truth",
                            context, call.commId()).isTrue();
                } else {
                    assertThat(states.get(call.commId())).as("%s, call %s: state", context, call.commId())
                            .isEqualTo(CallReader.State.READING);
                    assertThat(cursors.get(call.commId())).as("%s, call %s: cursor reached now - settle - poll interval",
                            context, call.commId()).isGreaterThanOrEqualTo(endNow - SETTLE - POLL_INTERVAL);
                }
                long from = Math.max(start, Math.max(call.createTime(), floor));
                long to = cursors.getOrDefault(call.commId(), clock.nowSeconds() + 1);
                Set<String> truth = sim.groundTruth().points(call.commId(), from, to, generation).stream()
                        .map(TrtcSourceTaskSimulatorIT::key).collect(Collectors.toSet());
                List<String> samples = emitted.getOrDefault(call.commId(), List.of()).stream()
                        .flatMap(TrtcSourceTaskSimulatorIT::samples).toList();
                assertThat(samples).as("%s, call %s: no duplicates", context, call.commId()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(samples)).as("%s, call %s [%d, %d): samples", context, call.commId(),
                        from, to).isEqualTo(truth);
                total += samples.size();
            }
            assertThat(total).as("%s: samples emitted", context).isPositive();
            if (faults) {
                String action = generation.callDetailAction();
                long injected = java.util.Arrays.stream(Fault.Kind.values())
                        .filter(k -> k != Fault.Kind.NONE && k != Fault.Kind.LATENCY)
                        .mapToLong(k -> sim.stats().faults(action, k)).sum();
                assertThat(injected).as("%s: faults were injected", context).isPositive();
            }
        }
    }

    /**
     * The successor's answer to a window over an hour is, by one reading, {@code QueryScaleOversize} and by the
     * other an empty answer (an open question). Under the second reading a connector asking for too long a window
     * would lose data silently; so under both it must ask for full hours (exactly 3600 s, the limit) and never more,
     * and read everything. A connector that thought 3600 s over the limit would show here as shorter windows, and
     * one that exceeded it as errors or missing samples.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.EnumSource(dev.kafkaconnect.trtc.simulator.SimulatorSettings.OversizeWindow.class)
    void theSuccessorIsAskedForWindowsOfAtMostAnHourUnderBothReadingsOfAnOverRangeWindow(
            dev.kafkaconnect.trtc.simulator.SimulatorSettings.OversizeWindow reading) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(31).generatedCalls(3, 2)
                .settings(s -> s.oversizeWindow(reading)).rateLimitPerSecond(0).build().start()) {
            List<String> calls = sim.calls().stream().map(SimulatedCall::commId).toList();
            for (String shape : List.of("sample", "snapshot")) {
                Map<String, String> props = props(sim, calls);
                props.put(TrtcSourceConfig.API_GENERATION, "successor");
                props.put(TrtcSourceConfig.RECORD_SHAPE, shape);
                long start = NOW - 30 * 3600;
                props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(start).toString());
                String context = reading + ", " + shape + " shape";
                TrtcSourceConnector connector = new TrtcSourceConnector();
                connector.start(props);
                Map<String, String> taskConfig = connector.taskConfigs(1).get(0);
                RecordingApi[] recorder = new RecordingApi[1];
                TrtcSourceTask task = new TrtcSourceTask((config, rate, c) ->
                        recorder[0] = new RecordingApi(TrtcClients.create(config, rate, c)), new SimClock(clock));
                task.pollTimeout(Duration.ofMillis(50));
                task.initialize(new TestTaskContext());
                task.start(taskConfig);
                List<SourceRecord> out = new ArrayList<>();
                runUntil(task, out, () -> false, context, clock);
                Map<String, Long> cursors = new HashMap<>();
                task.calls().forEach(r -> cursors.put(r.id.value(), r.cursor()));
                long skipped = task.counters().callsSkipped.get();
                task.stop();
                connector.stop();

                assertThat(skipped).as("%s: calls skipped", context).isZero();
                long read = 0;
                List<Long> lengths = recorder[0].answered.stream()
                        .map(e -> e.request().endTime() - e.request().startTime()).toList();
                assertThat(lengths).as("%s: window lengths", context).isNotEmpty().allSatisfy(
                        n -> assertThat(n).isBetween(1L, 3600L));
                assertThat(lengths).as("%s: full windows are exactly the limit", context).contains(3600L);
                String action = ApiGeneration.SUCCESSOR.callDetailAction();
                assertThat(sim.stats().outcome(action, "InvalidParameter.QueryScaleOversize"))
                        .as("%s: over-range answers (%s)", context, sim.stats().outcomes(action)).isZero();
                for (SimulatedCall call : sim.calls()) {
                    long from = Math.max(start, call.createTime());
                    // Calls the task retired are finished and compared with their whole truth.
                    Long cursor = cursors.get(call.commId());
                    long to = cursor == null ? NOW + 1 : cursor;
                    if (cursor == null) {
                        assertThat(call.isFinished(NOW)).as("%s, call %s: retired, so finished", context,
                                call.commId()).isTrue();
                    } else {
                        assertThat(cursor).as("%s, call %s: cursor", context, call.commId())
                                .isGreaterThanOrEqualTo(NOW - SETTLE - POLL_INTERVAL);
                    }
                    Set<String> truth = sim.groundTruth().points(call.commId(), from, to, ApiGeneration.SUCCESSOR)
                            .stream().map(TrtcSourceTaskSimulatorIT::key).collect(Collectors.toSet());
                    List<String> samples = out.stream().filter(r -> TaskHarness.commIdOf(r).equals(call.commId()))
                            .flatMap(TrtcSourceTaskSimulatorIT::samples).toList();
                    assertThat(samples).as("%s, call %s", context, call.commId()).doesNotHaveDuplicates();
                    assertThat(new HashSet<>(samples)).as("%s, call %s [%d, %d)", context, call.commId(), from, to)
                            .isEqualTo(truth);
                    read += samples.size();
                }
                assertThat(read).as("%s: samples read", context).isPositive();
            }
        }
    }

    /** Runs one task with a stop and restart; returns how many calls the two task lives skipped. */
    private long runWithRestart(TrtcSimulator sim, MutableClock clock, Map<String, String> taskConfig, Random rnd,
                                Map<String, List<SourceRecord>> emitted, Map<String, Long> cursors, String context,
                                boolean clockMoves, Map<String, CallReader.State> states, Map<String, Long> endedAt)
            throws InterruptedException {
        List<RecordingApi> recorders = new ArrayList<>();
        TrtcApiFactory factory = (config, rate, c) -> {
            RecordingApi api = new RecordingApi(TrtcClients.create(config, rate, c));
            recorders.add(api);
            return api;
        };
        // Run until a random record, then stop.
        TestTaskContext first = new TestTaskContext();
        TrtcSourceTask a = new TrtcSourceTask(factory, new SimClock(clock));
        a.pollTimeout(Duration.ofMillis(50));
        a.initialize(first);
        a.start(taskConfig);
        List<SourceRecord> before = new ArrayList<>();
        int stopAfter = rnd.nextInt(4000);
        runUntil(a, before, () -> before.size() >= stopAfter, context, clock);
        long skipped = a.counters().callsSkipped.get();
        a.stop();
        if (clockMoves) {
            // Live calls go on while the task is away: up to two hours, several windows' worth.
            clock.advance(Duration.ofSeconds(rnd.nextInt(2 * 3600)));
        }

        // Restart from the committed offset of a random earlier record.
        int cut = before.isEmpty() ? -1 : rnd.nextInt(before.size());
        TestTaskContext second = new TestTaskContext();
        for (SourceRecord r : before.subList(0, cut + 1)) {
            second.committed.put(TrtcSourceTaskTest.cast(r.sourcePartition()),
                    TrtcSourceTaskTest.cast(r.sourceOffset()));
        }
        TrtcSourceTask b = new TrtcSourceTask(factory, new SimClock(clock));
        b.pollTimeout(Duration.ofMillis(50));
        b.initialize(second);
        b.start(taskConfig);
        List<SourceRecord> after = new ArrayList<>();
        runUntil(b, after, () -> false, context, clock);
        for (CallReader reader : b.calls()) {
            cursors.put(reader.id.value(), reader.cursor());
            states.put(reader.id.value(), reader.state());
            endedAt.put(reader.id.value(), clock.nowSeconds());
        }
        skipped += b.counters().callsSkipped.get();
        b.stop();

        for (SourceRecord r : before.subList(0, cut + 1)) {
            emitted.computeIfAbsent(TaskHarness.commIdOf(r), k -> new ArrayList<>()).add(r);
        }
        for (SourceRecord r : after) {
            emitted.computeIfAbsent(TaskHarness.commIdOf(r), k -> new ArrayList<>()).add(r);
        }
        // The stopped task may have left a window's later pages unasked; the one that ran to the end may not.
        assertMinimumRequests(recorders.get(0), false, context);
        assertMinimumRequests(recorders.get(1), true, context);
        return skipped;
    }

    /** Real time without records or settling after which the simulated clock moves on (see runUntil). */
    static final Duration STUCK = Duration.ofSeconds(3);

    /** Polls until {@code stop} or until every call is idle with nothing due; bounded in time. */
    static void runUntil(TrtcSourceTask task, List<SourceRecord> out, java.util.function.BooleanSupplier stop,
                         String context) throws InterruptedException {
        runUntil(task, out, stop, context, null);
    }

    /**
     * As {@link #runUntil(TrtcSourceTask, List, java.util.function.BooleanSupplier, String)}; with {@code clock},
     * the simulated clock moves on a second whenever the task has emitted nothing and not settled for
     * {@link #STUCK} of real time: a back-off after a failed request (a transport failure under load) waits on the
     * task's clock, which only the test moves.
     */
    static void runUntil(TrtcSourceTask task, List<SourceRecord> out, java.util.function.BooleanSupplier stop,
                         String context, MutableClock clock) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long progressAt = System.nanoTime();
        while (!stop.getAsBoolean()) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                out.addAll(batch);
                progressAt = System.nanoTime();
            } else if (task.calls().stream().allMatch(CallReader::idle)) {
                return;
            } else if (clock != null && System.nanoTime() - progressAt > STUCK.toNanos()) {
                clock.advance(Duration.ofSeconds(1));
                progressAt = System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(context + ": task did not settle within 120 s: " + task.calls());
            }
        }
    }

    /**
     * Each window was asked for page by page exactly as far as its Total requires, once; windows back to back, each
     * asked for from a second before its start.
     */
    private static void assertMinimumRequests(RecordingApi api, boolean complete, String context) {
        Map<String, TreeMap<Long, List<RecordingApi.Exchange>>> byCall = new HashMap<>();
        for (RecordingApi.Exchange e : api.answered) {
            byCall.computeIfAbsent(e.request().commId(), k -> new TreeMap<>())
                    .computeIfAbsent(e.request().startTime(), k -> new ArrayList<>()).add(e);
        }
        byCall.forEach((call, windows) -> {
            Long previousEnd = null;
            for (List<RecordingApi.Exchange> pages : windows.values()) {
                pages.sort((x, y) -> Integer.compare(x.request().pageNumber(), y.request().pageNumber()));
                RecordingApi.Exchange firstPage = pages.get(0);
                long start = firstPage.request().startTime();
                long end = firstPage.request().endTime();
                assertThat(end - start).as("%s: window length", context).isBetween(1L, 3600L);
                if (previousEnd != null) {
                    // Each window is asked for from a second before its start (a service may exclude StartTime).
                    assertThat(start).as("%s, %s: windows back to back", context, call).isEqualTo(previousEnd - 1);
                }
                previousEnd = end;
                int p0 = firstPage.request().pageNumber();
                int last = firstPage.users() < WindowRead.PAGE_SIZE ? p0
                        : Math.max(p0, (firstPage.total() + WindowRead.PAGE_SIZE - 1) / WindowRead.PAGE_SIZE - 1);
                List<Integer> expected = new ArrayList<>(java.util.stream.IntStream.rangeClosed(p0, last).boxed()
                        .toList());
                List<Integer> asked = pages.stream().map(e -> e.request().pageNumber()).toList();
                RecordingApi.Exchange after = pages.get(pages.size() - 1);
                if (asked.size() == expected.size() + 1 && after.request().pageNumber() == last + 1) {
                    // The one page more a task asks for while it has not seen what Total counts (TotalReading):
                    // only after a full page that Total called the last, and the simulator's Total counts the
                    // call, so it lists nobody.
                    RecordingApi.Exchange full = pages.get(pages.size() - 2);
                    assertThat(full.users()).as("%s, %s: a page more only after a full page", context, call)
                            .isEqualTo(WindowRead.PAGE_SIZE);
                    assertThat(full.total()).isLessThanOrEqualTo((last + 1) * WindowRead.PAGE_SIZE);
                    assertThat(after.users()).as("%s, %s: the page more lists nobody", context, call).isZero();
                    expected.add(last + 1);
                }
                assertThat(asked).as("%s, %s window [%d, %d]: pages", context, call, start, end)
                        .isEqualTo(complete ? expected : expected.subList(0, Math.min(asked.size(), expected.size())));
                assertThat(pages).allSatisfy(e -> assertThat(e.request().endTime()).isEqualTo(end));
            }
        });
    }

    private static long chooseStart(Random rnd, Map<String, String> props) {
        switch (rnd.nextInt(3)) {
            case 0 -> {
                return NOW - 14 * 86400;
            }
            case 1 -> {
                long at = NOW - 3600 - rnd.nextInt(10 * 86400);
                props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(at).toString());
                return at;
            }
            default -> {
                int hours = 1 + rnd.nextInt(72);
                props.put(TrtcSourceConfig.START, "PT" + hours + "H");
                return NOW - hours * 3600L;
            }
        }
    }

    /**
     * Starts a task with the real client on the simulator's clock and polls until it owns no call (every call
     * finished or skipped), within 60 s; returns the stopped task and every record it emitted. Unless
     * {@code props} say otherwise the task is the connector's only one, owns every call and is not rate-limited.
     */
    static TaskRead readAll(MutableClock clock, Map<String, String> props, TestTaskContext context)
            throws InterruptedException {
        return readAll(clock, props, context, (task, batch) -> { });
    }

    /** As {@link #readAll(MutableClock, Map, TestTaskContext)}, handing {@code afterPoll} each batch polled. */
    static TaskRead readAll(MutableClock clock, Map<String, String> props, TestTaskContext context,
                            java.util.function.BiConsumer<TrtcSourceTask, List<SourceRecord>> afterPoll)
            throws InterruptedException {
        props.putIfAbsent(TrtcSourceTaskConfig.TASK_COMM_IDS, props.get(TrtcSourceConfig.COMM_IDS));
        props.putIfAbsent(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "1000");
        props.putIfAbsent(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "1000");
        props.putIfAbsent(EventStream.USER_EVENTS.taskRateLimitKey(), "1000");
        props.putIfAbsent(TrtcSourceTaskConfig.TASK_INDEX, "0");
        TrtcSourceTask task = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
        task.pollTimeout(Duration.ofMillis(20));
        task.initialize(context);
        task.start(props);
        List<SourceRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!task.calls().isEmpty()) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                out.addAll(batch);
                afterPoll.accept(task, batch);
            }
            assertThat(System.nanoTime()).as("calls read within 60 s: %s", task.calls()).isLessThan(deadline);
        }
        task.stop();
        return new TaskRead(task, out);
    }

    record TaskRead(TrtcSourceTask task, List<SourceRecord> records) {
    }

    static Map<String, String> props(TrtcSimulator sim, List<String> calls) {
        Map<String, String> p = new HashMap<>();
        p.put(TrtcSourceConfig.ENDPOINT, sim.endpoint());
        p.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
        p.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
        p.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(sim.sdkAppId()));
        p.put(TrtcSourceConfig.COMM_IDS, String.join(",", calls));
        p.put(TrtcSourceConfig.SETTLE_DELAY_MS, Long.toString(SETTLE * 1000));
        p.put(TrtcSourceConfig.RETRY_BACKOFF_MS, "10");
        p.put(TrtcSourceConfig.RETRY_BACKOFF_MAX_MS, "100");
        return p;
    }

    static String key(GroundTruth.Point p) {
        return p.userId() + "|" + p.peerId() + "|" + p.metric() + "|" + p.timeSec() + "|" + p.value();
    }

    /** The samples a record carries, as {@link #key(GroundTruth.Point)}: itself, each metric of a snapshot, none. */
    static java.util.stream.Stream<String> samples(SourceRecord r) {
        if (TaskHarness.isSample(r)) {
            return java.util.stream.Stream.of(key(r));
        }
        if (!r.valueSchema().name().endsWith("QualitySnapshot")) {
            return java.util.stream.Stream.empty();
        }
        Struct v = (Struct) r.value();
        String prefix = v.getString("userId") + "|" + v.getString("peerId") + "|";
        long time = ((java.util.Date) v.get("time")).getTime() / 1000;
        List<String> out = new ArrayList<>();
        for (org.apache.kafka.connect.data.Field f : v.schema().fields()) {
            if (v.get(f) instanceof Double d) {
                out.add(prefix + f.name() + "|" + time + "|" + d);
            }
        }
        Map<String, Double> other = v.getMap("otherMetrics");
        if (other != null) {
            other.forEach((metric, d) -> out.add(prefix + metric + "|" + time + "|" + d));
        }
        return out.stream();
    }

    static String key(SourceRecord r) {
        Struct v = (Struct) r.value();
        return v.getString("userId") + "|" + v.getString("peerId") + "|" + v.getString("metric") + "|"
                + ((java.util.Date) v.get("time")).getTime() / 1000 + "|" + v.getFloat64("value");
    }
}
