package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.CallsMode;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.ApiErrors;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;

/**
 * The optional live check at validation time: one user-list request (no DataType: the cheapest query) for the
 * first configured call over one minute (in discover mode, one room-list request over that minute), reporting a failure on the setting the user must change.
 */
final class CredentialCheck {
    private CredentialCheck() {
    }

    /** Errors by setting; empty when the request succeeded or failed for a reason no setting explains. */
    static Map<String, String> run(TrtcSourceConfig config, TrtcApiFactory factory, Time time) {
        List<CommId> calls = config.calls();
        boolean discover = config.callsMode() == CallsMode.DISCOVER;
        if (calls.isEmpty() && !discover) {
            return Map.of();
        }
        long end = Math.floorDiv(time.milliseconds(), 1000) - config.settleDelay().toSeconds();
        long start = Math.max(end - 60, end - config.lookback().toSeconds() + ServiceLookback.MARGIN_SECONDS);
        // In discover mode the room list is what the connector calls first, and needs no CommId.
        RoomListRequest rooms = new RoomListRequest(config.sdkAppId(), start, end, 0, 1);
        CallDetailRequest request = discover ? null : new CallDetailRequest(config.sdkAppId(), calls.get(0).value(),
                start, end, List.of(), List.of(), 0, 1);
        GenerationSwitch generation = new GenerationSwitch(config.generationMode());
        try (TrtcApi api = factory.create(config, 1, time)) {
            while (true) {
                ApiGeneration g = generation.current();
                try {
                    if (discover) {
                        api.roomListSync(g, rooms);
                    } else {
                        api.callDetailSync(g, request);
                    }
                    return Map.of();
                } catch (TrtcApiException e) {
                    if (e.kind() == ErrorKind.UNSUPPORTED_ACTION && generation.switchFrom(g)) {
                        continue;
                    }
                    return errorsFor(e);
                }
            }
        } catch (RuntimeException e) {
            return Map.of(TrtcSourceConfig.ENDPOINT, "could not check the credentials: " + e.getMessage());
        }
    }

    private static Map<String, String> errorsFor(TrtcApiException e) {
        String message = ApiErrors.describe(e);
        return switch (e.kind()) {
            case AUTH -> Map.of(TrtcSourceConfig.SECRET_ID, message, TrtcSourceConfig.SECRET_KEY, message);
            case ACCESS_DENIED -> Map.of(TrtcSourceConfig.SECRET_ID, message);
            case REGION -> Map.of(TrtcSourceConfig.REGION, message);
            case APPLICATION -> Map.of(TrtcSourceConfig.SDK_APP_ID, message);
            case UNSUPPORTED_ACTION -> Map.of(TrtcSourceConfig.API_GENERATION, message);
            case SIGNATURE_EXPIRED, TRANSPORT -> Map.of(TrtcSourceConfig.ENDPOINT, message);
            case CALL_NOT_FOUND -> Map.of(TrtcSourceConfig.COMM_IDS, message);
            default -> Map.of();
        };
    }
}
