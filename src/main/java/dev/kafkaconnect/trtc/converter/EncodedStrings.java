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
 * <p>Bounded: a direct-mapped table of {@link #SLOTS} entries by the string's hash, each entry replaced by the next
 * string that maps to its slot; strings longer than {@link #MAX_CHARS} are never kept. The bytes are exactly what
 * {@link org.apache.avro.io.BinaryEncoder#writeString(String)} writes (which also encodes with
 * {@code getBytes(UTF_8)}). Not thread-safe: one per writer, used under the converter's codec lock.
 */
final class EncodedStrings {
    static final int SLOTS = 256;
    static final int MAX_CHARS = 128;

    private final String[] strings = new String[SLOTS];
    private final byte[][] encoded = new byte[SLOTS][];

    void write(String s, Encoder out) throws IOException {
        if (s.length() > MAX_CHARS) {
            out.writeString(s);
            return;
        }
        int slot = s.hashCode() & (SLOTS - 1);
        String cached = strings[slot];
        byte[] bytes;
        // Identity is the common case; an equal copy (a connector building its strings per record) hits as well.
        if (cached == s || s.equals(cached)) {
            bytes = encoded[slot];
        } else {
            bytes = encode(s);
            strings[slot] = s;
            encoded[slot] = bytes;
        }
        out.writeFixed(bytes, 0, bytes.length);
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
