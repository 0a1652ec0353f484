package dev.kafkaconnect.trtc.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour to inject into one request. Latency and slow bodies delay an otherwise normal answer; the others
 * replace it: an error code (HTTP 200, as the service sends), a bare HTTP error status as a gateway would send,
 * a JSON body cut short, garbage in place of JSON, the connection closed mid-body, or closed with no answer.
 */
public final class Fault {
    /** What a fault does. */
    public enum Kind {
        /** Leave the request alone (a gap in a script). */
        NONE,
        /** Answer an error code. */
        ERROR,
        /** Answer a bare HTTP status (500, 502, 503...) with a non-JSON body. */
        HTTP_STATUS,
        /** Wait, then answer normally. */
        LATENCY,
        /** Answer normally but drip the body out in small chunks. */
        SLOW_BODY,
        /** A complete HTTP answer whose JSON body is cut off halfway. */
        TRUNCATED_JSON,
        /** A complete HTTP answer whose body is not valid JSON. */
        MALFORMED_JSON,
        /** Announce the full length, send half the body, close the connection. */
        TRUNCATED_BODY,
        /** Close the connection without an answer. */
        CONNECTION_RESET;

        /** Whether the fault answers in place of the server. */
        boolean replacesAnswer() {
            return this == ERROR || this == HTTP_STATUS || this == MALFORMED_JSON || this == CONNECTION_RESET;
        }

        /** Whether the fault changes how the server's own answer is sent. */
        boolean shapesBody() {
            return this == SLOW_BODY || cutsBody();
        }

        /** Whether the server's own answer arrives incomplete. */
        boolean cutsBody() {
            return this == TRUNCATED_JSON || this == TRUNCATED_BODY;
        }
    }

    private static final Fault NONE = new Fault(Kind.NONE, null, null, 0, Duration.ZERO, Duration.ZERO, 0);

    private final Kind kind;
    private final String code;
    private final String message;
    private final int httpStatus;
    private final Duration min;
    private final Duration max;
    private final int chunkBytes;

    private Fault(Kind kind, String code, String message, int httpStatus, Duration min, Duration max,
                  int chunkBytes) {
        this.kind = kind;
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
        this.min = min;
        this.max = max;
        this.chunkBytes = chunkBytes;
    }

    public static Fault none() {
        return NONE;
    }

    /** An error answer with a generic message, e.g. {@code error("InternalError")}. */
    public static Fault error(String code) {
        return error(code, "Simulated " + code + ".");
    }

    public static Fault error(String code, String message) {
        Objects.requireNonNull(code, "code");
        return new Fault(Kind.ERROR, code, message, 200, Duration.ZERO, Duration.ZERO, 0);
    }

    public static Fault httpStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not an error status");
        }
        return new Fault(Kind.HTTP_STATUS, null, null, status, Duration.ZERO, Duration.ZERO, 0);
    }

    public static Fault latency(Duration delay) {
        return latency(delay, delay);
    }

    /** A delay drawn uniformly from {@code [min, max]} (seeded). */
    public static Fault latency(Duration min, Duration max) {
        requireRange(min, max);
        return new Fault(Kind.LATENCY, null, null, 0, min, max, 0);
    }

    /** Sends the answer {@code chunkBytes} at a time with {@code pause} between chunks. */
    public static Fault slowBody(int chunkBytes, Duration pause) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1");
        }
        requireRange(pause, pause);
        return new Fault(Kind.SLOW_BODY, null, null, 0, pause, pause, chunkBytes);
    }

    public static Fault truncatedJson() {
        return new Fault(Kind.TRUNCATED_JSON, null, null, 0, Duration.ZERO, Duration.ZERO, 0);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, null, null, 0, Duration.ZERO, Duration.ZERO, 0);
    }

    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, null, null, 0, Duration.ZERO, Duration.ZERO, 0);
    }

    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, null, null, 0, Duration.ZERO, Duration.ZERO, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The error code of an {@link Kind#ERROR} fault. */
    public String code() {
        return code;
    }

    String message() {
        return message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    Duration minDelay() {
        return min;
    }

    Duration maxDelay() {
        return max;
    }

    int chunkBytes() {
        return chunkBytes;
    }

    /** The outcome counted for a request this fault answered in place of the server. */
    String outcome() {
        return switch (kind) {
            case ERROR -> code;
            case HTTP_STATUS -> "fault:http-" + httpStatus;
            default -> "fault:" + kind.name().toLowerCase().replace('_', '-');
        };
    }

    private static void requireRange(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delay range [" + min + ", " + max + "] is invalid");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ERROR -> "Fault{ERROR " + code + "}";
            case HTTP_STATUS -> "Fault{HTTP " + httpStatus + "}";
            case LATENCY -> "Fault{LATENCY " + min + ".." + max + "}";
            case SLOW_BODY -> "Fault{SLOW_BODY " + chunkBytes + " B per " + min + "}";
            default -> "Fault{" + kind + "}";
        };
    }
}
