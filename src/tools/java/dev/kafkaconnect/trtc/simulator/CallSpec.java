package dev.kafkaconnect.trtc.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An explicit call for tests and demos. Times are absolute unix seconds; a user listed twice has rejoined.
 * <pre>
 * CallSpec.builder("room-1").created(t)
 *     .user("u1", t, t + 600).user("u1", t + 900, Presence.LIVE)
 *     .liveUser("u2", t + 30)
 *     .build();
 * </pre>
 * The creation time defaults to the first join. Device facts default to values derived from the user id.
 */
public final class CallSpec {
    private final String roomId;
    private final Long created;
    private final Map<String, List<Presence>> presences;
    private final Map<String, String[]> devices;

    private CallSpec(Builder b) {
        this.roomId = b.roomId;
        this.created = b.created;
        this.presences = new LinkedHashMap<>();
        b.presences.forEach((user, list) -> presences.put(user, List.copyOf(list)));
        this.devices = new LinkedHashMap<>(b.devices);
    }

    public static Builder builder(String roomId) {
        return new Builder(roomId);
    }

    public String roomId() {
        return roomId;
    }

    /** Builds the call for an application. */
    SimulatedCall toCall(long sdkAppId) {
        long createTime = created != null ? created : presences.values().stream()
                .mapToLong(list -> list.get(0).joinSec()).min().orElseThrow();
        List<SimulatedUser> users = new ArrayList<>();
        presences.forEach((userId, list) -> {
            String[] device = devices.get(userId);
            users.add(device != null
                    ? new SimulatedUser(userId, list, device[0], device[1], device[2])
                    : DeviceFacts.forUser(roomId, userId, list));
        });
        return new SimulatedCall(sdkAppId, SimulatedCall.commId(sdkAppId, roomId, createTime), roomId, createTime,
                users);
    }

    public static final class Builder {
        private final String roomId;
        private Long created;
        private final Map<String, List<Presence>> presences = new LinkedHashMap<>();
        private final Map<String, String[]> devices = new LinkedHashMap<>();

        private Builder(String roomId) {
            Objects.requireNonNull(roomId, "roomId");
            if (roomId.isBlank()) {
                throw new IllegalArgumentException("roomId must not be blank");
            }
            this.roomId = roomId;
        }

        public Builder created(long createTimeSec) {
            this.created = createTimeSec;
            return this;
        }

        /** A stay from {@code joinSec} to {@code leaveSec} ({@link Presence#LIVE} for no planned end). */
        public Builder user(String userId, long joinSec, long leaveSec) {
            Objects.requireNonNull(userId, "userId");
            presences.computeIfAbsent(userId, k -> new ArrayList<>()).add(new Presence(joinSec, leaveSec));
            return this;
        }

        /** A stay with no planned end: the user is in the call for as long as the clock runs. */
        public Builder liveUser(String userId, long joinSec) {
            return user(userId, joinSec, Presence.LIVE);
        }

        public Builder device(String userId, String deviceType, String sdkVersion, String clientIp) {
            devices.put(userId, new String[] {deviceType, sdkVersion, clientIp});
            return this;
        }

        public CallSpec build() {
            if (presences.isEmpty()) {
                throw new IllegalArgumentException("call in room " + roomId + " has no users");
            }
            presences.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(Presence::joinSec)));
            for (String userId : devices.keySet()) {
                if (!presences.containsKey(userId)) {
                    throw new IllegalArgumentException("device given for unknown user " + userId);
                }
            }
            CallSpec spec = new CallSpec(this);
            spec.toCall(0L); // validates ordering and creation time now, not at first use
            return spec;
        }
    }
}
