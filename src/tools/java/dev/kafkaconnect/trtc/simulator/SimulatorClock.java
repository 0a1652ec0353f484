package dev.kafkaconnect.trtc.simulator;

/**
 * The simulator's "now", in unix seconds. It decides which calls exist, which users are still in a call, which
 * points are past the data delay, and whether a request's timestamp is fresh. Tests inject a {@link MutableClock}.
 *
 * <p>Kept instead of Kafka's {@code Time}/{@code MockTime}: the simulator runs from the tools jar, which has no
 * kafka-clients at run time (the connector gets it from the worker), and it only needs whole unix seconds. Tests
 * that run the connector against it share one "now" through the test adapter {@code connector.SimClock}.
 */
@FunctionalInterface
public interface SimulatorClock {
    long nowSeconds();

    /** The wall clock. */
    static SimulatorClock system() {
        return () -> System.currentTimeMillis() / 1000L;
    }
}
