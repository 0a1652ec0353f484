package dev.kafkaconnect.trtc.e2e;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.apache.kafka.connect.data.Struct;

import dev.kafkaconnect.trtc.simulator.Presence;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatedUser;

/** One participant record (JOINED or LEFT), as identity for comparing with the simulator's user list. */
record Participant(String commId, String roomId, String userId, String event, long joinMillis, Long leaveMillis,
                   boolean finished, String deviceType, String sdkVersion, String clientIp) {

    static Participant of(Struct record) {
        Date leave = (Date) record.get("leaveTime");
        return new Participant(record.getString("commId"), record.getString("roomId"), record.getString("userId"),
                record.getString("event"), ((Date) record.get("joinTime")).getTime(),
                leave == null ? null : leave.getTime(), record.getBoolean("finished"),
                record.getString("deviceType"), record.getString("sdkVersion"), record.getString("clientIp"));
    }

    /**
     * What the UserList says about each user who stayed once: a JOINED and a LEFT record with the stay's times
     * for a user who left, only a JOINED record without leave time for a user still in the call; no client IP
     * (dropped by default, being personal data), and absent device facts as null. For a user who left, this
     * assumes the connector first saw the user after the leave (JOINED then carries the leave too).
     */
    static List<Participant> expected(SimulatedCall call) {
        for (SimulatedUser user : call.users()) {
            if (user.presences().size() != 1) {
                throw new IllegalArgumentException("expected participants are defined for single stays only: "
                        + user.userId() + " in " + call.commId());
            }
        }
        return expectedPerStay(call);
    }

    /**
     * As {@link #expected}, for a service that lists a user once per stay: each stay gives its own records, with
     * its own times.
     */
    static List<Participant> expectedPerStay(SimulatedCall call) {
        List<Participant> out = new ArrayList<>();
        for (SimulatedUser user : call.users()) {
            for (Presence stay : user.presences()) {
                boolean left = stay.leaveSec() != Presence.LIVE;
                for (String event : left ? List.of("JOINED", "LEFT") : List.of("JOINED")) {
                    out.add(new Participant(call.commId(), call.roomId(), user.userId(), event,
                            stay.joinSec() * 1000L, left ? stay.leaveSec() * 1000L : null, left,
                            emptyToNull(user.deviceType()), emptyToNull(user.sdkVersion()), null));
                }
            }
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
