package dev.kafkaconnect.trtc.connector.service;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The longest query window the service accepts, as a reader knows it: the documented limit until the service
 * refuses a window as too long ({@code InvalidParameter.QueryScaleOversize}). The documentation does not say how the
 * limit is counted: {@code EndTime - StartTime} at most the limit, or the seconds covered with both bounds
 * inclusive, which refuses a window of exactly the limit. So the first refusal of a full window shortens it to just
 * under the limit; a further refusal halves it, down to {@link #MINIMUM}. It only ever shrinks, and the shortest
 * accepted length serves every call of the reader.
 *
 * <p>One instance serves all the calls of a task (or call discovery), for its life; a new task learns it again
 * with one refused request.
 */
public final class WindowLength {
    private static final Logger log = LoggerFactory.getLogger(WindowLength.class);

    /** Shortest window worth asking for: a service that refuses a minute is not refusing a window length. */
    public static final long MINIMUM = 60;

    private final long documented;
    /** Who reads with these windows, for the warning: "This task", "Call discovery". */
    private final String reader;
    private final String action;
    private final AtomicLong seconds;

    /**
     * @param documentedSeconds the documented limit (the first length asked for)
     * @param reader            who reads, for the warning
     * @param action            what is read, for the warning
     */
    public WindowLength(long documentedSeconds, String reader, String action) {
        if (documentedSeconds < MINIMUM) {
            throw new IllegalArgumentException("window limit below " + MINIMUM + " s: " + documentedSeconds);
        }
        this.documented = documentedSeconds;
        this.reader = reader;
        this.action = action;
        this.seconds = new AtomicLong(documentedSeconds);
    }

    /** The longest window to ask for now, in seconds. */
    public long seconds() {
        return seconds.get();
    }

    /**
     * The service refused a window of {@code refusedSeconds} as too long: shortens the windows asked for from now
     * on (unless an earlier refusal already did) and warns once per shortening with the length learnt.
     *
     * @return false when the refused window was already {@link #MINIMUM} or shorter: no shorter window is worth
     *         asking for, the refusal is about something else
     */
    public boolean refused(long refusedSeconds) {
        return refused(refusedSeconds, "QueryScaleOversize");
    }

    /** As {@link #refused(long)}, for a refusal shown by {@code how} (for the warning). */
    public boolean refused(long refusedSeconds, String how) {
        if (refusedSeconds <= MINIMUM) {
            return false;
        }
        long shorter = refusedSeconds >= documented ? documented - 1 : Math.max(MINIMUM, refusedSeconds / 2);
        long before = seconds.getAndAccumulate(shorter, Math::min);
        if (shorter < before) {
            log.warn("{}: the service refuses {} windows of {} s as too long ({}); windows of at most {} s are asked "
                    + "for from now on (the documented limit is {} s)", reader, action, refusedSeconds, how, shorter,
                    documented);
        }
        return true;
    }
}
