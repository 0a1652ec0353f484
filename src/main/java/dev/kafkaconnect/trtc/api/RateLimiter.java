package dev.kafkaconnect.trtc.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.apache.kafka.common.utils.Time;

/**
 * A strict sliding-window limiter: at most {@code permits} grants in any window of length {@code window}
 * (half-open, {@code [t, t + window)}). It keeps the times of the last {@code permits} grants; a new grant is
 * allowed only once the oldest of them has left the window. Unlike a token bucket with burst R, this never lets
 * R grants at the end of one second be followed by R more at the start of the next, which is what a server
 * counting requests per second would reject.
 *
 * <p>A grant can be taken in two steps, so that its time is when the request really leaves: {@link #reserve}
 * waits for a place in the window, {@link #commit} stamps the place with the current time, right before the
 * request's bytes are written. A sender waits for its place early and commits late, after its connection is
 * ready; the guarantee holds for commit times. A reserved place is held until it is committed: the reservation
 * {@code permits} places later waits for that commit and then for the window to pass. Since reservations are
 * made one after another and each commit follows its reservation, grants {@code permits} apart are then a
 * window apart whatever order the commits come in. Every reservation must be committed, whether or not its
 * request is sent.
 *
 * <p>Thread-safe. One instance can be shared by every client using the same key, since the service limits per
 * account and region.
 *
 * <p>Time is Kafka's {@link Time}: grants are stamped with {@link Time#nanoseconds()}, waits use
 * {@link Time#sleep}, which takes whole milliseconds, so a wait is rounded up to the next millisecond (never early;
 * on Java 17 {@code TimeUnit.NANOSECONDS.sleep} also slept whole milliseconds). {@code Time.sleep} keeps an
 * interrupt as the thread's flag instead of throwing, so the wait loop turns the flag back into
 * {@link InterruptedException}.
 */
public final class RateLimiter {
    /** How often a reservation waiting for an earlier one's commit looks again; commits follow within moments. */
    private static final long PENDING_RECHECK_NANOS = 1_000_000;

    /** A place in the window, held from {@link #reserve} until {@link #commit}. */
    public static final class Permit {
        private final int slot;
        private boolean committed;

        private Permit(int slot) {
            this.slot = slot;
        }
    }

    private final int permits;
    private final long windowNanos;
    private final Time time;
    /** Per place: the commit time (or the reservation time while pending) of the last grant that took it. */
    private final long[] grants;
    private final boolean[] pending;
    private int filled;
    private int oldest;
    private final long spacingNanos;
    private long lastTaken;
    private final AtomicLong waitedNanos = new AtomicLong();
    private final AtomicLong granted = new AtomicLong();
    private volatile LongConsumer grantObserver = t -> { };

    public RateLimiter(int permits, Duration window, Time time) {
        this(permits, window, time, false);
    }

