package dev.kafkaconnect.trtc.simulator;

/**
 * The simulator's "now", in unix seconds. It decides which calls exist, which users are still in a call, which
 * points are past the data delay, and whether a request's timestamp is fresh. Tests inject a {@link MutableClock}.
 */
@FunctionalInterface
public interface SimulatorClock {
    long nowSeconds();

    /** The wall clock. */
    static SimulatorClock system() {
        return () -> System.currentTimeMillis() / 1000L;
    }
}
