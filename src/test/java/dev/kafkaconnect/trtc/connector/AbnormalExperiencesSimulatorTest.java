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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The abnormal-experiences stream through the simulator over HTTP: every experience the simulator drew for its
 * finished calls arrives exactly once, in time order per user, also across a restart mid-stream, and the call's
 * end record comes after them.
 */
class AbnormalExperiencesSimulatorTest {
    static final long NOW = TrtcSourceTaskSimulatorIT.NOW;
    static final long START = NOW - 8 * 3600;

    private static TrtcSimulator simulator(MutableClock clock, SimulatorSettings.EventTimeUnit unit) {
        TrtcSimulator.Builder builder = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4);
        for (int c = 0; c < 3; c++) {
            CallSpec.Builder b = CallSpec.builder("exp-" + c);
            for (int u = 0; u < 4 + c; u++) {
                b.user("exp-" + c + "-u" + u, START + u * 60, START + 3 * 3600 + u * 300);
            }
            builder.call(b.build());
        }
        TrtcSimulator sim = builder.build().start();
        sim.settings().eventTimeUnit(unit);
        return sim;
    }

    private static Map<String, String> props(TrtcSimulator sim) {
        List<String> ids = sim.calls().stream().map(SimulatedCall::commId).toList();
        Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, ids);
        props.put(TrtcSourceConfig.START, Instant.ofEpochSecond(START).toString());
        props.put(TrtcSourceConfig.METRICS, "appCpu");
        return props;
    }

    private static String topic(TrtcSimulator sim) {
        return "trtc." + sim.sdkAppId() + ".abnormal-experiences";
    }

    private static String identity(SourceRecord r) {
        Struct v = (Struct) r.value();
        return TaskHarness.commIdOf(r) + "|" + v.getString("userId") + "|" + v.getInt32("experienceId") + "|"
                + ((Date) v.get("time")).getTime();
    }

    /** The experiences the simulator drew, at the precision its answers carry ({@code EventTime}'s unit). */
    private static List<String> truth(TrtcSimulator sim) {
        boolean seconds = sim.settings().eventTimeUnit() == SimulatorSettings.EventTimeUnit.SECONDS;
        List<String> all = new ArrayList<>();
        for (SimulatedCall call : sim.calls()) {
            for (GroundTruth.Experience e : sim.groundTruth().experiences(call.commId(), START, Long.MAX_VALUE)) {
                all.add(call.commId() + "|" + e.userId() + "|" + e.experienceId() + "|"
                        + (seconds ? e.timeSec() * 1000 : e.timeMillis()));
            }
        }
        return all;
    }

    /** Both readings of {@code EventTime} the pages allow: unix seconds and unix milliseconds. */
    @ParameterizedTest
    @EnumSource(SimulatorSettings.EventTimeUnit.class)
    void everyExperienceOfTheFinishedCallsArrivesOnceAndBeforeTheirCallEnds(SimulatorSettings.EventTimeUnit unit)
            throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, unit)) {
            List<String> truth = truth(sim);
            assertThat(truth).as("the simulator drew experiences to read").hasSizeGreaterThan(5);
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props(sim),
                    new TestTaskContext());
            List<SourceRecord> experiences = read.records().stream().filter(r -> topic(sim).equals(r.topic()))
                    .toList();
            assertThat(experiences).extracting(AbnormalExperiencesSimulatorTest::identity).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(truth);
            for (SimulatedCall call : sim.calls()) {
                List<SourceRecord> ofCall = read.records().stream()
                        .filter(r -> TaskHarness.commIdOf(r).equals(call.commId())).toList();
                assertThat(ofCall.get(ofCall.size() - 1)).as("%s ends with its call end", call.commId())
                        .matches(TaskHarness::isCallEnd);
                List<Long> times = ofCall.stream().filter(r -> topic(sim).equals(r.topic()))
                        .map(r -> ((Date) ((Struct) r.value()).get("time")).getTime()).toList();
                assertThat(times).as("in time order").isSorted();
            }
        }
    }

    @Test
    void aRestartInTheMiddleOfTheStreamNeitherLosesNorRepeatsAnExperience() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = simulator(clock, SimulatorSettings.EventTimeUnit.MILLIS)) {
            List<String> truth = truth(sim);
            Map<String, String> props = props(sim);
            // One call, so that the last record's offset is the whole committed state.
            String call = sim.calls().get(2).commId();
            props.put(TrtcSourceConfig.COMM_IDS, call);
            List<String> ofCall = truth.stream().filter(t -> t.startsWith(call + "|")).toList();
            assertThat(ofCall).hasSizeGreaterThan(2);
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(TrtcSourceTaskConfig.TASK_COMM_IDS, call);
            taskProps.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "1000");
            taskProps.put(TrtcSourceTaskConfig.TASK_INDEX, "0");
            TrtcSourceTask first = new TrtcSourceTask(TrtcClients.FACTORY, new SimClock(clock));
            first.pollTimeout(Duration.ofMillis(20));
            first.initialize(new TestTaskContext());
            first.start(taskProps);
            int wanted = ofCall.size() / 2;
            List<SourceRecord> delivered = Restarts.crashAfterNth(first, r -> topic(sim).equals(r.topic()), wanted,
                    "half the experiences");
            TestTaskContext restarted = Restarts.committedAfter(delivered);
            TrtcSourceTaskSimulatorIT.TaskRead second = TrtcSourceTaskSimulatorIT.readAll(clock, taskProps, restarted);
            List<SourceRecord> all = new ArrayList<>(delivered);
            all.addAll(second.records());
            assertThat(all.stream().filter(r -> topic(sim).equals(r.topic())).map(
                    AbnormalExperiencesSimulatorTest::identity).toList()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(ofCall);
            assertThat(all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                    .as("the samples too").doesNotHaveDuplicates();
            assertThat(all.stream().filter(TaskHarness::isCallEnd)).hasSize(1);
        }
    }
}

