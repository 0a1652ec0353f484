package dev.kafkaconnect.trtc.connector.read;

/**
 * A query window, unix seconds. The request asks for [start, end]; only points with start <= time < end are
 * emitted, since the service may treat either bound as inclusive: a point on the boundary of two adjacent windows
 * can come back twice and is emitted once, by the later window.
 */
public record Window(long start, long end) {
    public Window {
        if (end <= start) {
            throw new IllegalArgumentException("empty window [" + start + ", " + end + ")");
        }
    }

    boolean contains(long time) {
        return start <= time && time < end;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
