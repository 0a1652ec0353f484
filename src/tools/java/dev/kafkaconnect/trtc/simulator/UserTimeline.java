package dev.kafkaconnect.trtc.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The events of one user of a call, as {@code DescribeUserEvent} serves them: a pure function of (seed, call, user)
 * and the simulator's now, so the server and {@link GroundTruth} agree. Ids and parameters are those of the
 * service's Event ID Mapping Table. Per stay, the user's own events:
 * <ul>
 * <li>5003 (1): entered room, at {@code JoinTs} exactly; 5008 (1): exited room, at {@code LeaveTs} exactly, once
 *     the stay has ended;</li>
 * <li>within the stay's first seconds: 1003 network type (1 Wi-Fi, 2 4G or 5 wired), 3001 (0) mic started, 4001
 *     camera started (0 front, 1 rear);</li>
 * <li>4003 resolution (width, height) where the user's {@code bigvWidth}/{@code bigvHeight} of the call detail
 *     change: at the stay's first sample and at each 5-minute bucket whose resolution differs from the last;</li>
 * <li>for some stays of over two minutes, drawn from the seed: 3001 muted (1) and, 20 s later, unmuted (3)
 *     between 30 s and 90 s after the join; 2001 to the background (1) and, 9 s later, back (0) between 60 s and
 *     110 s after it.</li>
 * </ul>
 * And about each peer (another user of the call) whose stay overlaps it: 4015 (1) the peer's big stream subscribed
 * a second into the overlap, 5007 its first video frame played a second later, and 4015 (0) unsubscribed when the
 * peer left first. Video events carry {@code Type} 2 (big stream), the others 0. Events after now do not exist.
 */
final class UserTimeline {
    static final int ENTERED_ROOM = 5003;
    static final int EXITED_ROOM = 5008;
    static final int NETWORK_TYPE = 1003;
    static final int MIC = 3001;
    static final int APP_STATE = 2001;
    static final int CAMERA_STARTED = 4001;
    static final int RESOLUTION = 4003;
    static final int PRIMARY_STREAM_SUBSCRIBED = 4015;
    static final int FIRST_FRAME_PLAYED = 5007;
    static final int NOT_VIDEO = 0;
    static final int BIG_STREAM = 2;
    private static final int UNUSED = -1;
    private static final int[] NETWORKS = {1, 2, 5};
    private static final long RESOLUTION_BUCKET_SEC = 300;

    private final long seed;
    private final MetricModel model;

    UserTimeline(long seed, MetricModel model) {
        this.seed = seed;
        this.model = model;
    }

    /** Every event of the user that exists at {@code now}: own events first, then per peer in call order. */
    List<GroundTruth.UserEvent> of(SimulatedCall call, SimulatedUser user, long now) {
        List<GroundTruth.UserEvent> own = new ArrayList<>();
        for (Presence stay : user.presences()) {
            if (stay.begunBy(now)) {
                ownEvents(call, user, stay, now, own);
            }
        }
        List<GroundTruth.UserEvent> out = new ArrayList<>(sorted(own));
        for (SimulatedUser peer : call.users()) {
            if (peer == user) {
                continue;
            }
            List<GroundTruth.UserEvent> about = new ArrayList<>();
            for (Presence stay : user.presences()) {
                for (Presence peerStay : peer.presences()) {
                    peerEvents(call, user, stay, peer, peerStay, now, about);
                }
            }
            out.addAll(sorted(about));
        }
        return out;
    }

