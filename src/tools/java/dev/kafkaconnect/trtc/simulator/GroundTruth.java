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
 * metric (generation order), uplink before peers, then time.
 */
public final class GroundTruth {
    private final CallRegistry calls;
    private final MetricModel model;
    private final SimulatorClock clock;
    private final LongSupplier dataDelaySec;

    GroundTruth(CallRegistry calls, MetricModel model, SimulatorClock clock, LongSupplier dataDelaySec) {
        this.calls = calls;
        this.model = model;
        this.clock = clock;
        this.dataDelaySec = dataDelaySec;
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
