package dev.kafkaconnect.trtc.simulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests set and advance; thread-safe, so the server's threads see each change at once. The simulator's own
 * rather than Kafka's {@code MockTime}, which is in the kafka-clients test jar and not on the tools jar's class
 * path (see {@link SimulatorClock}).
 */
public final class MutableClock implements SimulatorClock {
    private final AtomicLong now;

    public MutableClock(long nowSeconds) {
        this.now = new AtomicLong(nowSeconds);
    }

    @Override
    public long nowSeconds() {
        return now.get();
    }

    public void set(long nowSeconds) {
        now.set(nowSeconds);
    }

    /** Moves the clock forward (or back, for a negative amount) and returns the new time. */
    public long advance(Duration amount) {
        return advanceSeconds(amount.toSeconds());
    }

    public long advanceSeconds(long seconds) {
        return now.addAndGet(seconds);
    }

    @Override
    public String toString() {
        return "MutableClock{" + now.get() + "}";
    }
}
