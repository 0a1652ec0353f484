package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Puts answers on the wire: {@code {"Response":{...,"RequestId":...}}} streamed straight to the socket, or, when a
 * fault shapes the body (slow, cut short), rendered first and then sent as the fault says.
 */
final class AnswerWriter {
    private static final JsonFactory JSON = JsonFactory.builder().build()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final byte[] MALFORMED = ("{\"Response\":{\"Total\":1,\"UserList\":[{\"RoomStr\":\"218695\","
            + "\"UserId\":\"1716\",,\"JoinTs\":}]\"RequestId\"").getBytes(StandardCharsets.UTF_8);

    private AnswerWriter() {
    }

    /** Streams a normal answer with chunked transfer encoding: nothing is buffered beyond 64 KiB. */
    static void stream(HttpExchange ex, ResponseFields fields) throws IOException {
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 64 * 1024)) {
            write(out, fields);
        }
    }

    /** Sends an answer shaped by a body fault (slow body, truncated JSON, truncated body). */
    static void shaped(HttpExchange ex, ResponseFields fields, Fault fault) throws IOException, InterruptedException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
        write(buf, fields);
        byte[] body = buf.toByteArray();
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        switch (fault.kind()) {
            case SLOW_BODY -> {
                ex.sendResponseHeaders(200, body.length);
                OutputStream out = ex.getResponseBody();
                long pauseMillis = fault.minDelay().toMillis();
                for (int off = 0; off < body.length; off += fault.chunkBytes()) {
                    out.write(body, off, Math.min(fault.chunkBytes(), body.length - off));
                    out.flush();
                    if (off + fault.chunkBytes() < body.length) {
                        Thread.sleep(pauseMillis);
                    }
                }
                out.close();
            }
            case TRUNCATED_JSON -> {
                int cut = Math.max(1, body.length / 2);
                ex.sendResponseHeaders(200, cut);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body, 0, cut);
                }
            }
            case TRUNCATED_BODY -> {
                // Announce every byte, send half: closing the exchange then drops the connection.
                ex.sendResponseHeaders(200, body.length);
                OutputStream out = ex.getResponseBody();
                out.write(body, 0, Math.max(1, body.length / 2));
                out.flush();
            }
            default -> throw new IllegalArgumentException("not a body fault: " + fault);
        }
    }

    /** Answers in place of the server, as a fault says. */
    static void replace(HttpExchange ex, Fault fault) throws IOException {
        switch (fault.kind()) {
            case ERROR -> stream(ex, ResponseFields.error(fault.code(), fault.message()));
            case HTTP_STATUS -> {
                byte[] html = ("<html><head><title>" + fault.httpStatus() + "</title></head><body><center><h1>"
                        + fault.httpStatus() + "</h1></center><hr><center>stgw</center></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "text/html");
                ex.sendResponseHeaders(fault.httpStatus(), html.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(html);
                }
            }
            case MALFORMED_JSON -> {
                ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                ex.sendResponseHeaders(200, MALFORMED.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(MALFORMED);
                }
            }
            // Closing an exchange before any header was sent closes the connection.
            case CONNECTION_RESET -> ex.close();
            default -> throw new IllegalArgumentException("not a replacing fault: " + fault);
        }
    }

    static void pause(Duration d) throws InterruptedException {
        if (!d.isZero()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    }

    static void write(OutputStream out, ResponseFields fields) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("Response");
            fields.write(g);
            g.writeStringField("RequestId", UUID.randomUUID().toString());
            g.writeEndObject();
            g.writeEndObject();
        }
    }
}
