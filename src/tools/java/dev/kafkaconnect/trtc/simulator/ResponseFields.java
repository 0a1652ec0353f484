package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes an answer's fields inside {@code "Response": {...}}; the envelope adds {@code RequestId}. */
@FunctionalInterface
interface ResponseFields {
    void write(JsonGenerator g) throws IOException;

    static ResponseFields error(String code, String message) {
        return g -> {
            g.writeObjectFieldStart("Error");
            g.writeStringField("Code", code);
            g.writeStringField("Message", message);
            g.writeEndObject();
        };
    }
}
