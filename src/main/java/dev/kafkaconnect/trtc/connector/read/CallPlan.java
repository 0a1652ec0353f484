package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call's next window starts and how it is read: the cursor, from when its participant events reach back,
 * the window a restart resumes in, and the window length and page size the call's answers taught. Range lost to
 * the service's lookback is skipped here, counted and logged. {@link CallReader} asks it for the next window and
 * tells it when windows are dropped and planned again.
 */
final class CallPlan {
    private static final Logger log = LoggerFactory.getLogger(CallPlan.class);
    private static final long FROM_WINDOW_START = Long.MAX_VALUE;

    private final CommId id;
    private final WindowPlanner planner;
    private final TaskCounters counters;
    /** Start of the next window to plan. */
    private long cursor;
    /**
     * Participant events of the next window planned reach back to this time: {@link Long#MIN_VALUE} for the call's
     * first window, {@link #FROM_WINDOW_START} normally, the start of a range lost to the lookback after a jump.
     */
    private long eventsFrom;
    /** A restart inside a window: the first window to plan is exactly this one. */
    private CallPosition resume;
    /** Longest window of this call: shorter than the task's once an answer of it was too large. */
    private long maxWindow = Long.MAX_VALUE;
    /** Users a page of this call lists: fewer once an answer was too large (before windows are shortened). */
    private int pageSize = WindowRead.PAGE_SIZE;
    private boolean caughtUp;
    /** The next window is a trial of this length; 0 when it is not. */
    private long trialSeconds;
    /** The trial window's start, and the span the window it tries was asked for with; -1 when none is pending. */
    private long trialStart = -1;
    private long trialSpan;

    CallPlan(CommId id, CallPosition start, WindowPlanner planner, TaskCounters counters) {
        this.id = id;
        this.planner = planner;
        this.counters = counters;
        this.cursor = start.cursor();
        this.eventsFrom = start.first() ? Long.MIN_VALUE : FROM_WINDOW_START;
        this.resume = start.inWindow() ? start : null;
    }

    /** Start of the next window to plan. */
    long cursor() {
        return cursor;
    }

    /** Whether the call has caught up with the settle delay (it reads in near real time). */
    boolean caughtUp() {
        return caughtUp;
    }

    /** Whether the next window would start at or after {@code trtc.end} (after a jump over lost range, if due). */
    boolean atEnd(long now) {
        skipLostRange(now);
        return resume == null && planner.ended(cursor);
    }

    /**
     * The next window to read, or null while none is due: the window a restart resumes in, else the next one
     * from the cursor that has settled. Call {@link #atEnd} first.
     */
    WindowRead next(long now) {
        if (resume != null) {
            CallPosition r = resume;
            Window w = Window.resumed(r.cursor(), r.windowEnd(), planner.windowLength().seconds());
            if (r.cursor() < planner.floor(now)) {
                resume = null;
                return atEnd(now) ? null : next(now);
            }
            if (!planner.settled(w, now)) {
                return null;
            }
            resume = null;
            cursor = w.end();
            eventsFrom = FROM_WINDOW_START;
            return new WindowRead(w, r.first(), r.page(), r, planner.totals());
        }
        Window w = planner.next(cursor, now, trialSeconds > 0 ? Math.min(maxWindow, trialSeconds) : maxWindow);
        if (w == null) {
            if (!caughtUp) {
                caughtUp = true;
                counters.callLive(id.value(), cursor);
                log.info("Call {} caught up: read to {} (unix s), following {} behind now", id, cursor,
                        TrtcSourceConfig.SETTLE_DELAY_MS);
            }
            return null;
        }
        WindowRead read = new WindowRead(w, eventsFrom, 0, null, planner.totals(), pageSize);
        if (trialSeconds > 0) {
            trialStart = w.start();
            trialSeconds = 0;
        }
        cursor = w.end();
        eventsFrom = FROM_WINDOW_START;
        return read;
    }

    private void skipLostRange(long now) {
        if (resume != null) {
            return;
        }
        long floor = planner.floor(now);
        if (cursor < floor) {
            lookbackLoss(cursor, floor);
            eventsFrom = Math.min(eventsFrom, cursor);
            cursor = floor;
        }
    }

    private void lookbackLoss(long from, long to) {
        counters.lookbackLosses.incrementAndGet();
        counters.lostSeconds.addAndGet(to - from);
        log.warn("Call {}: samples from {} to {} (unix s) fell out of the service's lookback ({}) before they were "
                + "read and are lost; reading on from {}", id, from, to, TrtcSourceConfig.LOOKBACK_MS, to);
    }

    /**
     * The windows from {@code from} on were dropped: plan again from its start, with participant events reaching
     * back as far as its own did.
     */
    void again(WindowRead from) {
        resume = null;
        cursor = from.window().start();
        eventsFrom = from.eventsFrom();
    }

    /**
     * The service refused {@code from}'s start as too old, and the windows from it on were dropped: go on from
     * {@code floor}, the oldest start still served. Users who joined in the lost range are announced by the next
     * window; those before it were already.
     */
    void jump(WindowRead from, long floor) {
        resume = null;
        lookbackLoss(from.window().start(), floor);
        cursor = floor;
        eventsFrom = from.eventsFrom();
    }

    /**
     * Window {@code w}, asked for with span {@code span}, listed nobody where a user must be: its start is read
     * again in a window of {@code seconds} (call {@link #again} too).
     */
    void trial(long seconds, long span) {
        trialSeconds = seconds;
        trialSpan = span;
    }

    /** Whether {@code w} is a trial window (see {@link #trial}). */
    boolean isTrial(WindowRead w) {
        return trialStart == w.window().start() && trialSeconds == 0;
    }

    /**
     * The trial window {@code w} was read: when it listed a user, the service serves only windows shorter than
     * the span tried, which the task learns.
     */
    void trialRead(WindowRead w, boolean listedUsers) {
        if (!isTrial(w)) {
            return;
        }
        trialStart = -1;
        if (listedUsers) {
            planner.windowLength().refused(trialSpan, "an empty answer for a window a user was in");
        }
    }

    /** An answer was too large at one user a page: windows of at most {@code seconds} from now on. */
    void narrow(long seconds) {
        maxWindow = Math.min(maxWindow, seconds);
    }

    /** An answer was too large: later windows are read with at most {@code size} users a page. */
    void smallerPages(int size) {
        pageSize = Math.min(pageSize, size);
    }
}
