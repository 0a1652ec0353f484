package dev.kafkaconnect.trtc.simulator;

import java.util.List;

/**
 * A user of a simulated call: one or more stays (a rejoin is a second stay), sorted and disjoint, and the client
 * facts the API reports. {@code clientIp} is made up but shaped like personal data.
 */
public record SimulatedUser(String userId, List<Presence> presences, String deviceType, String sdkVersion,
                            String clientIp) {

    public SimulatedUser {
        presences = List.copyOf(presences);
        if (presences.isEmpty()) {
            throw new IllegalArgumentException("user " + userId + " has no presence");
        }
        for (int i = 1; i < presences.size(); i++) {
            if (presences.get(i).joinSec() <= presences.get(i - 1).leaveSec()) {
                throw new IllegalArgumentException("user " + userId + " rejoins at " + presences.get(i).joinSec()
                        + " before leaving at " + presences.get(i - 1).leaveSec());
            }
        }
    }

    public long firstJoin() {
        return presences.get(0).joinSec();
    }

    /** The last stay, whose end is the user's last leave (or {@link Presence#LIVE}). */
    public Presence lastPresence() {
        return presences.get(presences.size() - 1);
    }

    /** Whether the user is in the call at second {@code t}, as seen at {@code now}. */
    public boolean presentAt(long t, long now) {
        for (Presence p : presences) {
            if (p.contains(t, now)) {
                return true;
            }
        }
        return false;
    }
}
