package dev.kafkaconnect.trtc.e2e;

import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/** One user-event record, as identity for comparing with the simulator's ground truth. */
record UserEventRecord(String commId, String userId, String peerId, long timeMillis, int eventId, int streamType,
                       int paramOne, int paramTwo) {

    static UserEventRecord of(Struct record) {
        return new UserEventRecord(record.getString("commId"), record.getString("userId"),
                record.getString("peerId"), ((Date) record.get("time")).getTime(), record.getInt32("eventId"),
                record.getInt32("streamType"), record.getInt32("paramOne"), record.getInt32("paramTwo"));
    }

    /** The events of every user of a finished call (a user's own events without a peer); none for a live call. */
    static List<UserEventRecord> expected(TrtcSimulator simulator, SimulatedCall call) {
        if (CallEnd.expected(call).isEmpty()) {
            return List.of();
        }
        List<GroundTruth.UserEvent> truth = simulator.groundTruth().userEvents(call.commId(), call.createTime(),
                Long.MAX_VALUE);
        return truth.stream().map(e -> new UserEventRecord(call.commId(), e.userId(),
                e.peerId() == null || e.peerId().isEmpty() || e.peerId().equals(e.userId()) ? null : e.peerId(),
                e.timeMillis(), e.eventId(), e.type(), e.paramOne(), e.paramTwo())).toList();
    }
}
