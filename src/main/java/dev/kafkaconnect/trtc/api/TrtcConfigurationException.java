package dev.kafkaconnect.trtc.api;

/**
 * The connector's setup is wrong for this service: action, region, endpoint or application ({@link
 * ErrorKind#UNSUPPORTED_ACTION}, {@link ErrorKind#REGION}, {@link ErrorKind#APPLICATION}).
 */
public class TrtcConfigurationException extends TrtcApiException {
    public TrtcConfigurationException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
