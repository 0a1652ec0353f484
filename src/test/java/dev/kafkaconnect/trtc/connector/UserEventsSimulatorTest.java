package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user-events stream through the simulator over HTTP: every event of every user of the simulator's finished
 * calls (a user who rejoined too) arrives exactly once, in time order per user, also across a restart, whichever
 * way the service labels a user's own events, and the call's end record comes after them.
 */
class UserEventsSimulatorTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    static final long START = NOW - 8 * 3600;

    private static TrtcSimulator simulator(MutableClock clock, SimulatorSettings.OwnPeerId own) {
        TrtcSimulator.Builder builder = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4);
        for (int c = 0; c < 2; c++) {
            CallSpec.Builder b = CallSpec.builder("ue-" + c);
            for (int u = 0; u < 3 + c; u++) {
                b.user("ue-" + c + "-u" + u, START + u * 60, START + 2 * 3600 + u * 300);
            }
            // Leaves after 20 minutes and comes back for the third hour.
            b.user("ue-" + c + "-back", START + 30, START + 1230);
            b.user("ue-" + c + "-back", START + 2 * 3600 + 600, START + 3 * 3600);
            builder.call(b.build());
        }
        TrtcSimulator sim = builder.build().start();
        sim.settings().ownPeerId(own);
        return sim;
    }

    private static Map<String, String> props(TrtcSimulator sim, List<String> calls) {
        Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, calls);
        props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(START).toString());
        props.put(TrtcSourceConfig.METRICS, "appCpu");
        props.put(TrtcSourceConfig.STREAMS, "user-events");
        props.put(TrtcSourceTaskConfig.TASK_COMM_IDS, String.join(",", calls));
        props.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "1000");
        props.put(TrtcSourceTaskConfig.TASK_INDEX, "0");
        props.put("trtc.task.user.events.rate.limit", "1000");
        return props;
    }

    private static String topic(TrtcSimulator sim) {
        return "trtc." + sim.sdkAppId() + ".user-events";
    }

    private static String identity(SourceRecord r) {
        Struct v = (Struct) r.value();
        return TaskHarness.commIdOf(r) + "|" + v.getString("userId") + "|" + v.getString("peerId") + "|"
                + ((Date) v.get("time")).getTime() + "|" + v.getInt32("eventId") + "|" + v.getInt32("streamType")
                + "|" + v.getInt32("paramOne") + "|" + v.getInt32("paramTwo");
    }

    private static List<String> truth(TrtcSimulator sim, List<String> calls) {
        List<String> all = new ArrayList<>();
        for (String call : calls) {
            for (GroundTruth.UserEvent e : sim.groundTruth().userEvents(call, START, Long.MAX_VALUE)) {
                String peer = e.peerId() == null || e.peerId().isEmpty() || e.peerId().equals(e.userId()) ? null
                        : e.peerId();
                all.add(call + "|" + e.userId() + "|" + peer + "|" + e.timeMillis() + "|" + e.eventId() + "|"
                        + e.type() + "|" + e.paramOne() + "|" + e.paramTwo());
            }
        }
        return all;
    }

    private static List<String> ids(TrtcSimulator sim) {
        return sim.calls().stream().map(SimulatedCall::commId).toList();
    }

    @ParameterizedTest
    @EnumSource(SimulatorSettings.OwnPeerId.class)
    void everyEventOfEveryUserArrivesOnceInTimeOrderBeforeTheCallEnds(SimulatorSettings.OwnPeerId own)
            throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, own)) {
            List<String> truth = truth(sim, ids(sim));
            assertThat(truth).as("the simulator drew events to read").hasSizeGreaterThan(10);
            assertThat(truth).as("events of the rejoined stay").anyMatch(t -> t.contains("-back|")
                    && Long.parseLong(t.split("\\|")[3]) >= (START + 2 * 3600) * 1000);
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props(sim, ids(sim)),
                    new TestTaskContext());
            List<SourceRecord> events = read.records().stream().filter(r -> topic(sim).equals(r.topic())).toList();
            assertThat(events).extracting(UserEventsSimulatorTest::identity).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(truth);
            Map<String, List<Long>> timesByUser = events.stream().collect(Collectors.groupingBy(
                    r -> TaskHarness.commIdOf(r) + "|" + ((Struct) r.value()).getString("userId"),
                    Collectors.mapping(r -> ((Date) ((Struct) r.value()).get("time")).getTime(),
                            Collectors.toList())));
            timesByUser.forEach((user, times) -> assertThat(times).as("%s in time order", user).isSorted());
            for (String call : ids(sim)) {
                List<SourceRecord> ofCall = read.records().stream().filter(r -> TaskHarness.commIdOf(r).equals(call))
                        .toList();
                assertThat(ofCall.get(ofCall.size() - 1)).as("%s ends with its call end", call)
                        .matches(TaskHarness::isCallEnd);
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfTheStreamNeitherLosesNorRepeatsAnEvent() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, SimulatorSettings.OwnPeerId.SELF)) {
            String call = ids(sim).get(1);
            List<String> truth = truth(sim, List.of(call));
            for (int stopAfter : new int[] {1, truth.size() / 3, truth.size() * 2 / 3}) {
                Map<String, String> props = props(sim, List.of(call));
                TrtcSourceTask first = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
                first.pollTimeout(Duration.ofMillis(20));
                first.initialize(new TestTaskContext());
                first.start(props);
                List<SourceRecord> delivered = Restarts.crashAfterNth(first, r -> topic(sim).equals(r.topic()),
                    stopAfter, "event " + stopAfter);
            TestTaskContext restarted = Restarts.committedAfter(delivered);
                TrtcSourceTaskSimulatorIT.TaskRead second = TrtcSourceTaskSimulatorIT.readAll(clock, props, restarted);
                List<SourceRecord> all = new ArrayList<>(delivered);
                all.addAll(second.records());
                assertThat(all.stream().filter(r -> topic(sim).equals(r.topic()))
                        .map(UserEventsSimulatorTest::identity).toList()).as("restart after event %d", stopAfter)
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(truth);
                assertThat(all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                        .as("the samples too").doesNotHaveDuplicates();
                assertThat(all.stream().filter(TaskHarness::isCallEnd)).hasSize(1);
            }
        }
    }

    /**
     * A call that ends within its first window, from a service that lists only the users present in a window: a
     * restart after the events that follow the samples' end reads that window again and ends the call at the
     * same time (its last user's leave), once.
     */
    @Test
    void aRestartBetweenTheSamplesEndAndTheCallEndKeepsTheCallsEndTime() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        CallSpec.Builder b = CallSpec.builder("ue-short");
        for (int u = 0; u < 8; u++) {
            b.user("ue-short-u" + u, START + u, START + 240 - u);
        }
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4).call(b.build())
                .userListMode(dev.kafkaconnect.trtc.simulator.UserListMode.PRESENT_IN_RANGE).build().start()) {
            String call = ids(sim).get(0);
            Map<String, String> props = props(sim, List.of(call));
            List<SourceRecord> full = TrtcSourceTaskSimulatorIT.readAll(clock, new java.util.HashMap<>(props),
                    new TestTaskContext()).records();
            assertThat(full.get(full.size() - 1)).matches(TaskHarness::isCallEnd);
            long end = ((Date) ((Struct) full.get(full.size() - 1).value()).get("endTime")).getTime();
            assertThat(end).as("the last user's leave").isEqualTo((START + 240) * 1000);
            int lastEvent = -1;
            for (int i = 0; i < full.size(); i++) {
                if (topic(sim).equals(full.get(i).topic())) {
                    lastEvent = i;
                }
            }
            assertThat(lastEvent).as("events to restart after").isNotNegative();
            List<SourceRecord> delivered = full.subList(0, lastEvent + 1);
            TrtcSourceTaskSimulatorIT.TaskRead second = TrtcSourceTaskSimulatorIT.readAll(clock,
                    new java.util.HashMap<>(props), Restarts.committedAfter(delivered));
            List<SourceRecord> all = new ArrayList<>(delivered);
            all.addAll(second.records());
            assertThat(all.stream().filter(TaskHarness::isCallEnd)).as("one call end").singleElement()
                    .satisfies(r -> assertThat(((Date) ((Struct) r.value()).get("endTime")).getTime())
                            .as("at the same time").isEqualTo(end));
            assertThat(all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                    .doesNotHaveDuplicates();
            assertThat(all.stream().filter(r -> topic(sim).equals(r.topic())).map(UserEventsSimulatorTest::identity)
                    .toList()).doesNotHaveDuplicates();
        }
    }
}
