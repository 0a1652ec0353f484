package dev.kafkaconnect.trtc.converter;

import java.math.BigDecimal;

/**
 * The last record written with one {@link RecordLayout}: the object each field held and that field's bytes, so the
 * next record copies the bytes of every field holding the very same object instead of encoding it again. A source
 * connector's records come in long runs that share most of their field objects (application, call, room, user,
 * metric: everything but the time and the measurement), and a key is often the same struct for a whole run.
 *
 * <p>Only objects whose encoding cannot change are matched: null and Java's immutable strings, boxed numbers and
 * decimals. Under one layout the Avro schema of each field is fixed, so the same such object always encodes to the
 * same bytes; a {@code Date}, an array, a list, a map or a struct may have been changed since, so it is always
 * encoded. A record is remembered only once it is written whole, so a failure halfway keeps the previous one.
 * Records over {@link #MAX_BYTES} are not kept. Not thread-safe: one per layout, used under the converter's codec
 * lock, for top-level records only (a layout is then never in use twice at once).
 */
final class LastRecord {
    static final int MAX_BYTES = 2048;

    private Object[] values;
    /** Per field, where its encoding ends in {@link #bytes}. */
    private int[] ends;
    private byte[] bytes = new byte[0];
    private boolean present;
    // The record being written; swapped with the above once it is complete.
    private Object[] nextValues;
    private int[] nextEnds;

    LastRecord(int fields) {
        values = new Object[fields];
        ends = new int[fields];
        nextValues = new Object[fields];
        nextEnds = new int[fields];
    }

    /** Whether field {@code i} holds what it held in the last record, so its bytes may be copied from it. */
    boolean repeats(int i, Object value) {
        return present && value == values[i] && immutable(value);
    }

    /** Where field {@code i}'s bytes start in the last record. */
    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int end(int i) {
        return ends[i];
    }

    byte[] bytes() {
        return bytes;
    }

    /** Notes field {@code i} of the record being written: its value and where its bytes end, from the record's start. */
    void wrote(int i, Object value, int end) {
        nextValues[i] = value;
        nextEnds[i] = end;
    }

    /** The record being written is complete: its bytes are {@code length} bytes of {@code buf} from {@code from}. */
    void complete(byte[] buf, int from, int length) {
        if (length > MAX_BYTES) {
            present = false;
            return;
        }
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
        }
        System.arraycopy(buf, from, bytes, 0, length);
        Object[] v = values;
        values = nextValues;
        nextValues = v;
        int[] e = ends;
        ends = nextEnds;
        nextEnds = e;
        present = true;
    }

    private static boolean immutable(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Integer || value instanceof Boolean || value instanceof Float
                || value instanceof Short || value instanceof Byte || value.getClass() == BigDecimal.class;
    }
}
