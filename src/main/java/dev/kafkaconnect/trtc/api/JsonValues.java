package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of the current token, lenient where the meaning is unambiguous, strict otherwise.
 *
 * <p>A number may also arrive as a JSON string holding one ({@code "12"}, {@code "108.09"}, {@code "1e3"}): the
 * service's own documentation types several parameters as String, and an implementation written from it may
 * send its numbers that way. The string, trimmed, must be a JSON number (no {@code NaN}, {@code Infinity}, hex,
 * {@code +}, or Java's {@code d}/{@code f} suffixes) of at most {@value #MAX_NUMBER_CHARS} characters; for an
 * integer field it must be a whole number exactly ({@code "12.0"} and {@code "1e3"} are, {@code "12.5"} is not).
 * A real JSON number takes the same path as before, with no allocation.
 */
final class JsonValues {
    private static final double MAX_EXACT_LONG = 0x1p63;
    /** Longest numeric string read; anything longer is no number a field of this API holds. */
    static final int MAX_NUMBER_CHARS = 64;
    /** Longest excerpt of a refused value quoted in a message. */
    private static final int MAX_QUOTED = 24;

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
        if (t == JsonToken.VALUE_STRING) {
            return integerIn(p.getText());
        }
        throw expected("an integer", t);
    }

    /** The whole number a string holds, exactly; see the class comment. */
    static long integerIn(String text) throws ShapeException {
        String s = numberText(text, "an integer");
        if (isPlainInteger(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new ShapeException("integer out of range: " + quote(text));
            }
        }
        try {
            return new BigDecimal(s).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new ShapeException("expected an integer, got the string " + quote(text)
                    + " (not a whole number in range)");
        }
    }

    /** A whole number that fits an Integer field (the service's {@code Integer} is 32 bits); see {@link #integer}. */
    static int int32(JsonParser p) throws IOException, ShapeException {
        long n = integer(p);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new ShapeException("not a 32-bit integer: " + n);
        }
        return (int) n;
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
        if (t == JsonToken.VALUE_STRING) {
            return numberIn(p.getText());
        }
        throw expected("a number", t);
    }

    /** The number a string holds, read as {@link Double#parseDouble} reads it; see the class comment. */
    static double numberIn(String text) throws ShapeException {
        double d = Double.parseDouble(numberText(text, "a number"));
        if (Double.isInfinite(d)) {
            throw new ShapeException("number out of range: " + quote(text));
        }
        return d;
    }

    /**
     * A boolean; 0/1 are accepted, null is false, and so are the strings {@code "true"}/{@code "false"} and
     * {@code "1"}/{@code "0"} (trimmed, lower case only): they cannot mean anything else.
     */
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
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().strip();
            if (s.equals("true") || s.equals("1")) {
                return true;
            }
            if (s.equals("false") || s.equals("0")) {
                return false;
            }
            throw new ShapeException("expected a boolean, got the string " + quote(p.getText()));
        }
        throw expected("a boolean", t);
    }

    /** The trimmed text when it is a JSON number, else a shape error saying what was expected. */
    private static String numberText(String text, String what) throws ShapeException {
        String s = text.strip();
        if (s.length() > MAX_NUMBER_CHARS || !isJsonNumber(s)) {
            throw new ShapeException("expected " + what + ", got the string " + quote(text));
        }
        return s;
    }

    /** RFC 8259's number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isJsonNumber(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int from = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int from = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == from) {
                return false;
            }
        }
        return i == n;
    }

    /** A JSON number without fraction or exponent (Long.parseLong reads it, or it is out of range). */
    private static boolean isPlainInteger(String s) {
        for (int i = s.startsWith("-") ? 1 : 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A refused value for a message: quoted, one line, cut short. */
    static String quote(String text) {
        return "\"" + ErrorCodes.oneLine(text, MAX_QUOTED) + "\"";
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

    /** Reads one element of an array, positioned on it; must consume it entirely. */
    interface Element<T> {
        T read(JsonParser p) throws IOException, ShapeException;
    }

    /**
     * The elements of an array (empty for null), each read by {@code element}; a shape error names the element's
     * index.
     */
    static <T> List<T> list(JsonParser p, Element<T> element) throws IOException, ShapeException {
        if (!startArray(p)) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                out.add(element.read(p));
            } catch (ShapeException e) {
                throw e.at("[" + out.size() + "]");
            }
        }
        return out;
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
