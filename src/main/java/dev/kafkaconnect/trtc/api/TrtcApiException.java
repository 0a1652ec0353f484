package dev.kafkaconnect.trtc.api;

/**
 * A failed API call. Carries the service's {@code Code} (null for transport failures), the {@code RequestId}
 * (null when none was received), the action and the HTTP status (0 when no answer). The message tells the user
 * what to fix and never contains credentials or the server's free-text {@code Message} verbatim beyond one line.
 */
public class TrtcApiException extends RuntimeException {
    private final ErrorKind kind;
    private final String code;
    private final String requestId;
    private final String action;
    private final int httpStatus;

    public TrtcApiException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
                            String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.requestId = requestId;
        this.action = action;
        this.httpStatus = httpStatus;
    }

    public ErrorKind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind.retriable();
    }

    /** The service's error code, e.g. {@code AuthFailure.SignatureFailure}; null for transport failures. */
    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public String action() {
        return action;
    }

    /** HTTP status of the answer, 0 when none arrived. */
    public int httpStatus() {
        return httpStatus;
    }
}