    private void ownEvents(SimulatedCall call, SimulatedUser user, Presence stay, long now,
                           List<GroundTruth.UserEvent> out) {
        long key = Hashing.of(Hashing.of(Hashing.of(Hashing.of(seed, "user-events"), call.commId()), user.userId()),
                stay.joinSec());
        long join = stay.joinSec() * 1000;
        long end = stay.leaveAsOf(now);
        Emitter e = new Emitter(call, user.userId(), null, stay, now, out);
        e.add(NOT_VIDEO, join, ENTERED_ROOM, 1, UNUSED);
        e.add(NOT_VIDEO, join + 200 + floorMod(key, 700), NETWORK_TYPE, NETWORKS[(int) floorMod(key >>> 10, 3)],
                UNUSED);
        e.add(NOT_VIDEO, join + 1000 + floorMod(key >>> 20, 1000), MIC, 0, UNUSED);
        e.add(BIG_STREAM, join + 1000 + floorMod(key >>> 30, 2000), CAMERA_STARTED, (int) floorMod(key >>> 40, 2),
                UNUSED);
        MetricModel.Series width = model.series(call.commId(), user.userId(), null, "bigvWidth");
        MetricModel.Series height = model.series(call.commId(), user.userId(), null, "bigvHeight");
        long first = stay.joinSec() + SampleTimes.INTERVAL_SEC;
        double lastWidth = -1;
        double lastHeight = -1;
        for (long t = first; t <= end; t = (Math.floorDiv(t, RESOLUTION_BUCKET_SEC) + 1) * RESOLUTION_BUCKET_SEC) {
            double w = width.valueAt(t);
            double h = height.valueAt(t);
            if (w != lastWidth || h != lastHeight) {
                e.add(BIG_STREAM, t * 1000 + 500, RESOLUTION, (int) w, (int) h);
                lastWidth = w;
                lastHeight = h;
            }
        }
        // Offsets from the join, not from the leave: a stay still open must not move its events as it grows.
        if (stay.leaveSec() - stay.joinSec() > 120) {
            if (floorMod(key >>> 44, 3) == 0) {
                long muted = join + 30_000 + floorMod(key >>> 46, 60_000);
                e.add(NOT_VIDEO, muted, MIC, 1, UNUSED);
                e.add(NOT_VIDEO, muted + 20_000, MIC, 3, UNUSED);
            }
            if (floorMod(key >>> 50, 4) == 0) {
                long background = join + 60_000 + floorMod(key >>> 52, 50_000);
                e.add(NOT_VIDEO, background, APP_STATE, 1, UNUSED);
                e.add(NOT_VIDEO, background + 9_000, APP_STATE, 0, UNUSED);
            }
        }
        if (stay.leaveSec() <= now) {
            e.add(NOT_VIDEO, stay.leaveSec() * 1000, EXITED_ROOM, 1, UNUSED);
        }
    }

    private void peerEvents(SimulatedCall call, SimulatedUser user, Presence stay, SimulatedUser peer,
                            Presence peerStay, long now, List<GroundTruth.UserEvent> out) {
        if (!stay.begunBy(now) || !peerStay.begunBy(now)) {
            return;
        }
        long from = Math.max(stay.joinSec(), peerStay.joinSec());
        long to = Math.min(stay.leaveAsOf(now), peerStay.leaveAsOf(now));
        if (to - from < 2) {
            return;
        }
        long key = Hashing.of(Hashing.of(Hashing.of(Hashing.of(seed, "peer-events"), call.commId()),
                user.userId() + "\u0000" + peer.userId()), from);
        Emitter e = new Emitter(call, user.userId(), peer.userId(), stay, now, out);
        e.add(BIG_STREAM, (from + 1) * 1000 + floorMod(key, 500), PRIMARY_STREAM_SUBSCRIBED, 1, UNUSED);
        e.add(BIG_STREAM, (from + 2) * 1000 + floorMod(key >>> 16, 500), FIRST_FRAME_PLAYED, UNUSED, UNUSED);
        if (peerStay.leaveSec() < stay.leaveSec() && peerStay.leaveSec() <= now) {
            e.add(BIG_STREAM, peerStay.leaveSec() * 1000, PRIMARY_STREAM_SUBSCRIBED, 0, UNUSED);
        }
    }

    /** Adds events that fall inside the stay and have happened by now. */
    private record Emitter(SimulatedCall call, String userId, String peerId, Presence stay, long now,
                           List<GroundTruth.UserEvent> out) {
        void add(int type, long timeMillis, int eventId, int paramOne, int paramTwo) {
            long second = Math.floorDiv(timeMillis, 1000);
            if (second <= now && stay.contains(second, now)) {
                out.add(new GroundTruth.UserEvent(call.commId(), userId, peerId, type, timeMillis, eventId, paramOne,
                        paramTwo));
            }
        }
    }

    private static List<GroundTruth.UserEvent> sorted(List<GroundTruth.UserEvent> events) {
        events.sort(Comparator.comparingLong(GroundTruth.UserEvent::timeMillis)
                .thenComparingInt(GroundTruth.UserEvent::eventId));
        return events;
    }

    private static long floorMod(long h, long n) {
        return Math.floorMod(h, n);
    }
}
