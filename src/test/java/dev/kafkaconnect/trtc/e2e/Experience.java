package dev.kafkaconnect.trtc.e2e;

import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/** One abnormal-experience record, as identity for comparing with the simulator's ground truth. */
record Experience(String commId, String userId, int experienceId, long timeMillis) {

    static Experience of(Struct record) {
        return new Experience(record.getString("commId"), record.getString("userId"),
                record.getInt32("experienceId"), ((Date) record.get("time")).getTime());
    }

    /**
     * The experiences of a finished call, at the precision the simulator's answers give ({@code EventTime} in
     * seconds or milliseconds); none for a live call.
     */
    static List<Experience> expected(TrtcSimulator simulator, SimulatedCall call) {
        if (CallEnd.expected(call).isEmpty()) {
            return List.of();
        }
        boolean seconds = simulator.settings().eventTimeUnit() == SimulatorSettings.EventTimeUnit.SECONDS;
        List<GroundTruth.Experience> truth = simulator.groundTruth().experiences(call.commId(), call.createTime(),
                Long.MAX_VALUE);
        return truth.stream().map(e -> new Experience(call.commId(), e.userId(), e.experienceId(),
                seconds ? e.timeSec() * 1000 : e.timeMillis())).toList();
    }
}
