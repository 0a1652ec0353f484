package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import dev.kafkaconnect.trtc.connector.service.WindowLength;

/**
 * Decides the next window of a call. The plan is the minimum the API allows: windows as long as the service
 * accepts (an hour with DataType set, or the shorter length the task has learnt), back to back from the cursor, each
 * ending at least the settle delay before now so the service has all its data; a call being caught up gets full
 * windows, a live call a new window once a poll interval of new settled time exists. A window is a second shorter
 * than the span the service accepts, since it is asked for from a second before its start (see {@link Window}).
 * All times are unix seconds.
 */
public final class WindowPlanner {
    /** Longest window the API serves with DataType set. */
    public static final long MAX_WINDOW = CallDetailRequest.MAX_WINDOW_SECONDS;

    private final long settleDelay;
    private final long pollInterval;
    private final ServiceLookback lookback;
    private final WindowLength windowLength = new WindowLength(MAX_WINDOW, "This task", "call-detail");
    private final TotalReading totals = new TotalReading();
    private final long end;

    /** @param end where reading stops, or {@link Long#MAX_VALUE} */
    public WindowPlanner(long settleDelay, long pollInterval, ServiceLookback lookback, long end) {
        this.settleDelay = settleDelay;
        this.pollInterval = Math.min(Math.max(1, pollInterval), MAX_WINDOW);
        this.lookback = lookback;
        this.end = end;
    }

    WindowPlanner(long settleDelay, long pollInterval, long lookback, long end) {
        this(settleDelay, pollInterval, new ServiceLookback(lookback), end);
    }

    public static WindowPlanner of(TrtcSourceConfig config) {
        return new WindowPlanner(config.settleDelay().toSeconds(), config.pollInterval().toSeconds(),
                config.lookback().toSeconds(),
                config.end() == null ? Long.MAX_VALUE : config.end().getEpochSecond());
    }

    /** The oldest start still safe to query at {@code now}. */
    public long floor(long now) {
        return lookback.floor(now);
    }

    public long lookbackSeconds() {
        return lookback.seconds();
    }

    /** The longest window the service accepts, as the task has learnt it; shared by the task's calls. */
    public WindowLength windowLength() {
        return windowLength;
    }

    /** The service's lookback as the task knows it; shared by the task's calls. */
    public ServiceLookback lookback() {
        return lookback;
    }

    /** What call-detail answers' {@code Total} counts, as the task has learnt it; shared by the task's calls. */
    public TotalReading totals() {
        return totals;
    }

    /** Whether reading stops at {@code cursor} ({@code trtc.end} reached). */
    boolean ended(long cursor) {
        return cursor >= end;
    }

    /** The next window from {@code cursor}, or null when none is due yet at {@code now}. */
    Window next(long cursor, long now) {
        return next(cursor, now, Long.MAX_VALUE);
    }

    /**
     * The next window from {@code cursor} of at most {@code callMaxWindow} seconds (a call whose answers were too
     * large at the task's length), or null when none is due yet at {@code now}.
     */
    Window next(long cursor, long now, long callMaxWindow) {
        if (ended(cursor)) {
            return null;
        }
        long limit = Math.min(now - settleDelay, end);
        long length = Math.min(windowLength.seconds() - 1, callMaxWindow);
        long windowEnd = Math.min(cursor + length, limit);
        if (windowEnd <= cursor) {
            return null;
        }
        boolean full = windowEnd == cursor + length || windowEnd == end;
        if (!full && windowEnd - cursor < pollInterval) {
            return null;
        }
        return new Window(cursor, windowEnd);
    }

    /** A window that is resumed as it was recorded, once it has settled. */
    boolean settled(Window window, long now) {
        return window.end() <= now - settleDelay;
    }
}
