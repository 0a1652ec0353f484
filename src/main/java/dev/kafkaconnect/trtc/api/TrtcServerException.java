package dev.kafkaconnect.trtc.api;

/** The service failed internally or is unavailable ({@link ErrorKind#SERVER}); retriable. */
public class TrtcServerException extends TrtcApiException {
    public TrtcServerException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
