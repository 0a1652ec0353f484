package dev.kafkaconnect.trtc.converter;

/**
 * A schema registry call that failed, with what kind of failure it was so the converter can tell data problems
 * (permanent) from an unreachable or overloaded registry (retriable).
 */
public class SchemaRegistryException extends RuntimeException {
    public enum Kind {
        /** 409: the schema breaks the subject's compatibility rule. */
        INCOMPATIBLE(false),
        /** 401/403: missing, wrong or insufficient credentials. */
        UNAUTHORIZED(false),
        /** 404: subject, version, schema or id unknown to the registry. */
        NOT_FOUND(false),
        /** The TLS handshake failed: the registry's certificate is not trusted or does not match its host. */
        TLS(false),
        /** 422 and other 4xx: the registry refused the request or the schema as invalid. */
        REJECTED(false),
        /** Network failure, timeout, 408/429 or 5xx after the configured retries. */
        UNAVAILABLE(true);

        private final boolean retriable;

        Kind(boolean retriable) {
            this.retriable = retriable;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(Kind kind, int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status of the registry's answer; 0 when there was none (network failure). */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 40401 subject not found, 40403 schema not found); 0 when absent. */
    public int errorCode() {
        return errorCode;
    }

    public boolean retriable() {
        return kind.retriable;
    }

    static Kind kindOf(int status) {
        if (status == 409) {
            return Kind.INCOMPATIBLE;
        }
        if (status == 401 || status == 403) {
            return Kind.UNAUTHORIZED;
        }
        if (status == 404) {
            return Kind.NOT_FOUND;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Kind.UNAVAILABLE;
        }
        return Kind.REJECTED;
    }
}
