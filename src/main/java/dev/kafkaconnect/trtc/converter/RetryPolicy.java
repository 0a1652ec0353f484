package dev.kafkaconnect.trtc.converter;

/**
 * Bounded retries with exponential backoff for registry calls. The sleeper is injectable so tests check the schedule
 * without waiting.
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
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final Sleeper sleeper;

    RetryPolicy(int maxRetries, long initialBackoffMs, long maxBackoffMs, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoffMs);
        this.sleeper = sleeper;
    }

    /** Backoff before retry number {@code retry} (1-based): doubles from the initial wait, capped. */
    long backoffMs(int retry) {
        long backoff = initialBackoffMs;
        for (int i = 1; i < retry && backoff < maxBackoffMs; i++) {
            backoff *= 2;
        }
        return Math.min(backoff, maxBackoffMs);
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
