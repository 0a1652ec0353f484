package dev.kafkaconnect.trtc.simulator;

/**
 * One stay of a user in a call, in unix seconds. {@code leaveSec} may lie in the simulator's future, or be
 * {@link #LIVE}: until the clock passes it the user is still in the call and the stay ends "now".
 */
public record Presence(long joinSec, long leaveSec) {
    /** A stay with no planned end. */
    public static final long LIVE = Long.MAX_VALUE;

    public Presence {
        if (leaveSec <= joinSec) {
            throw new IllegalArgumentException("leave " + leaveSec + " must be after join " + joinSec);
        }
    }

    /** Whether the stay has begun by {@code now}. */
    public boolean begunBy(long now) {
        return joinSec <= now;
    }

    /** Whether the user is still in the call at {@code now}. */
    public boolean openAt(long now) {
        return joinSec <= now && leaveSec > now;
    }

    /** The end of the stay as seen at {@code now}: the leave time, or now for a stay still open. */
    public long leaveAsOf(long now) {
        return Math.min(leaveSec, now);
    }

    /** Whether the user is in the call at second {@code t} (both ends inclusive), as seen at {@code now}. */
    public boolean contains(long t, long now) {
        return joinSec <= t && t <= leaveAsOf(now) && joinSec <= now;
    }

    /** Whether the stay, as seen at {@code now}, overlaps {@code [from, to]} (both inclusive). */
    public boolean overlaps(long from, long to, long now) {
        return begunBy(now) && joinSec <= to && leaveAsOf(now) >= from;
    }
}
