package dev.kafkaconnect.trtc.converter;

import java.util.Arrays;
import org.apache.avro.io.BinaryData;
import org.apache.avro.io.BinaryEncoder;

/**
 * An Avro binary encoder writing straight into one growable array it keeps across records: a record is framed,
 * encoded and copied out once, with no intermediate buffer to flush and no locking stream. Numbers are encoded by
 * Avro's own {@link BinaryData} routines (what its buffered encoder uses), so the bytes are Avro's. Not
 * thread-safe: one per converter, used under its codec lock.
 */
final class RecordEncoder extends BinaryEncoder {
    private static final int INITIAL_CAPACITY = 512;
    /** A buffer that grew past this for an unusually large record is dropped rather than kept for good. */
    private static final int RETAINED_CAPACITY = 1 << 20;
    /** The most bytes one number can take (a zig-zag long: 10; a double: 8). */
    private static final int MAX_NUMBER_BYTES = 10;

    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int pos;

    /** Starts a new record, discarding whatever the last one (complete or failed halfway) left. */
    void reset() {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        pos = 0;
    }

    /** The bytes written since {@link #reset()}. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The array written into; valid until the next write, which may replace it. */
    byte[] array() {
        return buf;
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    @Override
    public void writeBoolean(boolean b) {
        ensure(1);
        pos += BinaryData.encodeBoolean(b, buf, pos);
    }

    @Override
    public void writeInt(int n) {
        ensure(MAX_NUMBER_BYTES);
        pos += BinaryData.encodeInt(n, buf, pos);
    }

    @Override
    public void writeLong(long n) {
        ensure(MAX_NUMBER_BYTES);
        pos += BinaryData.encodeLong(n, buf, pos);
    }

    @Override
    public void writeFloat(float f) {
        ensure(MAX_NUMBER_BYTES);
        pos += BinaryData.encodeFloat(f, buf, pos);
    }

    @Override
    public void writeDouble(double d) {
        ensure(MAX_NUMBER_BYTES);
        pos += BinaryData.encodeDouble(d, buf, pos);
    }

    @Override
    public void writeFixed(byte[] bytes, int start, int len) {
        ensure(len);
        System.arraycopy(bytes, start, buf, pos, len);
        pos += len;
    }

    @Override
    protected void writeZero() {
        writeByte(0);
    }

    @Override
    public int bytesBuffered() {
        return pos;
    }

    @Override
    public void flush() {
        // Nothing to flush: the array is the destination.
    }

    private void ensure(int n) {
        if (buf.length - pos < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
