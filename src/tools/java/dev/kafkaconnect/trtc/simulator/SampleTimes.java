package dev.kafkaconnect.trtc.simulator;

import java.util.Arrays;

/**
 * When a user's points exist. A user is sampled every {@value #INTERVAL_SEC} seconds of each stay, counted from
 * the join: {@code join + 2, join + 4, ...} up to the leave (the seed page's example joins at 1590065777 and has
 * points at 1590065779, 1590065781, ...). A point is visible once it is older than the data delay. A downlink
 * point from a peer exists where the receiver has a point and the peer is in the call.
 */
final class SampleTimes {
    static final int INTERVAL_SEC = 2;

    private SampleTimes() {
    }

    /**
     * The user's sample times in {@code [from, to]} (both inclusive) that exist at {@code now} and are no later
     * than {@code visibleUntil}.
     */
    static long[] of(SimulatedUser user, long from, long to, long now, long visibleUntil) {
        long last = Math.min(to, Math.min(now, visibleUntil));
        long[] buf = new long[16];
        int n = 0;
        for (Presence p : user.presences()) {
            long end = Math.min(last, p.leaveAsOf(now));
            long first = p.joinSec() + INTERVAL_SEC;
            if (from > first) {
                first += ceilDiv(from - first, INTERVAL_SEC) * INTERVAL_SEC;
            }
            for (long t = first; t <= end; t += INTERVAL_SEC) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, n * 2);
                }
                buf[n++] = t;
            }
        }
        return Arrays.copyOf(buf, n);
    }

    /** How many of the user's points {@link #of} would list, without listing them. */
    static long count(SimulatedUser user, long from, long to, long now, long visibleUntil) {
        long last = Math.min(to, Math.min(now, visibleUntil));
        long n = 0;
        for (Presence p : user.presences()) {
            long end = Math.min(last, p.leaveAsOf(now));
            long first = p.joinSec() + INTERVAL_SEC;
            if (from > first) {
                first += ceilDiv(from - first, INTERVAL_SEC) * INTERVAL_SEC;
            }
            if (end >= first) {
                n += (end - first) / INTERVAL_SEC + 1;
            }
        }
        return n;
    }

    /** The subset of {@code times} at which {@code peer} is in the call. */
    static long[] whilePresent(long[] times, SimulatedUser peer, long now) {
        long[] out = new long[times.length];
        int n = 0;
        for (long t : times) {
            if (peer.presentAt(t, now)) {
                out[n++] = t;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
