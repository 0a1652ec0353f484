package dev.kafkaconnect.trtc.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A call-detail answer of any size produced on the fly, so a test can stream ten megabytes without holding them.
 * Values alternate between integers and two-decimal numbers.
 */
final class GeneratedAnswer extends InputStream {
    private static final byte[] HEAD = ("{\"Response\":{\"Total\":1,\"UserList\":null,\"Data\":[{\"UserId\":\"u1\","
            + "\"PeerId\":\"\",\"DataType\":\"aBit\",\"Content\":[").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "]}],\"RequestId\":\"big\"}}".getBytes(StandardCharsets.US_ASCII);

    private final int points;
    private int next;
    private final byte[] point = new byte[64];
    private byte[] chunk = HEAD;
    private int chunkLength = HEAD.length;
    private int pos;
    private boolean tailSent;
    private long produced;

    GeneratedAnswer(int points) {
        this.points = points;
    }

    static long time(int i) {
        return 1_590_065_779L + 2L * i;
    }

    static String valueText(int i) {
        return i % 2 == 0 ? Integer.toString(i) : i + ".09";
    }

    long produced() {
        return produced;
    }

    /** Writes point {@code i} into the reusable buffer without allocating; returns its length. */
    private int formatPoint(int i) {
        int n = 0;
        if (i > 0) {
            point[n++] = ',';
        }
        n = put(n, "{\"Time\":");
        n = putLong(n, time(i));
        n = put(n, ",\"Value\":");
        n = putLong(n, i);
        if (i % 2 != 0) {
            n = put(n, ".09");
        }
        point[n++] = '}';
        return n;
    }

    private int put(int n, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            point[n++] = (byte) ascii.charAt(k);
        }
        return n;
    }

    private int putLong(int n, long v) {
        int start = n;
        do {
            point[n++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int a = start, b = n - 1; a < b; a++, b--) {
            byte t = point[a];
            point[a] = point[b];
            point[b] = t;
        }
        return n;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos == chunkLength) {
            if (next < points) {
                chunk = point;
                chunkLength = formatPoint(next);
                next++;
            } else if (!tailSent) {
                chunk = TAIL;
                chunkLength = TAIL.length;
                tailSent = true;
            } else {
                return -1;
            }
            pos = 0;
        }
        int n = Math.min(len, chunkLength - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        produced += n;
        return n;
    }
}
