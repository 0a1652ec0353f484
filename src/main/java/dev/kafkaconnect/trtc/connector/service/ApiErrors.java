package dev.kafkaconnect.trtc.connector.service;

import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.List;

/** Turns API failures the user must fix into messages that name the setting to check. */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** The settings a failure of this kind points at; empty when no setting is to blame. */
    static List<String> settings(ErrorKind kind) {
        return switch (kind) {
            case AUTH -> List.of(TrtcSourceConfig.SECRET_ID, TrtcSourceConfig.SECRET_KEY, TrtcSourceConfig.TOKEN);
            case ACCESS_DENIED -> List.of(TrtcSourceConfig.SECRET_ID);
            case REGION -> List.of(TrtcSourceConfig.REGION);
            case APPLICATION -> List.of(TrtcSourceConfig.SDK_APP_ID);
            case UNSUPPORTED_ACTION -> List.of(TrtcSourceConfig.API_GENERATION);
            case TRANSPORT -> List.of(TrtcSourceConfig.ENDPOINT);
            case START_TOO_OLD -> List.of(TrtcSourceConfig.LOOKBACK_MS);
            default -> List.of();
        };
    }

    /** One line for the user: what TRTC said (code and RequestId, never credentials) and what to check. */
    public static String describe(TrtcApiException e) {
        String what = switch (e.kind()) {
            case AUTH -> "TRTC rejected the credentials";
            case SIGNATURE_EXPIRED -> "TRTC rejected the request time (the worker's clock is more than 5 minutes"
                    + " off): fix the worker's clock (NTP)";
            case ACCESS_DENIED -> "TRTC denied access (the key lacks permission for the action, or the worker's"
                    + " IP is not allowed)";
            case REGION -> "TRTC does not serve the region";
            case APPLICATION -> "TRTC does not know the application";
            case UNSUPPORTED_ACTION -> "TRTC does not serve the action " + e.action();
            case CALL_NOT_FOUND -> "TRTC does not know the call";
            case START_TOO_OLD -> "TRTC no longer serves that time range";
            case INVALID_REQUEST -> "TRTC refused a request parameter";
            default -> "TRTC request failed";
        };
        StringBuilder sb = new StringBuilder(what).append(" (");
        sb.append(e.code() != null ? e.code() : e.kind().name());
        if (e.requestId() != null) {
            sb.append(", RequestId ").append(e.requestId());
        }
        sb.append(')');
        List<String> settings = settings(e.kind());
        if (!settings.isEmpty()) {
            sb.append(": check ").append(String.join(" / ", settings));
        }
        return sb.toString();
    }
}
