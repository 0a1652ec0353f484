package dev.kafkaconnect.trtc.connector;

/**
 * Where reading a call resumes: re-query window [cursor, windowEnd) at page {@code page} and skip the first
 * {@code skip} records of that page (in the page's canonical order). Between windows, {@code windowEnd} is
 * {@link #NO_WINDOW} and page and skip are 0: the next window starts at {@code cursor}.
 *
 * @param first    the window is the first one read for the call: it also carries JOINED/LEFT records of users
 *                 who joined or left before it. Part of the position so that a restart in the middle of that
 *                 window re-derives the same records.
 * @param finished the call is over (every user left before {@code cursor}); nothing more is requested
 */
public record CallPosition(long cursor, long windowEnd, int page, int skip, boolean first, boolean finished) {
    public static final long NO_WINDOW = -1;

    /** The start of a call never read before: the first window begins at {@code cursor}. */
    public static CallPosition fresh(long cursor) {
        return new CallPosition(cursor, NO_WINDOW, 0, 0, true, false);
    }

    /** Just after a whole window: the next one starts at {@code cursor}. */
    public static CallPosition boundary(long cursor, boolean finished) {
        return new CallPosition(cursor, NO_WINDOW, 0, 0, false, finished);
    }

    public boolean inWindow() {
        return windowEnd != NO_WINDOW;
    }
}
