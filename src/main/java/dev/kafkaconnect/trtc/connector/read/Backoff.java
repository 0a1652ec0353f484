package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.Doubling;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with jitter: the n-th consecutive failure waits about initial * 2^(n-1), capped.
 *
 * <p>The cap doubles in integers ({@link Doubling}), so it reaches the maximum exactly. The jitter is drawn from half
 * to all of the cap, not as Kafka's {@code ExponentialBackoff} does: Kafka's draws {@code term * [1 - j, 1 + j)} and clamps at {@code trtc.retry.backoff.max.ms}, so
 * below the maximum a wait can exceed its cap, and at the maximum every draw above it collapses onto the maximum
 * (with j = 0.5, half of them): the calls and tasks that failed together would retry together again, which is
 * what the jitter is for. Equal jitter keeps them spread over {@code [cap/2, cap]} and never waits longer than the
 * cap; the injected random makes the draws testable (Kafka's uses {@code ThreadLocalRandom}).
 */
public final class Backoff {
    private final long maxMillis;
    private final long initialMillis;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    /** Milliseconds to wait after {@code failures} (at least 1) consecutive failures: half to all of the cap. */
    public long delayMillis(int failures) {
        long cap = Doubling.capped(initialMillis, maxMillis, Math.max(failures, 1) - 1L);
        // Jitter spreads the retries of many calls (and tasks) that failed together.
        return cap / 2 + (long) (random.getAsDouble() * (cap - cap / 2));
    }
}
