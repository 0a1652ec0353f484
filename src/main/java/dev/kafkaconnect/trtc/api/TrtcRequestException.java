package dev.kafkaconnect.trtc.api;

/**
 * The service refused this request: start too old, unknown call, or a parameter it rejects ({@link
 * ErrorKind#START_TOO_OLD}, {@link ErrorKind#CALL_NOT_FOUND}, {@link ErrorKind#INVALID_REQUEST}).
 */
public class TrtcRequestException extends TrtcApiException {
    public TrtcRequestException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
