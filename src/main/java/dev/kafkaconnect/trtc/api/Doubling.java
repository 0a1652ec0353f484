package dev.kafkaconnect.trtc.api;

/**
 * The ceiling of an exponential backoff with multiplier 2: {@code min(max, initial * 2^steps)}, in integers.
 * Kafka's {@code ExponentialBackoff} is not used: it moved to an internal package in Kafka 4.4
 * ({@code org.apache.kafka.common.utils.internals}), so a plugin linking to it fails on one side of that release
 * with {@code NoClassDefFoundError}; and in floating point its term at the cap rounds below the maximum.
 */
public final class Doubling {
    private Doubling() {
    }

    /** {@code min(max, initial * 2^steps)} without overflow; {@code initial} and {@code max} are positive. */
    public static long capped(long initial, long max, long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative, got " + steps);
        }
        // initial <= max >> steps implies initial << steps <= max: no overflow. Java shifts by steps mod 64.
        return steps >= 63 || initial > max >> steps ? max : initial << steps;
    }
}
