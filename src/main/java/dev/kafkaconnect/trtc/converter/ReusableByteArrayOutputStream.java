package dev.kafkaconnect.trtc.converter;

import java.io.ByteArrayOutputStream;

/** A growable buffer kept across records, so steady-state encoding allocates only the result array. */
final class ReusableByteArrayOutputStream extends ByteArrayOutputStream {
    /** A buffer that grew past this while encoding an unusually large record is dropped rather than kept for good. */
    private static final int RETAINED_CAPACITY = 1 << 20;

    ReusableByteArrayOutputStream() {
        super(512);
    }

    @Override
    public synchronized void reset() {
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[512];
        }
        super.reset();
    }
}
