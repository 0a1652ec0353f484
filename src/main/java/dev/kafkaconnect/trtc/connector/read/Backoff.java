package dev.kafkaconnect.trtc.connector.read;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential back-off with jitter: the n-th consecutive failure waits about initial * 2^(n-1), capped. */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
    }

    /** Milliseconds to wait after {@code failures} (at least 1) consecutive failures: half to all of the cap. */
    public long delayMillis(int failures) {
        int shift = Math.min(Math.max(failures, 1) - 1, 30);
        long cap = Math.min(maxMillis, initialMillis << shift);
        // Jitter spreads the retries of many calls (and tasks) that failed together.
        return cap / 2 + (long) (random.getAsDouble() * (cap - cap / 2));
    }
}
