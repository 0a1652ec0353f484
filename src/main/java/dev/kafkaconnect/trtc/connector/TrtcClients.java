package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.RetryPolicy;
import dev.kafkaconnect.trtc.api.TrtcApiClient;
import dev.kafkaconnect.trtc.api.TrtcClientConfig;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;

/** The production client for the connector's settings. */
final class TrtcClients {
    static final TrtcApiFactory FACTORY = TrtcClients::create;

    private TrtcClients() {
    }

    static TrtcApiClient create(TrtcSourceConfig config, int rateLimit, Clock clock) {
        Password token = config.token();
        Duration timeout = config.requestTimeout();
        int attempts = config.retryMaxAttempts();
        // The client's own retries are quick; the task backs a call off for longer once they are spent. The
        // deadline lets every attempt run to its timeout, with room for the quick back-offs between them.
        Duration deadline = timeout.plus(RetryPolicy.DEFAULT_MAX_BACKOFF).multipliedBy(attempts);
        try {
            return new TrtcApiClient(TrtcClientConfig.builder()
                    .endpoint(config.endpoint().toString())
                    .region(config.region())
                    .credentials(config.secretId(), config.secretKey().value())
                    .token(token == null ? null : token.value())
                    .connectTimeout(config.connectTimeout())
                    .readTimeout(timeout)
                    .callTimeout(timeout)
                    .maxInFlight(Math.min(config.maxInFlight(), TrtcClientConfig.MAX_IN_FLIGHT_LIMIT))
                    .retryPolicy(new RetryPolicy(RetryPolicy.DEFAULT_INITIAL_BACKOFF, RetryPolicy.DEFAULT_MAX_BACKOFF,
                            attempts, deadline))
                    .clock(clock)
                    .rateLimitPerSecond(rateLimit)
                    .build());
        } catch (IllegalArgumentException e) {
            // The client's messages name the setting and never echo secrets.
            throw new ConnectException("Invalid TRTC client settings: " + e.getMessage());
        }
    }
}
