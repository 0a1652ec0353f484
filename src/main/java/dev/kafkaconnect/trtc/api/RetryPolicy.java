package dev.kafkaconnect.trtc.api;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How the client retries a failed request: exponential backoff with full jitter (a delay drawn uniformly from
 * {@code [0, min(maxBackoff, initialBackoff * 2^(retry-1))]}), at most {@code maxAttempts} sends in all, and a
 * per-call deadline after which the call fails with its last error, so a stopping task is not held up.
 *
 * <p>The ceiling doubles in integers ({@link Doubling}), so it reaches the maximum exactly. The jitter is full
 * jitter over {@code [0, ceiling]} rather than Kafka's {@code term * [1 - j, 1 + j)} from {@code ThreadLocalRandom}:
 * it never waits longer than the ceiling, spreads the retries of calls that failed together the most, and is what
 * tests reproduce with a seeded generator.
 */
public final class RetryPolicy {
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(120);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxAttempts;
    private final Duration callDeadline;

    public RetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts, Duration callDeadline) {
        this.initialBackoff = positive(initialBackoff, "initial backoff");
        this.maxBackoff = positive(maxBackoff, "max backoff");
        this.callDeadline = positive(callDeadline, "call deadline");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retry max backoff (" + maxBackoff
                    + ") must not be below the initial backoff (" + initialBackoff + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry max attempts must be at least 1, got " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_CALL_DEADLINE);
    }

    /** Sends every request once, never retrying. */
    public static RetryPolicy noRetries(Duration callDeadline) {
        return new RetryPolicy(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, 1, callDeadline);
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration callDeadline() {
        return callDeadline;
    }

    /** The upper bound of the delay before retry number {@code retry} (1 for the first retry), in nanoseconds. */
    public long backoffCeilingNanos(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        }
        return Doubling.capped(initialBackoff.toNanos(), maxBackoff.toNanos(), retry - 1L);
    }

    /** A full-jitter delay before retry number {@code retry}, in nanoseconds. */
    public long backoffNanos(int retry, RandomGenerator random) {
        long ceiling = backoffCeilingNanos(retry);
        return random.nextLong(ceiling + 1);
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("retry " + what + " must be positive, got " + d);
        }
        return d;
    }

    @Override
    public String toString() {
        return "RetryPolicy{initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", maxAttempts=" + maxAttempts + ", callDeadline=" + callDeadline + "}";
    }
}
