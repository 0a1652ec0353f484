package dev.kafkaconnect.trtc.api;

/**
 * Credentials, signature or permissions were refused ({@link ErrorKind#AUTH}, {@link ErrorKind#SIGNATURE_EXPIRED},
 * {@link ErrorKind#ACCESS_DENIED}).
 */
public class TrtcAuthException extends TrtcApiException {
    public TrtcAuthException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
