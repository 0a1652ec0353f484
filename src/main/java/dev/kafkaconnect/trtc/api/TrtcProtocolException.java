package dev.kafkaconnect.trtc.api;

/**
 * An answer that is not the documented shape, or too large ({@link ErrorKind#PROTOCOL}). For a shape error the
 * message names the action, the field path ({@link #fieldPath()}) and the answer's {@code RequestId} when the
 * parser met it before the error ({@link #requestId()}); it quotes at most a short excerpt of a refused value and
 * never the request or credentials.
 */
public class TrtcProtocolException extends TrtcApiException {
    private final String fieldPath;

    public TrtcProtocolException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause) {
        this(kind, code, requestId, action, httpStatus, message, cause, null);
    }

    public TrtcProtocolException(ErrorKind kind, String code, String requestId, String action, int httpStatus,
            String message, Throwable cause, String fieldPath) {
        super(kind, code, requestId, action, httpStatus, message, cause);
        this.fieldPath = fieldPath;
    }

    /**
     * Where in the answer the shape broke, e.g. {@code Response.Data[0].Content[3]} (a missing field is named in
     * the message) or {@code Response.Total}; "" for the answer as a whole; null when the failure was no shape
     * error (an answer over the size limit, an unreadable one).
     */
    public String fieldPath() {
        return fieldPath;
    }

    /** Whether this is a shape error: the same answer would be refused the same way again. */
    public boolean shapeError() {
        return fieldPath != null;
    }
}
