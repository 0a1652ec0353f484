package dev.kafkaconnect.trtc.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The abnormal experiences TRTC would diagnose in a call, derived from the call-detail values so that each lag the
 * data shows comes with an experience. The rule, a pure function of (seed, call) and the simulator's now:
 * <ul>
 * <li>about {@value #PRONE_PERCENT} % of a call's users, drawn from the seed, are prone to lag; the others never
 *     have an experience;</li>
 * <li>at each sample time {@code t} of a prone user (the 2-second grid of the call detail, visible after the data
 *     delay) where the user's {@code bigvBlock} is at least {@value #LAG_MS} ms, the user has experience 4 (video
 *     lagged); where {@code aBlock} is, experience 5 (audio lagged). {@code EventTime} is {@code t} and a drawn
 *     number of milliseconds;</li>
 * <li>each experience has 1 to 3 probable causes (ids of the Real-Time Exceptional Event table), drawn from the
 *     seed: for video lag 2024 (downstream big image lagged) and 2017 (its packet loss), for audio lag 2023
 *     (downstream audio lagged) and 2015 (its packet loss), each with {@code PeerId} a user present at {@code t};
 *     and the local 2001/2002 (system/app CPU), 2013/2014 (downstream latency/jitter), for audio 2005 (upstream
 *     audio loss) too, without {@code PeerId}. Peer causes need a peer present.</li>
 * </ul>
 */
final class ExperienceModel {
    static final int VIDEO_LAG = 4;
    static final int AUDIO_LAG = 5;
    static final int LAG_MS = 490;
    static final int PRONE_PERCENT = 60;
    private static final int[] VIDEO_PEER_CAUSES = {2024, 2017};
    private static final int[] VIDEO_LOCAL_CAUSES = {2001, 2002, 2013, 2014};
    private static final int[] AUDIO_PEER_CAUSES = {2023, 2015};
    private static final int[] AUDIO_LOCAL_CAUSES = {2001, 2005, 2013};

    static final Comparator<GroundTruth.Experience> ORDER = Comparator.comparingLong(GroundTruth.Experience::timeMillis)
            .thenComparing(GroundTruth.Experience::userId)
            .thenComparingInt(GroundTruth.Experience::experienceId)
            .thenComparing(GroundTruth.Experience::commId);

    private final long seed;
    private final MetricModel model;

    ExperienceModel(long seed, MetricModel model) {
        this.seed = seed;
        this.model = model;
    }

    /** Whether the seed makes this user of the call prone to lag. */
    boolean prone(SimulatedCall call, SimulatedUser user) {
        return Math.floorMod(userKey(call, user), 100L) < PRONE_PERCENT;
    }

    /**
     * The call's experiences with {@code EventTime} seconds in {@code [from, to]}, visible at {@code now}, ordered
     * by time, user and experience.
     */
    List<GroundTruth.Experience> of(SimulatedCall call, long from, long to, long now, long visibleUntil) {
        List<GroundTruth.Experience> out = new ArrayList<>();
        if (!call.existsAt(now) || to < from) {
            return out;
        }
        for (SimulatedUser user : call.users()) {
            if (!prone(call, user)) {
                continue;
            }
            MetricModel.Series video = model.series(call.commId(), user.userId(), null, "bigvBlock");
            MetricModel.Series audio = model.series(call.commId(), user.userId(), null, "aBlock");
            for (long t : SampleTimes.of(user, from, to, now, visibleUntil)) {
                if (video.valueAt(t) >= LAG_MS) {
                    out.add(experience(call, user, t, VIDEO_LAG, VIDEO_PEER_CAUSES, VIDEO_LOCAL_CAUSES, now));
                }
                if (audio.valueAt(t) >= LAG_MS) {
                    out.add(experience(call, user, t, AUDIO_LAG, AUDIO_PEER_CAUSES, AUDIO_LOCAL_CAUSES, now));
                }
            }
        }
        out.sort(ORDER);
        return out;
    }

    /**
     * The experiences of every call of the room ({@code roomId} null: of every room) that is not vanished, as
     * {@link #of} lists them, ordered by time, user and experience.
     */
    List<GroundTruth.Experience> ofRoom(Iterable<SimulatedCall> calls, String roomId, long from, long to, long now,
                                        long visibleUntil, Predicate<String> vanished) {
        List<GroundTruth.Experience> out = new ArrayList<>();
        for (SimulatedCall call : calls) {
            if ((roomId == null || roomId.equals(call.roomId())) && !vanished.test(call.commId())) {
                out.addAll(of(call, from, to, now, visibleUntil));
            }
        }
        out.sort(ORDER);
        return out;
    }

    private GroundTruth.Experience experience(SimulatedCall call, SimulatedUser user, long t, int experienceId,
                                              int[] peerCauses, int[] localCauses, long now) {
        long key = Hashing.of(Hashing.of(userKey(call, user), t), experienceId);
        List<String> present = new ArrayList<>();
        for (SimulatedUser peer : call.users()) {
            if (peer != user && peer.presentAt(t, now)) {
                present.add(peer.userId());
            }
        }
        List<int[]> candidates = new ArrayList<>();
        if (!present.isEmpty()) {
            for (int id : peerCauses) {
                candidates.add(new int[] {id, 1});
            }
        }
        for (int id : localCauses) {
            candidates.add(new int[] {id, 0});
        }
        String peer = present.isEmpty() ? null : present.get((int) Math.floorMod(key >>> 8, (long) present.size()));
        int count = 1 + (int) Math.floorMod(key >>> 16, 3L);
        List<GroundTruth.Cause> causes = new ArrayList<>(count);
        long draw = Hashing.mix(key);
        for (int i = 0; i < count && !candidates.isEmpty(); i++) {
            int[] pick = candidates.remove((int) Math.floorMod(draw, (long) candidates.size()));
            causes.add(new GroundTruth.Cause(pick[0], pick[1] == 1 ? peer : null));
            draw = Hashing.mix(draw);
        }
        return new GroundTruth.Experience(call.commId(), call.roomId(), user.userId(), experienceId,
                t * 1000 + Math.floorMod(key >>> 24, 1000L), causes);
    }

    private long userKey(SimulatedCall call, SimulatedUser user) {
        return Hashing.of(Hashing.of(Hashing.of(seed, "experiences"), call.commId()), user.userId());
    }
}
