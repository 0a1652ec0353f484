package dev.kafkaconnect.trtc.connector.read;

/**
 * A stream's run of consecutive failed requests within one call: how many, since when, and when the request that
 * failed last may be sent again. The back-off grows with the run and the unknown-error allowance counts from its
 * start ({@link FailurePolicy}); an answer or a skipped range ends it.
 */
final class ConsecutiveFailures {
    private int count;
    private long sinceMillis = Long.MAX_VALUE;
    private long retryAtMillis;

    /** A request failed at {@code nowMillis}: the run goes on (or starts). */
    void failed(long nowMillis) {
        sinceMillis = Math.min(sinceMillis, nowMillis);
    }

    /** The failed request is sent again at {@code atMillis}. */
    void retryAt(long atMillis) {
        count++;
        retryAtMillis = atMillis;
    }

    /** Whether requests may be sent at {@code nowMillis}. */
    boolean due(long nowMillis) {
        return nowMillis >= retryAtMillis;
    }

    int count() {
        return count;
    }

    long sinceMillis() {
        return sinceMillis;
    }

    void reset() {
        count = 0;
        sinceMillis = Long.MAX_VALUE;
        retryAtMillis = 0;
    }
}
