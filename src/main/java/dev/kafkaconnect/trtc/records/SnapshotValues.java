package dev.kafkaconnect.trtc.records;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric values of one QualitySnapshot: one user, one direction, one instant. Metrics the schema has a field for
 * sit in a slot each (a primitive array, no map, no boxing until the record is built); others are kept by name for
 * the {@code otherMetrics} map. Meant to be reused row after row: {@link #clear()} touches only what was set.
 * Not thread-safe.
 */
public final class SnapshotValues {
    /** The metrics with a field in QualitySnapshot, in slot order: the seed's 13, then the successor's 4. */
    public static final List<String> KNOWN = Metrics.served(ApiGeneration.SUCCESSOR);
    /** The slot of a metric the schema has no field for. */
    public static final int OTHER = -1;
    private static final Map<String, Integer> SLOTS = slots();

    private final double[] values = new double[KNOWN.size()];
    /** Bit {@code i} set: slot {@code i} holds a value. */
    private int present;
    private String[] otherNames = new String[2];
    private double[] otherValues = new double[2];
    private int others;

    static {
        if (KNOWN.size() > Integer.SIZE) {
            throw new IllegalStateException("more known metrics than bits in the presence mask");
        }
    }

    /** The slot of a DataType, or {@link #OTHER}; look it up once per series, not per point. */
    public static int slot(String dataType) {
        Integer slot = dataType == null ? null : SLOTS.get(dataType);
        return slot == null ? OTHER : slot;
    }

    /** Sets a known metric's value unless it already has one in this row; returns whether it was set. */
    public boolean put(int slot, double value) {
        int bit = 1 << slot;
        if ((present & bit) != 0) {
            return false;
        }
        present |= bit;
        values[slot] = value;
        return true;
    }

    /** Sets a metric without a field unless it already has a value in this row; returns whether it was set. */
    public boolean putOther(String dataType, double value) {
        if (dataType == null) {
            throw new IllegalArgumentException("a metric without a DataType cannot be named in otherMetrics");
        }
        for (int i = 0; i < others; i++) {
            if (otherNames[i].equals(dataType)) {
                return false;
            }
        }
        if (others == otherNames.length) {
            otherNames = Arrays.copyOf(otherNames, others * 2);
            otherValues = Arrays.copyOf(otherValues, others * 2);
        }
        otherNames[others] = dataType;
        otherValues[others++] = value;
        return true;
    }

    public boolean has(int slot) {
        return (present & (1 << slot)) != 0;
    }

    /** The value of a slot; meaningful only when {@link #has(int)}. */
    public double get(int slot) {
        return values[slot];
    }

    /** Bit {@code i} set: slot {@code i} holds a value. */
    int presentMask() {
        return present;
    }

    public int otherCount() {
        return others;
    }

    public String otherName(int i) {
        return otherNames[i];
    }

    public double otherValue(int i) {
        return otherValues[i];
    }

    public boolean isEmpty() {
        return present == 0 && others == 0;
    }

    public void clear() {
        present = 0;
        for (int i = 0; i < others; i++) {
            otherNames[i] = null;
        }
        others = 0;
    }

    private static Map<String, Integer> slots() {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < KNOWN.size(); i++) {
            slots.put(KNOWN.get(i), i);
        }
        return Map.copyOf(slots);
    }
}
