package dev.kafkaconnect.trtc.api;

/** The service's request limit was exceeded ({@link ErrorKind#THROTTLED}); retriable. */
public class TrtcThrottledException extends TrtcApiException {
    public TrtcThrottledException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
