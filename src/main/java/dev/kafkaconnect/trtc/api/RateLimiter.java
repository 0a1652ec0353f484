package dev.kafkaconnect.trtc.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A strict sliding-window limiter: at most {@code permits} grants in any window of length {@code window}
 * (half-open, {@code [t, t + window)}). It keeps the times of the last {@code permits} grants; a new grant is
 * allowed only once the oldest of them has left the window. Unlike a token bucket with burst R, this never lets
 * R grants at the end of one second be followed by R more at the start of the next, which is what a server
 * counting requests per second would reject.
 *
 * <p>Thread-safe. One instance can be shared by every client using the same key, since the service limits per
 * account and region. Callers send right after a grant, so grant times stand for send times.
 */
public final class RateLimiter {
    private final int permits;
    private final long windowNanos;
    private final TimeSource time;
    private final long[] grants;
    private int filled;
    private int oldest;
    private final AtomicLong waitedNanos = new AtomicLong();
    private final AtomicLong granted = new AtomicLong();
    private volatile LongConsumer grantObserver = t -> { };

    public RateLimiter(int permits, Duration window, TimeSource time) {
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
    }

    /** At most {@code permitsPerSecond} grants in any one second, on the system clock. */
    public static RateLimiter perSecond(int permitsPerSecond) {
        return new RateLimiter(permitsPerSecond, Duration.ofSeconds(1), TimeSource.system());
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
            long now = time.nanoTime();
            if (filled == permits) {
                long freeAt = grants[oldest] + windowNanos;
                if (now - freeAt < 0) {
                    return freeAt - now;
                }
            }
            record(now);
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
        return acquire(maxWait.toNanos(), () -> false, Long.MAX_VALUE);
    }

    /**
     * Waits for a permit until one is granted or {@code abandoned} turns true, checking it at least every
     * {@code checkEvery}: for callers whose need can end while they wait (a call that hit its deadline).
     *
     * @return the nanoseconds waited, or -1 when abandoned (nothing is taken)
     * @throws InterruptedException when interrupted while waiting (nothing is taken)
     */
    public long acquire(BooleanSupplier abandoned, Duration checkEvery) throws InterruptedException {
        return acquire(Long.MAX_VALUE, abandoned, Math.max(1, checkEvery.toNanos()));
    }

    private long acquire(long maxWaitNanos, BooleanSupplier abandoned, long sliceNanos)
            throws InterruptedException {
        long start = time.nanoTime();
        while (true) {
            long delay = tryAcquire();
            long waited = time.nanoTime() - start;
            if (delay == 0) {
                waitedNanos.addAndGet(waited);
                return waited;
            }
            if (waited > maxWaitNanos - delay || abandoned.getAsBoolean()) {
                return -1;
            }
            time.sleepNanos(Math.min(delay, sliceNanos));
        }
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

    private void record(long now) {
        grants[oldest] = now;
        oldest = (oldest + 1) % permits;
        if (filled < permits) {
            filled++;
        }
        granted.incrementAndGet();
        grantObserver.accept(now);
    }

    @Override
    public String toString() {
        return "RateLimiter{" + permits + " per " + Duration.ofNanos(windowNanos) + "}";
    }
}
