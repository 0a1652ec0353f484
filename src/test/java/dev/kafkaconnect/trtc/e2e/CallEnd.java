package dev.kafkaconnect.trtc.e2e;

import java.util.Date;
import java.util.Optional;

import org.apache.kafka.connect.data.Struct;

import dev.kafkaconnect.trtc.simulator.Presence;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatedUser;

/** One call-end record, as identity for comparing with the simulator's calls. */
record CallEnd(String commId, String roomId, long endMillis) {

    static CallEnd of(Struct record) {
        return new CallEnd(record.getString("commId"), record.getString("roomId"),
                ((Date) record.get("endTime")).getTime());
    }

    /** The end of a call every user of which has left: its room and the last leave; empty for a live call. */
    static Optional<CallEnd> expected(SimulatedCall call) {
        long last = Long.MIN_VALUE;
        for (SimulatedUser user : call.users()) {
            for (Presence stay : user.presences()) {
                if (stay.leaveSec() == Presence.LIVE) {
                    return Optional.empty();
                }
                last = Math.max(last, stay.leaveSec());
            }
        }
        return last == Long.MIN_VALUE ? Optional.empty()
                : Optional.of(new CallEnd(call.commId(), call.roomId(), last * 1000L));
    }
}
