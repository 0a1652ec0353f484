package dev.kafkaconnect.trtc.converter;

import org.apache.kafka.common.utils.ExponentialBackoff;

/**
 * Bounded retries with exponential backoff for registry calls: which failures are retried and how many times is
 * decided here, the delay is Kafka's {@link ExponentialBackoff} (multiplier 2, no jitter, as before). It is built
 * with twice the maximum and capped here, because at its own cap Kafka's term {@code initial * 2^log2(max / initial)}
 * rounds below the maximum in floating point (measured: 100 ms to 500 ms gives 499 ms). The sleeper is injectable
 * so tests check the schedule without waiting; unlike Kafka's {@code Time.sleep} it reports an interruption by
 * throwing, which ends the retries.
 */
final class RetryPolicy {
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    @FunctionalInterface
    interface Attempt<T> {
        /** One try; {@code attempt} counts from 0, so an implementation can fail over to another URL. */
        T run(int attempt);
    }

    private final int maxRetries;
    private final long maxBackoffMs;
    private final ExponentialBackoff backoff;
    private final Sleeper sleeper;

    RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoffMs);
        this.backoff = new ExponentialBackoff(initialBackoffMs, 2,
                this.maxBackoffMs > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : this.maxBackoffMs * 2, 0);
        this.sleeper = sleeper;
    }

    /** Backoff before retry number {@code retry} (1-based): doubles from the initial wait, capped. */
    long backoffMs(int retry) {
        return Math.min(backoff.backoff(Math.max(retry, 1) - 1L), maxBackoffMs);
    }

    /** Runs the attempt until it succeeds, fails permanently, or the retries are spent (the last failure is thrown). */
    <T> T call(Attempt<T> attempt) {
        for (int n = 0; ; n++) {
            try {
                return attempt.run(n);
            } catch (SchemaRegistryException e) {
                if (!e.retriable()) {
                    throw e;
                }
                if (n >= maxRetries) {
                    throw n == 0 ? e : new SchemaRegistryException(e.kind(), e.httpStatus(), e.errorCode(),
                            e.getMessage() + " (gave up after " + n + " retries)", e);
                }
                try {
                    sleeper.sleep(backoffMs(n + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    int maxRetries() {
        return maxRetries;
    }
}
