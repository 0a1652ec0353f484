package dev.kafkaconnect.trtc.api;

/**
 * Hooks for metrics: the connector counts requests by action and outcome, latency, bytes and throttling.
 * Methods are called from client threads and must be quick; exceptions they throw are ignored.
 */
public interface ApiCallListener {
    ApiCallListener NOOP = new ApiCallListener() { };

    /** A request (first send or retry) is about to be sent. */
    default void onRequest(String action) {
    }

    /**
     * A send finished.
     *
     * @param kind null on success, otherwise what went wrong
     * @param code the service's error code, or null
     * @param bytes response body bytes read
     */
    default void onResponse(String action, ErrorKind kind, String code, long latencyNanos, long bytes) {
    }

    /** A failed send will be retried after {@code delayNanos}; {@code attempt} is the number of the next send. */
    default void onRetry(String action, int attempt, ErrorKind kind, long delayNanos) {
    }

    /** A send waited this long for the shared rate limiter. */
    default void onThrottleWait(long nanos) {
    }

    /**
     * A send of {@code action} waited this long for its rate limiter (each action's limiter may be its own, see
     * {@link TrtcClientConfig#rateLimiter(String)}); by default reported to {@link #onThrottleWait(long)}.
     */
    default void onThrottleWait(String action, long nanos) {
        onThrottleWait(nanos);
    }
}
