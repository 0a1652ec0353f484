package dev.kafkaconnect.trtc.converter;

import java.math.BigDecimal;

/**
 * The last record written with one {@link RecordLayout}: the object each field held and that field's bytes, so the
 * next record copies the bytes of every field holding the very same object instead of encoding it again. A source
 * connector's records come in long runs that share most of their field objects (application, call, room, user,
 * metric: everything but the time and the measurement), and a key is often the same struct for a whole run.
 *
 * <p>Only objects whose encoding cannot change are kept: null and Java's immutable strings, boxed numbers and
 * decimals. Under one layout the Avro schema of each field is fixed, so the same such object always encodes to the
 * same bytes; a {@code Date}, a {@code BigDecimal} subclass, an array, a list, a map or a struct may have been
 * changed since, so it is always encoded. A record that fails halfway is forgotten: the next one is encoded whole.
 * Records over {@link #MAX_BYTES} are not kept. Not thread-safe: one per layout, used under the converter's codec
 * lock, for top-level records only (a layout is then never in use twice at once).
 */
final class LastRecord {
    static final int MAX_BYTES = 2048;
    /** Stands for a value that is not kept: no field value is ever this object. */
    private static final Object NOT_KEPT = new Object();

    /** Per field, the object it held; kept up to date while a record is written (see {@link #forget()}). */
    private final Object[] values;
    /** Per field, where its encoding ends in {@link #bytes}. */
    private int[] ends;
    private byte[] bytes = new byte[0];
    private boolean present;
    // Where each field of the record being written ends; swapped with ends once the record is complete.
    private int[] nextEnds;

    LastRecord(int fields) {
        values = new Object[fields];
        ends = new int[fields];
        nextEnds = new int[fields];
    }

    /** Whether field {@code i} holds what it held in the last record, so its bytes may be copied from it. */
    boolean repeats(int i, Object value) {
        return present && value == values[i];
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

    /** Notes where field {@code i} of the record being written ends, counted from the record's start. */
    void ends(int i, int end) {
        nextEnds[i] = end;
    }

    /** Notes that field {@code i} of the record being written, now ending at {@code end}, was encoded from this value. */
    void wrote(int i, Object value, int end) {
        values[i] = immutable(value) ? value : NOT_KEPT;
        nextEnds[i] = end;
    }

    /**
     * The record being written is complete: its bytes are {@code length} bytes of {@code buf} from {@code from}, of
     * which the first {@code same} were copied from the last record's (the run of fields before the first change).
     */
    void complete(byte[] buf, int from, int same, int length) {
        if (length > MAX_BYTES) {
            forget();
            return;
        }
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, 2 * bytes.length)];
            same = 0;
        }
        System.arraycopy(buf, from + same, bytes, same, length - same);
        int[] e = ends;
        ends = nextEnds;
        nextEnds = e;
        present = true;
    }

    /** The record being written failed: the values noted so far no longer match the bytes kept. */
    void forget() {
        present = false;
    }

    private static boolean immutable(Object value) {
        return value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Integer || value instanceof Boolean || value instanceof Float
                || value instanceof Short || value instanceof Byte || value.getClass() == BigDecimal.class;
    }
}
