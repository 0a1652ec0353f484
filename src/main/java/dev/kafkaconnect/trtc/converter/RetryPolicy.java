package dev.kafkaconnect.trtc.converter;

/**
 * Bounded retries with exponential backoff for registry calls: which failures are retried and how many times is
 * decided here, the delay doubles from the initial one up to the maximum, without jitter. It is computed here, not
 * with Kafka's {@code ExponentialBackoff}: that class moved to an internal package in Kafka 4.4, so linking to it
 * fails on one side of that release, and in floating point its term at the cap rounds below the maximum. The
 * sleeper is injectable so tests check the schedule without waiting; unlike Kafka's {@code Time.sleep} it reports an interruption by
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
    private final long initialBackoffMs;
    private final Sleeper sleeper;

    RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoffMs);
        this.initialBackoffMs = Math.max(0, initialBackoffMs);
        this.sleeper = sleeper;
    }

    /** Backoff before retry number {@code retry} (1-based): doubles from the initial wait, capped. */
    long backoffMs(int retry) {
        long steps = Math.max(retry, 1) - 1L;
        if (initialBackoffMs == 0) {
            return 0;
        }
        // initial <= max >> steps implies initial << steps <= max: no overflow. Java shifts by steps mod 64.
        return steps >= 63 || initialBackoffMs > maxBackoffMs >> steps ? maxBackoffMs : initialBackoffMs << steps;
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
