package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes an answer's fields inside {@code "Response": {...}}; the envelope adds {@code RequestId}. */
@FunctionalInterface
interface ResponseFields {
    void write(JsonGenerator g) throws IOException;

    /** The outcome {@link SimulatorStats} counts for this answer: null for a normal answer (ok). */
    default String outcome() {
        return null;
    }

    /** These fields, counted as the given outcome (a malformed answer). */
    static ResponseFields counted(ResponseFields fields, String outcome) {
        return new ResponseFields() {
            @Override
            public void write(JsonGenerator g) throws IOException {
                fields.write(g);
            }

            @Override
            public String outcome() {
                return outcome;
            }
        };
    }

    static ResponseFields error(String code, String message) {
        return g -> {
            g.writeObjectFieldStart("Error");
            g.writeStringField("Code", code);
            g.writeStringField("Message", message);
            g.writeEndObject();
        };
    }
}
