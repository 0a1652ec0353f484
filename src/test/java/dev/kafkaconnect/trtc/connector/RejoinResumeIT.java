package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.Presence;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A restart inside a page whose answer changed in between: the task (real client, real HTTP, simulator) is stopped
 * in the middle of the first window's page, a user of that page rejoins the call, and the service now lists that
 * user with the new stay for the earlier window too (so the page has two participant events fewer). A new task
 * resumes from the committed offset: the samples delivered across both runs equal the ground truth exactly, none
 * twice, and the rejoin's participant events are delivered.
 */
class RejoinResumeIT {
    static final long T0 = 1_714_500_000L - 1_714_500_000L % 3600;
    static final long SETTLE = 60;

    @ParameterizedTest(name = "trtc.record.shape={0}")
    @ValueSource(strings = {"sample", "snapshot"})
    void aUserWhoRejoinedBetweenStopAndRestartMovesNoSampleCursor(String shape) throws Exception {
        MutableClock clock = new MutableClock(T0 + 2 * 3600 + 120);
        CallSpec spec = CallSpec.builder("77001").created(T0)
                .user("alice", T0 + 2, T0 + 1800)
                .user("bob", T0 + 4, T0 + 3 * 3600)
                .user("carol", T0 + 100, T0 + 2000)
                .user("dave", T0 + 200, T0 + 3 * 3600 - 600)
                .build();
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).seed(11).call(spec)
                .settings(s -> s.listedStay(SimulatorSettings.ListedStay.LATEST)).dataDelay(Duration.ofSeconds(10))
                .rateLimitPerSecond(0).build().start()) {
            String commId = sim.calls().get(0).commId();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, List.of(commId));
            props.put(TrtcSourceConfig.METRICS, "aBit,appCpu,aLoss");
            props.put(TrtcSourceConfig.RECORD_SHAPE, shape);
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            Map<String, String> taskConfig = connector.taskConfigs(1).get(0);

            // First run: stop in the samples of the first window's only page.
            TestTaskContext firstContext = new TestTaskContext();
            TrtcSourceTask first = task(firstContext, clock);
            first.start(taskConfig);
            List<SourceRecord> before = new ArrayList<>();
            TrtcSourceTaskSimulatorIT.runUntil(first, before, () -> before.size() >= 3000, "before the stop");
            first.stop();
            SourceRecord last = before.get(before.size() - 1);
            Map<String, Object> committed = TrtcSourceTaskTest.cast(last.sourceOffset());
            assertThat(committed).as("stopped inside the first window's page, among its samples")
                    .containsEntry("windowEnd", T0 + 3599).containsEntry("page", 0).containsKey("sampleUser");
            assertThat(participants(before)).contains("alice|JOINED|" + (T0 + 2), "alice|LEFT|" + (T0 + 1800));

            // Alice comes back later; the service now lists her latest stay for every window.
            clock.set(T0 + 5 * 3600);
            sim.rejoin(commId, "alice", new Presence(T0 + 3 * 3600 - 300, T0 + 3 * 3600 + 1200));

            TestTaskContext secondContext = new TestTaskContext();
            secondContext.committed.put(TrtcSourceTaskTest.cast(last.sourcePartition()),
                    committed);
            TrtcSourceTask second = task(secondContext, clock);
            second.start(taskConfig);
            List<SourceRecord> after = new ArrayList<>();
            TrtcSourceTaskSimulatorIT.runUntil(second, after, () -> second.calls().isEmpty(), "after the restart");
            second.stop();

            List<SourceRecord> all = new ArrayList<>(before);
            all.addAll(after);
            SimulatedCall call = sim.call(commId);
            Set<String> truth = sim.groundTruth().points(commId, T0, T0 + 5 * 3600).stream()
                    .filter(p -> Set.of("aBit", "appCpu", "aLoss").contains(p.metric()))
                    .map(TrtcSourceTaskSimulatorIT::key).collect(Collectors.toSet());
            List<String> samples = all.stream().filter(r -> !isParticipant(r)).flatMap(TrtcSourceTaskSimulatorIT::samples)
                    .toList();
            assertThat(all.stream().filter(TaskHarness::isCallEnd)).as("one call end, at the rejoined stay's leave")
                    .singleElement()
                    .satisfies(r -> assertThat(r.timestamp()).isEqualTo((T0 + 3 * 3600 + 1200) * 1000L));
            assertThat(all.stream().filter(r -> !isParticipant(r) && !TaskHarness.isCallEnd(r))
                    .map(r -> r.valueSchema().name())
                    .filter(n -> !n.endsWith("AbnormalExperience") && !n.endsWith("UserEvent")).distinct())
                    .as("the configured shape").containsExactly(shape.equals("sample")
                            ? "dev.kafkaconnect.trtc.avro.QualitySample" : "dev.kafkaconnect.trtc.avro.QualitySnapshot");
            assertThat(samples).as("no sample delivered twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples)).as("samples = ground truth after the rejoin").isEqualTo(truth);
            assertThat(call.user("alice").presences()).hasSize(2);

            List<String> events = participants(all);
            assertThat(events).as("no participant event delivered twice").doesNotHaveDuplicates();
            assertThat(events).as("the rejoin is announced")
                    .contains("alice|JOINED|" + (T0 + 3 * 3600 - 300), "alice|LEFT|" + (T0 + 3 * 3600 + 1200));
            assertThat(participants(after)).as("nothing of the first window's events again")
                    .noneMatch(e -> Long.parseLong(e.substring(e.lastIndexOf('|') + 1)) < T0 + 3600);
        }
    }

    private static TrtcSourceTask task(TestTaskContext context, MutableClock clock) {
        TrtcSourceTask task = new TrtcSourceTask((config, rate, c) -> TrtcClients.create(config, rate, c),
                new SimClock(clock));
        task.pollTimeout(Duration.ofMillis(50));
        task.initialize(context);
        return task;
    }

    private static boolean isParticipant(SourceRecord r) {
        return r.valueSchema().name().endsWith("CallParticipant");
    }

    private static List<String> participants(List<SourceRecord> records) {
        return records.stream().filter(RejoinResumeIT::isParticipant).map(r -> {
            Struct v = (Struct) r.value();
            String event = v.getString("event");
            java.util.Date t = (java.util.Date) (event.equals("LEFT") ? v.get("leaveTime") : v.get("joinTime"));
            return v.getString("userId") + "|" + event + "|" + t.getTime() / 1000;
        }).toList();
    }
}
