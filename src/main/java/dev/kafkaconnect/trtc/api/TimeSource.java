package dev.kafkaconnect.trtc.api;

import java.util.concurrent.TimeUnit;

/**
 * Monotonic time and waiting, injectable so that rate limiting and deadlines can be tested without real sleeps.
 * A fake implementation advances its time when asked to sleep.
 */
public interface TimeSource {

    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** Waits about {@code nanos} nanoseconds; must be interruptible. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** The JVM's monotonic clock and real sleeping. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /** The system time source. */
    enum SystemTimeSource implements TimeSource {
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        }
    }
}
