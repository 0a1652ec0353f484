package dev.kafkaconnect.trtc.connector.service;

import dev.kafkaconnect.trtc.api.ApiCallListener;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import org.apache.kafka.common.utils.Time;

/** Makes the API client a task (or validation) uses; tests substitute their own. */
@FunctionalInterface
public interface TrtcApiFactory {
    /**
     * @param config     the settings (endpoint, credentials, timeouts, retries)
     * @param rateLimit  call-detail (and room-list) requests per second this client may send; each event stream's
     *                   action has its own rate, from {@link TrtcSourceConfig#eventActionRateLimits()}
     */
    TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time);

    /** A client that reports its requests to {@code listener} (metrics); clients that cannot ignore it. */
    default TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time, ApiCallListener listener) {
        return create(config, rateLimit, time);
    }
}
