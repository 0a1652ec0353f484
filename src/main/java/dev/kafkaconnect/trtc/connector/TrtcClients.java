package dev.kafkaconnect.trtc.connector;

import org.apache.kafka.connect.errors.ConnectException;

/** The production client for the connector's settings. */
final class TrtcClients {
    static final TrtcApiFactory FACTORY = (config, rateLimit, clock) -> {
        throw new ConnectException("no TRTC API client is available in this build");
    };

    private TrtcClients() {
    }
}
