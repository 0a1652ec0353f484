package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the API 3.0 envelope {@code {"Response": {..., "RequestId": "..."}}} from a stream, token by token, and
 * hands the action's own fields to a {@link BodyReader}. Nothing is materialised as a tree or a string.
 * The error object and the request id may come in any order, before or after the data.
 *
 * <p>Malformed or truncated JSON surfaces as an {@link IOException} (a transport failure); well-formed JSON of the
 * wrong shape as a {@link ShapeException}, which carries the {@code RequestId} if it came before the error.
 */
final class ResponseReader {

    /** Reads the fields of {@code Response} other than {@code Error} and {@code RequestId}. */
    interface BodyReader<T> {
        /** Called positioned on the field's value; must consume it entirely. False for an unknown field. */
        boolean field(String name, JsonParser p) throws IOException, ShapeException;

        /** The result once the envelope is complete and carried no error. */
        T result(String requestId) throws ShapeException;
    }

    /** What an answer held: a value, or the service's error. */
    record Answer<T>(T value, String errorCode, String errorMessage, String requestId) {
        boolean failed() {
            return errorCode != null;
        }
    }

    private ResponseReader() {
    }

    static <T> Answer<T> read(InputStream in, BodyReader<T> body) throws IOException, ShapeException {
        try (JsonParser p = RequestBodies.JSON.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new EOFException("empty response body");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ShapeException("the answer is not a JSON object");
            }
            Answer<T> answer = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals("Response")) {
                    try {
                        answer = readResponse(p, body);
                    } catch (ShapeException e) {
                        throw e.at("Response");
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new ShapeException("content after the answer's JSON object")
                        .afterWholeAnswer(answer == null ? null : answer.requestId());
            }
            if (answer == null) {
                throw new ShapeException("the answer has no Response object");
            }
            return answer;
        }
    }

    private static <T> Answer<T> readResponse(JsonParser p, BodyReader<T> body) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String requestId = null;
        String code = null;
        String message = null;
        boolean error = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "RequestId" -> requestId = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : JsonValues.string(p);
                    case "Error" -> {
                        if (p.currentToken() != JsonToken.VALUE_NULL) {
                            error = true;
                            String[] codeAndMessage = readError(p);
                            code = codeAndMessage[0];
                            message = codeAndMessage[1];
                        }
                    }
                    default -> {
                        if (!body.field(name, p)) {
                            p.skipChildren();
                        }
                    }
                }
            } catch (ShapeException e) {
                // The id is known here only if it came before the bad field; it is not looked for further on.
                throw e.at(name).seenRequestId(requestId);
            }
        }
        if (error) {
            if (code == null || code.isBlank()) {
                throw new ShapeException("Error has no Code").at("Error").afterWholeAnswer(requestId);
            }
            return new Answer<>(null, code, message, blankToNull(requestId));
        }
        if (requestId == null || requestId.isBlank()) {
            throw new ShapeException("RequestId is missing").afterWholeAnswer(null);
        }
        try {
            return new Answer<>(body.result(requestId), null, null, requestId);
        } catch (ShapeException e) {
            throw e.afterWholeAnswer(requestId);
        }
    }

    private static String[] readError(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String code = null;
        String message = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "Code" -> code = JsonValues.string(p);
                    case "Message" -> message = JsonValues.string(p);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        return new String[] {code, message};
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
