package dev.kafkaconnect.trtc.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Turns an HTTP answer into a parsed value or the matching {@link TrtcApiException}. Errors arrive with HTTP 200
 * and an {@code Error} object; other statuses are mapped by status unless their body is a service error.
 */
final class Answers {
    private static final ResponseReader.BodyReader<Void> IGNORE_BODY = new ResponseReader.BodyReader<>() {
        @Override
        public boolean field(String name, com.fasterxml.jackson.core.JsonParser p) {
            return false;
        }

        @Override
        public Void result(String requestId) {
            return null;
        }
    };

    /** Longest {@code RequestId} kept (the service's are UUIDs). */
    private static final int MAX_REQUEST_ID = 64;

    private final String endpoint;
    private final long maxBytes;

    Answers(String endpoint, long maxBytes) {
        this.endpoint = endpoint;
        this.maxBytes = maxBytes;
    }

    /** The outcome of one send: a value or an error, and the body bytes read. */
    record Outcome<T>(T value, TrtcApiException error, long bytes) {
    }

    <T> Outcome<T> interpret(String action, Response response, ResponseReader.BodyReader<T> reader) {
        int status = response.code();
        ResponseBody body = response.body();
        LimitedInputStream in = new LimitedInputStream(body.byteStream(), maxBytes);
        try (InputStream closing = in) {
            if (status == 200) {
                ResponseReader.Answer<T> answer = ResponseReader.read(closing, reader);
                if (answer.failed()) {
                    return failed(ErrorCodes.serviceError(answer.errorCode(), answer.errorMessage(),
                            answer.requestId(), action, status), in);
                }
                return new Outcome<>(answer.value(), null, in.count());
            }
            if (status >= 300 && status < 400) {
                String location = response.header("Location");
                return failed(error(ErrorKind.REGION, action, status, "the endpoint answered HTTP " + status
                        + " redirecting to " + (location == null ? "nowhere" : ErrorCodes.oneLine(location, 200))
                        + "; redirects are not followed: set trtc.endpoint to the API's address", null), in);
            }
            TrtcApiException serviceError = serviceErrorIn(closing, action, status);
            return failed(serviceError != null ? serviceError : byStatus(action, status), in);
        } catch (LimitedInputStream.TooLargeException e) {
            return failed(error(ErrorKind.ANSWER_TOO_LARGE, action, status, e.getMessage()
                    + "; narrow the query (fewer users, metrics or a shorter window)", e), in);
        } catch (ShapeException e) {
            return failed(shapeError(action, status, e), in);
        } catch (IOException e) {
            return failed(transport(action, status, e, "the answer was cut off or malformed"), in);
        } catch (RuntimeException e) {
            return failed(error(ErrorKind.PROTOCOL, action, status, "the answer could not be read: " + e, e), in);
        }
    }

    /**
     * A shape error: names the action, the field path and the answer's {@code RequestId} if the parser met it
     * before the error (or says it was not reached, or that the answer had none).
     */
    static TrtcProtocolException shapeError(String action, int status, ShapeException e) {
        String requestId = e.requestId() == null ? null : ErrorCodes.oneLine(e.requestId(), MAX_REQUEST_ID);
        String which = requestId != null ? "RequestId " + requestId
                : e.wholeAnswerRead() ? "no RequestId" : "RequestId not reached before the error";
        String where = e.path().isEmpty() ? "" : " at " + e.path();
        String message = action + " failed: the answer (" + which + ") is not the documented shape" + where + ": "
                + e.problem() + "; check trtc.endpoint";
        return new TrtcProtocolException(ErrorKind.PROTOCOL, null, requestId, action, status, message, null,
                e.path());
    }

    /** The exception for a send that got no answer. */
    TrtcApiException noAnswer(String action, IOException e) {
        if (untrustedCertificate(e)) {
            // Not retried: the same certificate will be refused again; the endpoint (or a proxy) is wrong.
            return error(ErrorKind.REGION, action, 0, "the TLS certificate of " + endpoint + " is not trusted ("
                    + ErrorCodes.oneLine(String.valueOf(e.getMessage()), 200) + "); check trtc.endpoint and any"
                    + " TLS-intercepting proxy (certificates are always verified)", e);
        }
        String what = e instanceof SocketTimeoutException || e instanceof java.io.InterruptedIOException
                ? "no answer in time" : "the connection failed";
        return transport(action, 0, e, what);
    }

    private static boolean untrustedCertificate(IOException e) {
        if (e instanceof javax.net.ssl.SSLPeerUnverifiedException) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    private TrtcApiException transport(String action, int status, IOException e, String what) {
        String detail = e.getMessage() == null ? "" : ": " + ErrorCodes.oneLine(e.getMessage(), 200);
        return error(ErrorKind.TRANSPORT, action, status, what + " (" + e.getClass().getSimpleName() + detail
                + ") from " + endpoint + "; this is retried", e);
    }

    /** A service error in a non-200 body, or null when the body is not one. */
    private static TrtcApiException serviceErrorIn(InputStream in, String action, int status) {
        try {
            ResponseReader.Answer<Void> answer = ResponseReader.read(in, IGNORE_BODY);
            return answer.failed() ? ErrorCodes.serviceError(answer.errorCode(), answer.errorMessage(),
                    answer.requestId(), action, status) : null;
        } catch (IOException | ShapeException | RuntimeException e) {
            return null;
        }
    }

    private TrtcApiException byStatus(String action, int status) {
        if (status == 429) {
            return error(ErrorKind.THROTTLED, action, status, "HTTP 429: " + ErrorCodes.advice(ErrorKind.THROTTLED,
                    null), null);
        }
        if (status >= 500) {
            return error(ErrorKind.SERVER, action, status, "HTTP " + status + " from " + endpoint
                    + "; this is retried", null);
        }
        if (status == 408) {
            return error(ErrorKind.TRANSPORT, action, status, "HTTP 408 (request timeout) from " + endpoint
                    + "; this is retried", null);
        }
        if (status == 404 || status == 405) {
            return error(ErrorKind.REGION, action, status, "HTTP " + status + ": " + endpoint
                    + " does not serve the TRTC API; check trtc.endpoint", null);
        }
        if (status == 401 || status == 403) {
            return error(ErrorKind.ACCESS_DENIED, action, status, "HTTP " + status + " from " + endpoint
                    + ": access refused; check trtc.secret.id, trtc.secret.key and any proxy in between", null);
        }
        return error(ErrorKind.INVALID_REQUEST, action, status, "HTTP " + status + " from " + endpoint
                + ": the request was refused", null);
    }

    private static TrtcApiException error(ErrorKind kind, String action, int status, String message, Throwable cause) {
        return ErrorCodes.exception(kind, null, null, action, status, action + " failed: " + message, cause);
    }

    private static <T> Outcome<T> failed(TrtcApiException e, LimitedInputStream in) {
        return new Outcome<>(null, e, in.count());
    }
}
