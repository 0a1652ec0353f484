package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Typed reads of the current token, lenient where the meaning is unambiguous, strict otherwise. */
final class JsonValues {
    private static final double MAX_EXACT_LONG = 0x1p63;

    private JsonValues() {
    }

    /** A string; numbers are taken as their text (ids sometimes arrive as numbers); null becomes "". */
    static String string(JsonParser p) throws IOException, ShapeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        throw expected("a string", t);
    }

    /** A whole number; a decimal is rounded down (the service may send {@code 1590065779.0}). */
    static long integer(JsonParser p) throws IOException, ShapeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new ShapeException("integer out of range: " + p.getText());
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (!(Math.abs(d) < MAX_EXACT_LONG)) {
                throw new ShapeException("integer out of range: " + p.getText());
            }
            return (long) Math.floor(d);
        }
        throw expected("an integer", t);
    }

    /** Like {@link #integer} but null gives {@code ifNull}. */
    static long integerOrNull(JsonParser p, long ifNull) throws IOException, ShapeException {
        return p.currentToken() == JsonToken.VALUE_NULL ? ifNull : integer(p);
    }

    /**
     * A measurement, exactly as sent: a decimal goes through the parser's double value (never float), so JSON
     * {@code 108.09} is the double {@code 108.09}. Callers handle null.
     */
    static double number(JsonParser p) throws IOException, ShapeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (Double.isInfinite(d)) {
                throw new ShapeException("number out of range: " + p.getText());
            }
            return d;
        }
        throw expected("a number", t);
    }

    /** A boolean; 0/1 are accepted, null is false. */
    static boolean bool(JsonParser p) throws IOException, ShapeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && (p.getIntValue() == 0 || p.getIntValue() == 1)) {
            return p.getIntValue() == 1;
        }
        throw expected("a boolean", t);
    }

    /** Positions on an array's first element; false when the value is null (an absent list). */
    static boolean startArray(JsonParser p) throws ShapeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_ARRAY) {
            throw expected("an array", t);
        }
        return true;
    }

    static void startObject(JsonParser p) throws ShapeException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw expected("an object", t);
        }
    }

    static ShapeException expected(String what, JsonToken got) {
        return new ShapeException("expected " + what + ", got " + describe(got));
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }
}
