package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Every point that exists for a call, as the server would serve it at the simulator's current time (same sample
 * grid, data delay and peer rules). Ranges here are half-open, {@code [from, to)}, so adjacent ranges never
 * share a point; the API's own windows are inclusive at both ends. Points are ordered by user (call order),
 * metric (generation order), uplink before peers, then time. It lists the user events ({@code DescribeUserEvent})
 * and abnormal experiences ({@code DescribeUnusualEvent}) the same way, ranges over their seconds.
 */
public final class GroundTruth {
    private final CallRegistry calls;
    private final MetricModel model;
    private final SimulatorClock clock;
    private final LongSupplier dataDelaySec;
    private final UserTimeline timeline;
    private final ExperienceModel experiences;

    GroundTruth(CallRegistry calls, MetricModel model, SimulatorClock clock, LongSupplier dataDelaySec,
                UserTimeline timeline, ExperienceModel experiences) {
        this.calls = calls;
        this.model = model;
        this.clock = clock;
        this.dataDelaySec = dataDelaySec;
        this.timeline = timeline;
        this.experiences = experiences;
    }

    /**
     * One event of a user's timeline; {@code peerId} is the remote user it is about, null for the user's own
     * events (served with the user's id or an empty one, {@link SimulatorSettings#ownPeerId()}).
     */
    public record UserEvent(String commId, String userId, String peerId, int type, long timeMillis, int eventId,
                            int paramOne, int paramTwo) {
        public long timeSec() {
            return Math.floorDiv(timeMillis, 1000);
        }
    }

    /** One abnormal experience of {@code userId}; its {@code EventTime} is served in seconds or milliseconds. */
    public record Experience(String commId, String roomId, String userId, int experienceId, long timeMillis,
                             List<Cause> causes) {
        public Experience {
            causes = List.copyOf(causes);
        }

        public long timeSec() {
            return Math.floorDiv(timeMillis, 1000);
        }
    }

    /** A probable cause of an experience; {@code peerId} is null when it is not about a remote user. */
    public record Cause(int abnormalEventId, String peerId) {
    }

    /** Every event of one user of the call with its second in {@code [from, to)}, visible now, in served order. */
    public List<UserEvent> userEvents(String commId, String userId, long fromSecInclusive, long toSecExclusive) {
        SimulatedCall call = existing(commId);
        SimulatedUser user = call.user(userId);
        if (user == null || !call.existsAt(clock.nowSeconds())) {
            return List.of();
        }
        return inRange(timeline.of(call, user, clock.nowSeconds()), fromSecInclusive, toSecExclusive);
    }

    /** Every event of every user of the call with its second in {@code [from, to)}, user by user in call order. */
    public List<UserEvent> userEvents(String commId, long fromSecInclusive, long toSecExclusive) {
        List<UserEvent> out = new ArrayList<>();
        for (SimulatedUser user : existing(commId).users()) {
            out.addAll(userEvents(commId, user.userId(), fromSecInclusive, toSecExclusive));
        }
        return out;
    }

    private List<UserEvent> inRange(List<UserEvent> events, long from, long toExclusive) {
        long last = Math.min(toExclusive - 1, visibleUntil());
        return events.stream().filter(e -> e.timeSec() >= from && e.timeSec() <= last).toList();
    }

    /** Every abnormal experience of the call with its second in {@code [from, to)}, visible now, by time. */
    public List<Experience> experiences(String commId, long fromSecInclusive, long toSecExclusive) {
        long now = clock.nowSeconds();
        return experiences.of(existing(commId), fromSecInclusive, toSecExclusive - 1, now, visibleUntil());
    }

    /** Every abnormal experience of every call of the room with its second in {@code [from, to)}, by time. */
    public List<Experience> roomExperiences(String roomId, long fromSecInclusive, long toSecExclusive) {
        long now = clock.nowSeconds();
        return experiences.ofRoom(calls.createdUpTo(now), roomId, fromSecInclusive, toSecExclusive - 1, now,
                visibleUntil(), commId -> false);
    }

    private SimulatedCall existing(String commId) {
        SimulatedCall call = calls.get(commId);
        if (call == null) {
            throw new IllegalArgumentException("unknown CommId " + commId);
        }
        return call;
    }

