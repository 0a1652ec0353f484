package dev.kafkaconnect.trtc.connector.service;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.GenerationMode;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API generation a task calls. In {@code auto} mode it starts with the seed's action and moves to the
 * successor, once and for good, when the server says the seed's action is not served.
 */
public final class GenerationSwitch {
    private static final Logger log = LoggerFactory.getLogger(GenerationSwitch.class);

    private final GenerationMode mode;
    private volatile ApiGeneration current;

    public GenerationSwitch(GenerationMode mode) {
        this.mode = mode;
        this.current = mode.first();
    }

    public ApiGeneration current() {
        return current;
    }

    /**
     * A request made with {@code failed} was answered "action not served". Returns true when the request should be
     * sent again with {@link #current()}; false when no other generation is left to try.
     */
    public synchronized boolean switchFrom(ApiGeneration failed) {
        if (mode != GenerationMode.AUTO || failed != ApiGeneration.SEED) {
            return false;
        }
        if (current == ApiGeneration.SEED) {
            current = ApiGeneration.SUCCESSOR;
            log.info("TRTC does not serve {}; using {} from now on ({}=auto)", ApiGeneration.SEED.callDetailAction(),
                    ApiGeneration.SUCCESSOR.callDetailAction(), TrtcSourceConfig.API_GENERATION);
        }
        return true;
    }
}
