package dev.kafkaconnect.trtc.connector.offsets;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where reading a call resumes. Between windows, {@code windowEnd} is {@link #NO_WINDOW}: the next window starts
 * at {@code cursor}. Inside a window: re-query window [cursor, windowEnd) at page {@code page} and emit the records
 * of that page that come after the last delivered ones, named by identity: participant events after
 * {@code lastEvent} and samples after {@code lastSample} (each null when none of that kind was delivered from the
 * page). Events and samples are compared apart, so a change in the page's user listing (a user who rejoined) cannot
 * move the sample cursor.
 *
 * @param skip     only for offsets of format version 1, which named the position by count: skip the page's first
 *                 {@code skip} records. Never written any more.
 * @param first    the window is the first one read for the call: it also carries JOINED/LEFT records of users
 *                 who joined or left before it. Part of the position so that a restart in the middle of that
 *                 window re-derives the same records.
 * @param finished the call is over (every user left before {@code cursor}); nothing more is requested
 * @param pass     1 for the window's first reading of its pages; 2 or more while its pages are read again because
 *                 the service's user order shifted between them (a user may have fallen between two pages)
 * @param done     in a pass after the first: the users whose samples of the window were delivered before
 *                 {@code page}, each with the {@code JoinTs} of the stays whose participant records were; empty in
 *                 the first pass, where the pages before {@code page} say who was delivered
 * @param pageSize users a page of the window lists ({@code PageSize}): {@link #DEFAULT_PAGE_SIZE}, or fewer once an
 *                 answer was too large for the client; {@code page} counts pages of this size
 * @param pageUsers inside a page: the users whose records the page emits (those the records up to
 *                 {@code lastEvent} and {@code lastSample} are of), so that a restart resumes after them wherever
 *                 the service lists them then; empty when not known (an offset of an earlier format)
 */
public record CallPosition(long cursor, long windowEnd, int page, int skip, EventId lastEvent, SampleId lastSample,
                           boolean first, boolean finished, int pass, Map<String, Set<Long>> done, int pageSize,
                           Set<String> pageUsers) {
    public static final long NO_WINDOW = -1;
    /** The page size a window is read with unless its answers were too large: the most the API allows. */
    public static final int DEFAULT_PAGE_SIZE = CallDetailRequest.MAX_PAGE_SIZE;

    public CallPosition {
        if (pass < 1) {
            throw new IllegalArgumentException("pass must be at least 1: " + pass);
        }
        if (pageSize < 1 || pageSize > DEFAULT_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be within [1, " + DEFAULT_PAGE_SIZE + "]: " + pageSize);
        }
        done = done == null || done.isEmpty() ? Map.of() : frozen(done);
        pageUsers = pageUsers == null || pageUsers.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(pageUsers));
    }

    /** A position whose page's users are not named. */
    public CallPosition(long cursor, long windowEnd, int page, int skip, EventId lastEvent, SampleId lastSample,
                        boolean first, boolean finished, int pass, Map<String, Set<Long>> done, int pageSize) {
        this(cursor, windowEnd, page, skip, lastEvent, lastSample, first, finished, pass, done, pageSize, Set.of());
    }

    /** A position in the first pass of a window read with full pages (or between windows). */
    public CallPosition(long cursor, long windowEnd, int page, int skip, EventId lastEvent, SampleId lastSample,
                        boolean first, boolean finished) {
        this(cursor, windowEnd, page, skip, lastEvent, lastSample, first, finished, 1, Map.of(), DEFAULT_PAGE_SIZE);
    }

    /** A position with nothing of its page delivered yet (or, with {@code skip}, a version 1 position). */
    public CallPosition(long cursor, long windowEnd, int page, int skip, boolean first, boolean finished) {
        this(cursor, windowEnd, page, skip, null, null, first, finished);
    }

    /** The start of a call never read before: the first window begins at {@code cursor}. */
    public static CallPosition fresh(long cursor) {
        return new CallPosition(cursor, NO_WINDOW, 0, 0, true, false);
    }

    /** Just after a whole window: the next one starts at {@code cursor}. */
    public static CallPosition boundary(long cursor, boolean finished) {
        return new CallPosition(cursor, NO_WINDOW, 0, 0, false, finished);
    }

    /**
     * The start of page {@code page} (of {@code pageSize} users) of the window's pass {@code pass}, after what
     * {@code done} names.
     */
    public static CallPosition page(long cursor, long windowEnd, int page, boolean first, int pass,
                                    Map<String, Set<Long>> done, int pageSize) {
        return new CallPosition(cursor, windowEnd, page, 0, null, null, first, false, pass, done, pageSize);
    }

    public boolean inWindow() {
        return windowEnd != NO_WINDOW;
    }

    /** Whether records of the page were already delivered: a restart resumes after them. */
    public boolean insidePage() {
        return skip > 0 || lastEvent != null || lastSample != null;
    }

    /** Whether the window's pages are being read again (a pass after the first). */
    public boolean rereading() {
        return pass > 1;
    }

    /** Whether the window is read with pages smaller than the API's most. */
    public boolean smallerPages() {
        return pageSize != DEFAULT_PAGE_SIZE;
    }

    /** This position with the page's delivered records named by identity. */
    public CallPosition after(EventId event, SampleId sample) {
        return new CallPosition(cursor, windowEnd, page, 0, event, sample, first, finished, pass, done, pageSize,
                pageUsers);
    }

    /** This position naming {@code users} as its page's users. */
    public CallPosition withPageUsers(Set<String> users) {
        return new CallPosition(cursor, windowEnd, page, skip, lastEvent, lastSample, first, finished, pass, done,
                pageSize, users);
    }

    /** Sorted, unmodifiable: equal positions compare and serialize alike. */
    private static Map<String, Set<Long>> frozen(Map<String, Set<Long>> done) {
        TreeMap<String, Set<Long>> copy = new TreeMap<>();
        done.forEach((user, joins) -> copy.put(user, java.util.Collections.unmodifiableSet(new TreeSet<>(joins))));
        return java.util.Collections.unmodifiableMap(copy);
    }
}
