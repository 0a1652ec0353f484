package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.discovery.DiscoveredCallSource;
import dev.kafkaconnect.trtc.connector.discovery.DiscoveredCallSourceTest;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import dev.kafkaconnect.trtc.simulator.UserListMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Discovery and tasks together against the simulator over real HTTP while calls are created, run and finish on
 * a moving simulated clock; tasks are restarted at every reconfiguration from the committed offsets, as a
 * worker does. Every call is ingested exactly once, new calls are assigned within one discovery interval (plus
 * the reconfiguration spacing), and a call that retired is never requested again.
 */
class DiscoveryIngestionIT {
    static final long NOW = 1714521600L;
    static final long STEP = 30;
    static final long INTERVAL = 60;
    static final long MIN_RECONFIGURE = 120;

    private final Map<String, Long> lastRequestAt = new ConcurrentHashMap<>();

    @ParameterizedTest
    @EnumSource(UserListMode.class)
    void everyCallIsIngestedExactlyOnceWhileCallsComeAndGo(UserListMode mode) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(100_000)
                .userListMode(mode).build().start()) {
            // Calls before the connector starts: finished ones, and one that finishes while it runs.
            sim.addCall(call("old-1", NOW - 3 * 3600, 25));
            sim.addCall(call("old-2", NOW - 2 * 3600, 40));
            sim.addCall(call("running", NOW - 600, 30));
            // Calls created while it runs: minute of creation -> call.
            TreeMap<Long, CallSpec> later = new TreeMap<>();
            later.put(NOW + 300, call("new-1", NOW + 300, 10));
            later.put(NOW + 900, call("new-2", NOW + 900, 25));
            later.put(NOW + 960, call("new-3", NOW + 960, 5));
            later.put(NOW + 2400, call("new-4", NOW + 2400, 15));

            Map<String, String> props = DiscoveredCallSourceTest.props(sim);
            props.put(TrtcSourceConfig.DISCOVERY_MIN_RECONFIGURE_INTERVAL_MS, Long.toString(MIN_RECONFIGURE * 1000));
            props.put(TrtcSourceConfig.SETTLE_DELAY_MS, "60000");
            props.put(TrtcSourceConfig.POLL_INTERVAL_MS, "60000");
            props.put(TrtcSourceConfig.START, "PT6H");
            TestConnectorContext connector = new TestConnectorContext();
            SimClock simClock = new SimClock(clock);
            DiscoveredCallSource source = new DiscoveredCallSource(new TrtcSourceConfig(props), connector,
                    connector.offsetStorageReader(), (c, r, k) -> TrtcClients.create(c, 100_000, k), simClock);

            Map<String, List<SourceRecord>> emitted = new HashMap<>();
            Map<String, Long> createdAt = new HashMap<>();
            Map<String, Long> assignedAt = new HashMap<>();
            Map<String, Long> retiredAt = new HashMap<>();
            List<TrtcSourceTask> tasks = new ArrayList<>();
            int seenReconfigurations = 0;
            List<String> assigned = List.of();
            long end = NOW + 2 * 3600;
            long nextDiscovery = clock.nowSeconds();
            while (clock.nowSeconds() < end) {
                while (!later.isEmpty() && later.firstKey() <= clock.nowSeconds()) {
                    SimulatedCall c = sim.addCall(later.pollFirstEntry().getValue());
                    createdAt.put(c.commId(), clock.nowSeconds());
                }
                if (clock.nowSeconds() >= nextDiscovery) {
                    nextDiscovery = clock.nowSeconds() + Math.max(1, source.step() / 1000);
                }
                if (connector.reconfigurations.get() != seenReconfigurations) {
                    seenReconfigurations = connector.reconfigurations.get();
                    tasks.forEach(TrtcSourceTask::stop);
                    tasks.clear();
                    for (String id : source.calls()) {
                        assignedAt.putIfAbsent(id, clock.nowSeconds());
                    }
                    for (String id : assigned) {
                        if (!source.calls().contains(id)) {
                            retiredAt.put(id, clock.nowSeconds());
                        }
                    }
                    assigned = source.calls();
                    for (Map<String, String> config : TrtcSourceConnector.taskConfigs(props, 20,
                            Map.of(EventStream.ABNORMAL_EXPERIENCES, 20), source.calls(), 2)) {
                        tasks.add(startTask(config, connector, simClock, clock));
                    }
                }
                for (TrtcSourceTask task : tasks) {
                    drain(task, connector, emitted);
                }
                clock.advanceSeconds(STEP);
            }
            tasks.forEach(TrtcSourceTask::stop);
            source.close();
            assertThat(connector.errors).isEmpty();

            for (SimulatedCall call : sim.calls()) {
                Set<String> truth = sim.groundTruth().points(call.commId(), NOW - 6 * 3600, end, ApiGeneration.SEED)
                        .stream().map(TrtcSourceTaskSimulatorIT::key).collect(Collectors.toSet());
                List<String> samples = emitted.getOrDefault(call.commId(), List.of()).stream()
                        .filter(TaskHarness::isSample).map(TrtcSourceTaskSimulatorIT::key).toList();
                assertThat(samples).as("%s %s: no duplicates", mode, call.roomString()).doesNotHaveDuplicates();
                Set<String> missing = new HashSet<>(truth);
                samples.forEach(missing::remove);
                Set<String> unexpected = new HashSet<>(samples);
                unexpected.removeAll(truth);
                assertThat(truth).as("%s %s: ground truth", mode, call.roomString()).isNotEmpty();
                assertThat(missing).as("%s %s: samples not emitted", mode, call.roomString()).isEmpty();
                assertThat(unexpected).as("%s %s: samples not in the ground truth", mode, call.roomString())
                        .isEmpty();
                assertThat(retiredAt).as("%s %s retired once read", mode, call.roomString())
                        .containsKey(call.commId());
                Long lastRequest = lastRequestAt.get(call.commId());
                assertThat(lastRequest).as("%s %s: no request after retiring", mode, call.roomString())
                        .isLessThanOrEqualTo(retiredAt.get(call.commId()));
            }
            createdAt.forEach((id, at) -> assertThat(assignedAt.get(id) - at)
                    .as("%s %s: assigned within one discovery interval and the reconfiguration spacing", mode,
                            sim.call(id).roomString())
                    .isLessThanOrEqualTo(INTERVAL + MIN_RECONFIGURE + STEP));
        }
    }

    private static CallSpec call(String room, long created, long minutes) {
        return CallSpec.builder(room).created(created).user("u1", created, created + minutes * 60)
                .user("u2", created + 30, created + minutes * 60 - 30).build();
    }

    private TrtcSourceTask startTask(Map<String, String> config, TestConnectorContext store, SimClock simClock,
                                     MutableClock clock) {
        TestTaskContext context = new TestTaskContext();
        context.committed.putAll(store.committed);
        TrtcSourceTask task = new TrtcSourceTask((c, r, k) -> recording(TrtcClients.create(c, 100_000, k), clock),
                simClock);
        task.pollTimeout(Duration.ofMillis(5));
        task.initialize(context);
        task.start(config);
        return task;
    }

    /** Polls until the task has nothing in flight or due; every record's offset is committed at once. */
    private static void drain(TrtcSourceTask task, TestConnectorContext store, Map<String, List<SourceRecord>> out)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                for (SourceRecord r : batch) {
                    out.computeIfAbsent(TaskHarness.commIdOf(r), k -> new ArrayList<>()).add(r);
                    store.committed.put(TrtcSourceTaskTest.cast(r.sourcePartition()),
                            TrtcSourceTaskTest.cast(r.sourceOffset()));
                }
            } else if (task.calls().stream().allMatch(CallReader::idle)) {
                return;
            }
            assertThat(System.nanoTime()).as("task settles: %s", task.calls()).isLessThan(deadline);
        }
    }

    private TrtcApi recording(TrtcApi api, MutableClock clock) {
        return new TrtcApi() {
            @Override
            public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration g, CallDetailRequest request) {
                lastRequestAt.put(request.commId(), clock.nowSeconds());
                return api.callDetail(g, request);
            }

            @Override
            public CompletableFuture<RoomListResponse> roomList(ApiGeneration g, RoomListRequest request) {
                return api.roomList(g, request);
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }
}
