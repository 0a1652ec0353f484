package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A restart inside a page: the offset names the last event and sample delivered from it, and every record of that
 * page up to them (in the page's record order, which is by identity) was delivered. The offset names the page's
 * users ({@link CallPosition#pageUsers()}): wherever the window's pages list them now (the service's user order may
 * have changed, or the pages may be smaller), their records up to the named ones are not delivered again, and
 * every page start of the window still names those records. An offset of an earlier format does not name them:
 * then the page is taken as a range of the window's users, positions [{@code from}, {@code to}) in the service's
 * user order, and when it is read again with fewer users a page (its answer became too large), the pages covering
 * the range are each resumed after the same records for the users they list inside it: a user after the range was
 * never delivered, whatever its identity.
 */
final class PageResume {
    /** How a resume applies to one page read: to which of its users, and whether the page starts inside it. */
    record Scope(CallPosition at, Set<String> users, boolean withinRange, boolean wholeRange) {
        /** Whether the records of {@code userId} that are not after {@link #at} were delivered. */
        boolean applies(String userId) {
            return users == null || users.contains(userId);
        }
    }

    private final CallPosition at;
    private final long from;
    private final long to;
    /** The page's users that no answer since the restart has listed: they may still be listed further on. */
    private final Set<String> unseen;

    /** {@code at} lies inside page {@code page} of {@code pageSize} users. */
    PageResume(CallPosition at, int page, int pageSize) {
        if (!at.insidePage()) {
            throw new IllegalArgumentException("not inside a page: " + at);
        }
        this.at = at;
        this.from = (long) page * pageSize;
        this.to = from + pageSize;
        this.unseen = new HashSet<>(at.pageUsers());
    }

    /** An answer of the window listed {@code userId} (or carried its data). */
    void seen(String userId) {
        unseen.remove(userId);
    }

    /**
     * The position at the start of a later page of the window, {@code start}: after the same records, for the
     * page's users not listed yet (none left: {@code start} itself).
     */
    CallPosition carriedTo(CallPosition start) {
        return start.after(at.lastEvent(), at.lastSample()).withPageUsers(unseen);
    }

    CallPosition at() {
        return at;
    }

    /**
     * Whether page {@code page} of {@code pageSize} users lies inside the resumed page: a restart at its start still
     * resumes after the same records.
     */
    boolean covers(int page, int pageSize) {
        if (!at.pageUsers().isEmpty()) {
            return !unseen.isEmpty();
        }
        long start = (long) page * pageSize;
        return at.skip() == 0 && start >= from && start + pageSize <= to;
    }

    /**
     * How the resume applies to {@code answer}, page {@code page} of {@code pageSize} users; null when the page lists
     * none of the resumed page's users. A position by count (format version 1) applies only to the same page read
     * with the same size: counts say nothing about other pages.
     */
    Scope scope(int page, int pageSize, CallDetailResponse answer) {
        long start = (long) page * pageSize;
        long end = start + pageSize;
        if (at.skip() > 0) {
            return start == from && end == to ? new Scope(at, null, true, true) : null;
        }
        if (!at.pageUsers().isEmpty()) {
            return new Scope(at, at.pageUsers(), start == from && end == to, false);
        }
        if (end <= from || start >= to) {
            return null;
        }
        boolean within = start >= from && end <= to;
        boolean whole = start <= from && end >= to;
        if (within) {
            return new Scope(at, null, true, whole);
        }
        List<dev.kafkaconnect.trtc.api.CallUser> listed = answer.userList();
        Set<String> inside = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            if (start + i >= from && start + i < to) {
                inside.add(listed.get(i).userId());
            }
        }
        return new Scope(at, inside, false, whole);
    }

    @Override
    public String toString() {
        return "users " + from + ".." + (to - 1) + " after " + at;
    }
}
