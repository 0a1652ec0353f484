package dev.kafkaconnect.trtc.connector.read;

/**
 * A query window, unix seconds: only points with start <= time < end are emitted. The request asks for
 * [requestStart, end], {@code requestStart} a second before {@code start}: the documentation does not say whether
 * {@code StartTime} is inclusive, and a service that treats it as exclusive would otherwise never return the points
 * at {@code start}. A point a service returns at {@code requestStart} or at {@code end} lies outside the window and
 * is dropped (it belongs to the window before or after), so a point on the boundary of two adjacent windows is
 * emitted once whichever bounds the service includes.
 *
 * @param requestStart the {@code StartTime} sent: {@code start - 1}, or {@code start} for a window resumed from an
 *                     offset that is too long to be asked for a second earlier (see {@link #resumed})
 */
public record Window(long start, long end, long requestStart) {
    public Window {
        if (end <= start) {
            throw new IllegalArgumentException("empty window [" + start + ", " + end + ")");
        }
        if (requestStart != start && requestStart != start - 1) {
            throw new IllegalArgumentException("window [" + start + ", " + end + ") asked for from " + requestStart);
        }
    }

    /** A window asked for from a second before its start. */
    public Window(long start, long end) {
        this(start, end, start - 1);
    }

    /**
     * The window [start, end) that a committed offset names, asked for so that the service accepts it: from a second
     * before its start when that span ({@code EndTime - StartTime}) is at most {@code maxRequestSpan}, else from its
     * start. An offset may name a window of the full limit (written by a version that asked for windows from their
     * start, or by hand through the offsets API); asked for a second earlier it would be refused as too long and read
     * again in shorter windows, repeating the records of it delivered before the restart. From its start, a service
     * with an exclusive {@code StartTime} leaves out the points at exactly {@code start} of that one window.
     */
    static Window resumed(long start, long end, long maxRequestSpan) {
        return new Window(start, end, end - (start - 1) <= maxRequestSpan ? start - 1 : start);
    }

    /** {@code EndTime - StartTime} of the request: what the service measures against its window limit. */
    long requestSpan() {
        return end - requestStart;
    }

    boolean contains(long time) {
        return start <= time && time < end;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
