package dev.kafkaconnect.trtc.connector.service;

import dev.kafkaconnect.trtc.api.ApiCallListener;
import dev.kafkaconnect.trtc.api.RateLimiter;
import dev.kafkaconnect.trtc.api.RetryPolicy;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.TrtcApiClient;
import dev.kafkaconnect.trtc.api.TrtcClientConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;

/** The production client for the connector's settings. */
public final class TrtcClients {
    public static final TrtcApiFactory FACTORY = new TrtcApiFactory() {
        @Override
        public TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time) {
            return TrtcClients.create(config, rateLimit, time);
        }

        @Override
        public TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time, ApiCallListener listener) {
            return TrtcClients.create(config, rateLimit, time, listener);
        }
    };
    /**
     * The task's limiter allows its share of requests in any window this long. The service counts requests as
     * they arrive; the limiter times them as they are written to their connection (see {@link TrtcApiClient}), so
     * what lies between is the network's one-way delay, and only its variation can push a share's worth of
     * requests into one second at the service. 40 ms covers that variation on an established connection (a few
     * milliseconds on a healthy path; under 5 ms for a client alone on loopback, see docs/performance.md "API budget") and
     * costs under 4 % of the budget (50 ms held a task under the 95 % it should reach); a rarer longer delay (a lost packet's retransmission) can cost one throttled request, which the
     * client retries.
     */
    static final Duration RATE_WINDOW = Duration.ofMillis(1040);

    private TrtcClients() {
    }

    public static TrtcApiClient create(TrtcSourceConfig config, int rateLimit, Time time) {
        return create(config, rateLimit, time, ApiCallListener.NOOP);
    }

    static TrtcApiClient create(TrtcSourceConfig config, int rateLimit, Time time, ApiCallListener listener) {
        return create(config, limiter(rateLimit), time, listener);
    }

    /** The limiter a task's client gets for its share of the budget. */
    public static RateLimiter limiter(int rateLimit) {
        // Paced: a share's requests go out evenly spread rather than in bursts, which vary in arrival time more.
        return new RateLimiter(rateLimit, RATE_WINDOW, Time.SYSTEM, true);
    }

    /**
     * A client whose call-detail (and room-list) requests pass {@code limiter} (tests observe its grants); each
     * action of {@link TrtcSourceConfig#eventActionRateLimits()} passes a limiter of its own at its rate.
     */
    public static TrtcApiClient create(TrtcSourceConfig config, RateLimiter limiter, Time time) {
        return create(config, limiter, time, ApiCallListener.NOOP);
    }

    private static TrtcApiClient create(TrtcSourceConfig config, RateLimiter limiter, Time time,
                                        ApiCallListener listener) {
        Password token = config.token();
        Duration timeout = config.requestTimeout();
        int attempts = config.retryMaxAttempts();
        // The client's own retries are quick; the task backs a call off for longer once they are spent. The
        // deadline lets every attempt run to its timeout, with room for the quick back-offs between them.
        Duration deadline = timeout.plus(RetryPolicy.DEFAULT_MAX_BACKOFF).multipliedBy(attempts);
        try {
            TrtcClientConfig.Builder builder = TrtcClientConfig.builder();
            // Each event stream's action has its own budget at the service: its own limiter at the task's share
            // keeps its requests from waiting for, or spending, the call-detail budget.
            config.eventActionRateLimits().forEach((action, rate) -> builder.rateLimiter(action, limiter(rate)));
            return new TrtcApiClient(builder
                    .endpoint(config.endpoint().toString())
                    .region(config.region())
                    .credentials(config.secretId(), config.secretKey().value())
                    .token(token == null ? null : token.value())
                    .connectTimeout(config.connectTimeout())
                    .readTimeout(timeout)
                    .callTimeout(timeout)
                    // Each action's requests have their own bound of trtc.max.in.flight in the task: the client
                    // has room for all of them, so a stream never waits for a slot the samples hold.
                    .maxInFlight(Math.min(config.maxInFlight() * (1 + config.eventActionRateLimits().size()),
                            TrtcClientConfig.MAX_IN_FLIGHT_LIMIT))
                    .maxResponseBytes(config.maxAnswerBytes())
                    .retryPolicy(new RetryPolicy(RetryPolicy.DEFAULT_INITIAL_BACKOFF, RetryPolicy.DEFAULT_MAX_BACKOFF,
                            attempts, deadline))
                    .time(time)
                    .listener(listener)
                    .rateLimiter(limiter)
                    .build());
        } catch (IllegalArgumentException e) {
            // The client's messages name the setting and never echo secrets.
            throw new ConnectException("Invalid TRTC client settings: " + e.getMessage());
        }
    }
}