    /**
     * @param paced whether grants are also spread evenly, at least {@code window / permits} apart, instead of
     *              coming in bursts of up to {@code permits}: the same rate, without a burst's requests queueing
     *              behind each other on the way (threads, connections, the service's front end), which would vary
     *              their arrival times more than the network does
     */
    public RateLimiter(int permits, Duration window, Time time, boolean paced) {
        if (permits < 1) {
            throw new IllegalArgumentException("rate limit must be at least 1 request per window, got " + permits);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit window must be positive, got " + window);
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.time = Objects.requireNonNull(time, "time");
        this.grants = new long[permits];
        this.pending = new boolean[permits];
        this.spacingNanos = paced ? windowNanos / permits : 0;
    }

    /** At most {@code permitsPerSecond} grants in any one second, on the system clock. */
    public static RateLimiter perSecond(int permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, Duration.ofSeconds(1), Time.SYSTEM);
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return 0 when granted; otherwise the nanoseconds until a permit may be free (nothing is taken)
     */
    public long tryAcquire() {
        synchronized (this) {
            long now = time.nanoseconds();
            long delay = delayAt(now);
            if (delay != 0) {
                return delay;
            }
            commit(take(now), now);
        }
        return 0;
    }

    /**
     * Waits for a permit, at most {@code maxWait}.
     *
     * @return the nanoseconds waited, or -1 when no permit came within {@code maxWait} (nothing is taken)
     * @throws InterruptedException when interrupted while waiting (nothing is taken)
     */
    public long acquire(Duration maxWait) throws InterruptedException {
        long start = time.nanoseconds();
        Permit permit = reserve(maxWait.toNanos(), () -> false, Long.MAX_VALUE);
        if (permit == null) {
            return -1;
        }
        commit(permit);
        return time.nanoseconds() - start;
    }

    /**
     * Waits for a permit until one is granted or {@code abandoned} turns true, checking it at least every
     * {@code checkEvery}: for callers whose need can end while they wait (a call that hit its deadline).
     *
     * @return the nanoseconds waited, or -1 when abandoned (nothing is taken)
     * @throws InterruptedException when interrupted while waiting (nothing is taken)
     */
    public long acquire(BooleanSupplier abandoned, Duration checkEvery) throws InterruptedException {
        long start = time.nanoseconds();
        Permit permit = reserve(abandoned, checkEvery);
        if (permit == null) {
            return -1;
        }
        commit(permit);
        return time.nanoseconds() - start;
    }

    /**
     * Waits for a place in the window, as {@link #acquire(BooleanSupplier, Duration)} waits for a permit; the
     * place counts from when it is {@link #commit committed}, which the caller must do exactly once it sends (or
     * gives up sending: then the place is simply spent).
     *
     * @return the reserved place, or null when abandoned (nothing is taken)
     * @throws InterruptedException when interrupted while waiting (nothing is taken)
     */
    public Permit reserve(BooleanSupplier abandoned, Duration checkEvery) throws InterruptedException {
        return reserve(Long.MAX_VALUE, abandoned, Math.max(1, checkEvery.toNanos()));
    }

    /** Stamps a reserved place with the current time: the grant. A second commit of the same place does nothing. */
    public void commit(Permit permit) {
        synchronized (this) {
            if (!permit.committed) {
                commit(permit, time.nanoseconds());
            }
        }
    }

    private Permit reserve(long maxWaitNanos, BooleanSupplier abandoned, long sliceNanos)
            throws InterruptedException {
        long start = time.nanoseconds();
        while (true) {
            Permit permit = null;
            long delay;
            long waited;
            synchronized (this) {
                long now = time.nanoseconds();
                delay = delayAt(now);
                if (delay == 0) {
                    permit = take(now);
                }
                waited = now - start;
            }
            if (permit != null) {
                waitedNanos.addAndGet(waited);
                return permit;
            }
            if (waited > maxWaitNanos - delay || abandoned.getAsBoolean()) {
                return null;
            }
            sleep(Math.min(delay, sliceNanos));
        }
    }

    /** Waits at least {@code nanos} (rounded up to whole milliseconds, what {@link Time#sleep} takes). */
    private void sleep(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        time.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Under the lock: 0 when a place is free at {@code now}, else how long until one may be. */
    private long delayAt(long now) {
        if (spacingNanos > 0 && filled > 0) {
            long nextAt = lastTaken + spacingNanos;
            if (now - nextAt < 0) {
                return nextAt - now;
            }
        }
        if (filled < permits) {
            return 0;
        }
        if (pending[oldest]) {
            return PENDING_RECHECK_NANOS;
        }
        long freeAt = grants[oldest] + windowNanos;
        return now - freeAt < 0 ? freeAt - now : 0;
    }

    /** Under the lock, when {@link #delayAt} said 0: reserves the oldest place. */
    private Permit take(long now) {
        int slot = oldest;
        if (filled < permits) {
            filled++;
        }
        grants[slot] = now;
        pending[slot] = true;
        // Paced from the schedule, not from when the waiter woke (a sleep overshoots): a little lateness is made
        // up by the next grant; after a longer pause the schedule restarts. The window alone bounds the rate.
        long scheduled = lastTaken + spacingNanos;
        lastTaken = filled > 1 && now - scheduled < spacingNanos ? scheduled : now;
        oldest = (oldest + 1) % permits;
        return new Permit(slot);
    }

    /** Under the lock. */
    private void commit(Permit permit, long now) {
        permit.committed = true;
        grants[permit.slot] = now;
        pending[permit.slot] = false;
        granted.incrementAndGet();
        grantObserver.accept(now);
    }

    /** Total time callers of the {@code acquire} methods waited for permits. */
    public long totalWaitNanos() {
        return waitedNanos.get();
    }

    public long totalGranted() {
        return granted.get();
    }

    /** Observes each grant's time, under the limiter's lock; for metrics and for checking the guarantee. */
    public void observeGrants(LongConsumer observer) {
        this.grantObserver = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public String toString() {
        return "RateLimiter{" + permits + " per " + Duration.ofNanos(windowNanos) + (spacingNanos > 0 ? ", paced" : "")
                + "}";
    }
}
