package dev.kafkaconnect.trtc.converter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.Encoder;

/**
 * The Avro encoding (length, then UTF-8) of recently written strings, so a string written again costs one copy
 * instead of a {@code getBytes} and its garbage. A source connector writes the same few strings over and over
 * (application, call, room, user, metric names shared by every record of a series), usually as the very same
 * objects.
 *
 * <p>Bounded: a table of {@link #SLOTS} entries where each string may sit in one of two slots, picked by two
 * functions of its hash; a new string takes a free one of its two, else replaces the occupant of its second.
 * Two slots per string, not one: a few dozen strings in 256 slots always include some pairs sharing a slot (e.g.
 * {@code user0} and {@code bigvEncFps}), and with one slot each such pair written alternately, as one record's
 * user and metric are, missed on every record. Strings longer than {@link #MAX_CHARS} are never kept. The bytes are exactly what
 * {@link org.apache.avro.io.BinaryEncoder#writeString(String)} writes (which also encodes with
 * {@code getBytes(UTF_8)}). Not thread-safe: one per writer, used under the converter's codec lock.
 */
final class EncodedStrings {
    static final int SLOTS = 256;
    static final int MAX_CHARS = 128;

    private final String[] strings = new String[SLOTS];
    private final byte[][] encoded = new byte[SLOTS][];
    /** Strings encoded because no slot held them; for tests. */
    private long misses;

    void write(String s, Encoder out) throws IOException {
        if (s.length() > MAX_CHARS) {
            out.writeString(s);
            return;
        }
        int hash = s.hashCode();
        int first = hash & (SLOTS - 1);
        // The top bits of a multiplicative hash: independent enough of the low bits the first slot uses.
        int second = (hash * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(SLOTS));
        int slot;
        // Identity is the common case; an equal copy (a connector building its strings per record) hits as well.
        if (holds(first, s)) {
            slot = first;
        } else if (holds(second, s)) {
            slot = second;
        } else {
            slot = strings[first] == null ? first : second;
            strings[slot] = s;
            encoded[slot] = encode(s);
            misses++;
        }
        byte[] bytes = encoded[slot];
        out.writeFixed(bytes, 0, bytes.length);
    }

    private boolean holds(int slot, String s) {
        String cached = strings[slot];
        return cached == s || s.equals(cached);
    }

    long misses() {
        return misses;
    }

    private static byte[] encode(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        byte[] length = new byte[5];
        int prefix = BinaryData.encodeInt(utf8.length, length, 0);
        byte[] bytes = new byte[prefix + utf8.length];
        System.arraycopy(length, 0, bytes, 0, prefix);
        System.arraycopy(utf8, 0, bytes, prefix, utf8.length);
        return bytes;
    }
}
