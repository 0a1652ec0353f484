package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Numbers as the service writes them: integral values as {@code 0}, others as a plain decimal like {@code 108.09},
 * never in exponent form. Values of at most two decimals (all the simulator makes) take a fast path without
 * {@link BigDecimal}, as a maximal answer writes hundreds of thousands of them.
 */
final class JsonNumbers {
    private static final double MAX_EXACT = 1e13;

    private JsonNumbers() {
    }

    /** A value as a number, or (numbers as strings) as a string holding the same text. */
    static void write(JsonGenerator g, double v, boolean asString) throws IOException {
        if (asString) {
            g.writeString(format(v));
        } else {
            write(g, v);
        }
    }

    /** A whole-number field as a number, or (numbers as strings) as a string holding it. */
    static void field(JsonGenerator g, String name, long v, boolean asString) throws IOException {
        if (asString) {
            g.writeStringField(name, Long.toString(v));
        } else {
            g.writeNumberField(name, v);
        }
    }

    static void write(JsonGenerator g, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < MAX_EXACT) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(format(v));
        }
    }

    static String format(double v) {
        if (Math.abs(v) < MAX_EXACT) {
            if (v == Math.rint(v)) {
                return Long.toString((long) v);
            }
            long cents = Math.round(v * 100.0);
            if (cents / 100.0 == v) {
                long abs = Math.abs(cents);
                StringBuilder sb = new StringBuilder(16);
                if (cents < 0) {
                    sb.append('-');
                }
                sb.append(abs / 100).append('.');
                long frac = abs % 100;
                sb.append((char) ('0' + frac / 10));
                if (frac % 10 != 0) {
                    sb.append((char) ('0' + frac % 10));
                }
                return sb.toString();
            }
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
