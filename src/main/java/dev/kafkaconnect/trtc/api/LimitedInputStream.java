package dev.kafkaconnect.trtc.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and fails once more than a limit arrive, whatever {@code Content-Length} claimed (it
 * counts after decompression, so a small compressed body cannot expand without bound).
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    /** Thrown when a body exceeds the limit; an answer of the wrong size, not a transport failure. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the answer exceeds the limit of " + limit + " bytes");
        }
    }

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws TooLargeException {
        count += n;
        if (count > limit) {
            throw new TooLargeException(limit);
        }
    }
}
