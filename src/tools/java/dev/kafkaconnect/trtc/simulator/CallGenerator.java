package dev.kafkaconnect.trtc.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random calls. Finished calls are spread over the lookback window (ending before now); live calls began
 * in the last half hour and have users with no planned end. Some users rejoin, some calls have more than six users
 * (so paging matters), and about one room in five has a string room id. Only presences are stored: a call costs
 * a few hundred bytes however long it lasts.
 */
final class CallGenerator {
    private static final int MAX_USERS = 9;

    private final long seed;
    private final long sdkAppId;

    CallGenerator(long seed, long sdkAppId) {
        this.seed = seed;
        this.sdkAppId = sdkAppId;
    }

    List<SimulatedCall> generate(int finished, int live, long now, long lookbackSec) {
        SplittableRandom rnd = new SplittableRandom(Hashing.of(seed, "calls"));
        List<SimulatedCall> calls = new ArrayList<>(finished + live);
        // Finished calls start at least 2 h ago (longest call: 1 h) and no earlier than the lookback allows.
        long oldest = now - lookbackSec + 3600;
        long newest = now - 7200;
        if (finished > 0 && newest <= oldest) {
            throw new IllegalArgumentException("lookback of " + lookbackSec + " s leaves no room for finished calls");
        }
        for (int i = 0; i < finished; i++) {
            long created = oldest + rnd.nextLong(newest - oldest);
            calls.add(call(rnd, i, created, false));
        }
        for (int i = 0; i < live; i++) {
            long created = now - 60 - rnd.nextLong(1740);
            calls.add(call(rnd, finished + i, created, true));
        }
        return calls;
    }

    private SimulatedCall call(SplittableRandom rnd, int index, long created, boolean live) {
        String room = rnd.nextInt(5) == 0
                ? "room-" + Long.toHexString(rnd.nextLong() & 0xffffffL) + "-" + index
                : Long.toString(100_000L + index * 7L + rnd.nextInt(7));
        int userCount = rnd.nextInt(8) == 0 ? 7 + rnd.nextInt(MAX_USERS - 6) : 1 + rnd.nextInt(6);
        long duration = 120 + rnd.nextLong(3480);
        List<SimulatedUser> users = new ArrayList<>(userCount);
        for (int u = 0; u < userCount; u++) {
            String userId = rnd.nextInt(4) == 0 ? "user_" + Long.toHexString(rnd.nextLong() & 0xfffffL) + u
                    : Integer.toString(1000 + rnd.nextInt(9000)) + u;
            // The creator joins at creation; the others within the first half of the call.
            long join = u == 0 ? created : created + rnd.nextLong(Math.max(1, duration / 2));
            long callEnd = created + duration;
            List<Presence> stays = new ArrayList<>(2);
            boolean rejoins = rnd.nextInt(6) == 0 && callEnd - join > 300;
            if (rejoins) {
                long firstLeave = join + 60 + rnd.nextLong((callEnd - join) / 3);
                long rejoin = firstLeave + 20 + rnd.nextLong(60);
                stays.add(new Presence(join, firstLeave));
                stays.add(new Presence(rejoin, live ? Presence.LIVE : Math.max(rejoin + 30, callEnd)));
            } else {
                long leave = live && (u == 0 || rnd.nextBoolean()) ? Presence.LIVE
                        : Math.max(join + 30, callEnd - rnd.nextLong(Math.max(1, (callEnd - join) / 2)));
                stays.add(new Presence(join, leave));
            }
            users.add(DeviceFacts.forUser(room, userId, stays));
        }
        return new SimulatedCall(sdkAppId, SimulatedCall.commId(sdkAppId, room, created), room, created, users);
    }
}
