package dev.kafkaconnect.trtc.simulator;

import java.util.Comparator;
import java.util.List;

/**
 * A call (one lifetime of a room). {@code commId} is {@code sdkAppId_roomNumber_createTime}: for a numeric room
 * id the number is the room id itself; a string room id maps to a stable number, as on the real service, so
 * clients must take CommIds from room listing rather than build them. Users are held in a stable order: first
 * join, then user id. The first to join created the room.
 */
public record SimulatedCall(long sdkAppId, String commId, String roomString, long createTime,
                            List<SimulatedUser> users) {

    static final Comparator<SimulatedUser> USER_ORDER =
            Comparator.comparingLong(SimulatedUser::firstJoin).thenComparing(SimulatedUser::userId);

    public SimulatedCall {
        users = users.stream().sorted(USER_ORDER).toList();
        if (users.isEmpty()) {
            throw new IllegalArgumentException("call " + commId + " has no users");
        }
        for (SimulatedUser u : users) {
            if (u.firstJoin() < createTime) {
                throw new IllegalArgumentException("user " + u.userId() + " joins call " + commId
                        + " at " + u.firstJoin() + ", before it was created at " + createTime);
            }
        }
        if (users.stream().map(SimulatedUser::userId).distinct().count() != users.size()) {
            throw new IllegalArgumentException("call " + commId + " lists a user twice");
        }
    }

    /** The room id as users and the API's {@code RoomStr}/{@code RoomString} see it. */
    public String roomId() {
        return roomString;
    }

    /** Whether the call exists yet at {@code now}. */
    public boolean existsAt(long now) {
        return createTime <= now;
    }

    /** Whether someone is in the call at {@code now}, or will still join it. */
    public boolean isLive(long now) {
        return existsAt(now) && lastLeave() > now;
    }

    /** Whether every user has left for good by {@code now}. */
    public boolean isFinished(long now) {
        return existsAt(now) && lastLeave() <= now;
    }

    /** The room's destroy time: the last leave once finished, else 0, as the room listing reports it. */
    public long destroyTime(long now) {
        return isFinished(now) ? lastLeave() : 0L;
    }

    /** The end of the call's activity as seen at {@code now}. */
    public long activeUntil(long now) {
        return Math.min(lastLeave(), now);
    }

    public String creatorUserId() {
        return users.get(0).userId();
    }

    public SimulatedUser user(String userId) {
        for (SimulatedUser u : users) {
            if (u.userId().equals(userId)) {
                return u;
            }
        }
        return null;
    }

    /** This call with one more stay of {@code userId} (a rejoin), which must not overlap the user's others. */
    public SimulatedCall withStay(String userId, Presence stay) {
        SimulatedUser u = user(userId);
        if (u == null) {
            throw new IllegalArgumentException("call " + commId + " has no user " + userId);
        }
        List<Presence> stays = new java.util.ArrayList<>(u.presences());
        stays.add(stay);
        stays.sort(Comparator.comparingLong(Presence::joinSec));
        SimulatedUser changed = new SimulatedUser(userId, stays, u.deviceType(), u.sdkVersion(), u.clientIp());
        return new SimulatedCall(sdkAppId, commId, roomString, createTime,
                users.stream().map(x -> x == u ? changed : x).toList());
    }

    private long lastLeave() {
        long last = Long.MIN_VALUE;
        for (SimulatedUser u : users) {
            last = Math.max(last, u.lastPresence().leaveSec());
        }
        return last;
    }

    /** The CommId of a room created at {@code createTime}. */
    public static String commId(long sdkAppId, String roomString, long createTime) {
        return sdkAppId + "_" + roomNumber(roomString) + "_" + createTime;
    }

    /** The number a room id maps to inside a CommId: itself when numeric, else a stable hash of it. */
    static String roomNumber(String roomString) {
        if (!roomString.isEmpty() && roomString.length() <= 10 && roomString.chars().allMatch(Character::isDigit)) {
            return roomString;
        }
        long h = Hashing.mix(Hashing.of(0x5eed_5eedL, roomString));
        return Long.toString(100_000_000L + Math.floorMod(h, 900_000_000L));
    }
}
