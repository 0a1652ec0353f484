package dev.kafkaconnect.trtc.simulator;

import java.util.Locale;

/**
 * How a call-detail answer is malformed by {@link Faults#malform}: valid JSON, HTTP 200, a {@code RequestId}
 * (written last, as the service does), but not the documented shape, so a client must refuse it. The same query
 * gets the same malformed answer every time until the fault is lifted.
 */
public enum Malformation {
    /** The first point of {@code Data} has no {@code Time} (an extra series holds it if the answer has no point). */
    POINT_WITHOUT_TIME,
    /** {@code Total} is left out. */
    TOTAL_MISSING,
    /** {@code UserList} is a string instead of an array. */
    WRONG_TYPE;

    /** The command-line and outcome name, e.g. {@code point-without-time}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The malformation named {@code label} ({@code point-without-time}, {@code total-missing}, {@code wrong-type}). */
    public static Malformation ofLabel(String label) {
        for (Malformation m : values()) {
            if (m.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown malformation `" + label + "`; one of point-without-time, "
                + "total-missing, wrong-type");
    }

    /** The outcome {@link SimulatorStats} counts for an answer malformed this way. */
    String outcome() {
        return "fault:" + label();
    }
}
