package dev.kafkaconnect.trtc.api;

/**
 * No complete answer: timeout, reset, refused connection, truncated or malformed body ({@link
 * ErrorKind#TRANSPORT}).
 */
public class TrtcTransportException extends TrtcApiException {
    public TrtcTransportException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        super(kind, code, requestId, action, httpStatus, message, cause);
    }
}
