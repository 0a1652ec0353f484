package dev.kafkaconnect.trtc.connector.config;

import dev.kafkaconnect.trtc.api.ApiGeneration;

/** The {@code trtc.api.generation} setting. */
public enum GenerationMode {
    /** The seed's action first; the successor once the server says the seed's action is not served. */
    AUTO(ApiGeneration.SEED),
    SEED(ApiGeneration.SEED),
    SUCCESSOR(ApiGeneration.SUCCESSOR);

    private final ApiGeneration first;

    GenerationMode(ApiGeneration first) {
        this.first = first;
    }

    /** The generation to try first. */
    public ApiGeneration first() {
        return first;
    }
}
