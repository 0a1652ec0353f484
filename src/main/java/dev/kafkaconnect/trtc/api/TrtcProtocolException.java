package dev.kafkaconnect.trtc.api;

/** An answer that is not the documented shape, or too large ({@link ErrorKind#PROTOCOL}). */
public class TrtcProtocolException extends TrtcApiException {
    public TrtcProtocolException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