    /** One point; {@code peerId} is null for the user's uplink. */
    public record Point(String commId, String userId, String peerId, String metric, long timeSec, double value) {
    }

    /** Points of the seed's metrics. */
    public List<Point> points(String commId, long fromSecInclusive, long toSecExclusive) {
        return points(commId, fromSecInclusive, toSecExclusive, ApiGeneration.SEED);
    }

    public List<Point> points(String commId, long fromSecInclusive, long toSecExclusive, ApiGeneration generation) {
        List<Point> out = new ArrayList<>();
        for (SeriesTimes s : series(commId, fromSecInclusive, toSecExclusive, generation)) {
            MetricModel.Series values = model.series(commId, s.userId(), s.peerId(), s.metric());
            for (long t : s.times()) {
                out.add(new Point(commId, s.userId(), s.peerId(), s.metric(), t, values.valueAt(t)));
            }
        }
        return out;
    }

    /** Number of seed-metric points, without building them. */
    public long count(String commId, long fromSecInclusive, long toSecExclusive) {
        return count(commId, fromSecInclusive, toSecExclusive, ApiGeneration.SEED);
    }

    public long count(String commId, long fromSecInclusive, long toSecExclusive, ApiGeneration generation) {
        long n = 0;
        for (SeriesTimes s : series(commId, fromSecInclusive, toSecExclusive, generation)) {
            n += s.times().length;
        }
        return n;
    }

    /**
     * A fingerprint of the points' identities (user, peer, metric, time), without building them: a reader that
     * sums {@link #identityHash} over what it read, and counts it, read exactly these points (with overwhelming
     * probability) when both match. For calls too large to hold as a set.
     */
    public Fingerprint fingerprint(String commId, long fromSecInclusive, long toSecExclusive,
                                   ApiGeneration generation) {
        Fingerprint f = new Fingerprint();
        for (SeriesTimes s : series(commId, fromSecInclusive, toSecExclusive, generation)) {
            for (long t : s.times()) {
                f.add(s.userId(), s.peerId(), s.metric(), t);
            }
        }
        return f;
    }

    /** A count and a sum of identity hashes; equal fingerprints mean the same points, once each. */
    public static final class Fingerprint {
        private long count;
        private long sum;
        private long sumOfSquares;

        /** Adds one point; {@code peerId} null or empty for an uplink. */
        public void add(String userId, String peerId, String metric, long timeSec) {
            long h = identityHash(userId, peerId == null ? "" : peerId, metric, timeSec);
            count++;
            sum += h;
            sumOfSquares += h * h;
        }

        public long count() {
            return count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fingerprint f && f.count == count && f.sum == sum && f.sumOfSquares == sumOfSquares;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sum);
        }

        @Override
        public String toString() {
            return count + " points, sum " + Long.toHexString(sum);
        }

        private static long identityHash(String userId, String peerId, String metric, long timeSec) {
            long h = 0x9E3779B97F4A7C15L;
            for (String part : new String[] {userId, peerId, metric}) {
                for (int i = 0; i < part.length(); i++) {
                    h = (h ^ part.charAt(i)) * 0x100000001B3L;
                }
                h = (h ^ 0xFF) * 0x100000001B3L;
            }
            h ^= timeSec;
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            h *= 0xC4CEB9FE1A85EC53L;
            return h ^ (h >>> 33);
        }
    }

    /** The latest second whose points are visible now ({@code now - dataDelay}). */
    public long visibleUntil() {
        return clock.nowSeconds() - dataDelaySec.getAsLong();
    }

    private List<SeriesTimes> series(String commId, long from, long toExclusive, ApiGeneration generation) {
        SimulatedCall call = calls.get(commId);
        if (call == null) {
            throw new IllegalArgumentException("unknown CommId " + commId);
        }
        long now = clock.nowSeconds();
        List<SeriesTimes> out = new ArrayList<>();
        if (toExclusive <= from || !call.existsAt(now)) {
            return out;
        }
        long visibleUntil = now - dataDelaySec.getAsLong();
        for (SimulatedUser user : call.users()) {
            out.addAll(CallSeries.of(call, user, Metrics.served(generation), from, toExclusive - 1, now,
                    visibleUntil));
        }
        return out;
    }
}
