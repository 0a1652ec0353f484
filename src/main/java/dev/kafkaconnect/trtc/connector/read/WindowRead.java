package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reading of one window of one call: its pages in order, and what its users say about the call. Page 0 (or
 * the page a restart resumes at) is requested first; later pages once its answer tells how many users there are.
 * A full page that {@code Total} calls the last is followed by one more page while the task has not learnt what
 * {@code Total} counts ({@link TotalReading}); the page before it is emitted once that answer shows whether it was
 * the last.
 */
public final class WindowRead {
    public static final int PAGE_SIZE = 6;

    public final Window window;
    /** First window read for the call: carries JOINED/LEFT of users who joined or left before it. */
    final boolean first;
    final int startPage;
    /** A restart inside the window: where in page {@link #startPage} it resumes; null to read the pages whole. */
    final CallPosition resume;
    final ArrayDeque<Fetch> pages = new ArrayDeque<>();
    /** Users listed on the pages read so far; a user listed again on a later page is skipped. */
    final Set<String> users = new HashSet<>();
    /** Last page to read; -1 until known. */
    int lastPage = -1;
    /** A page asked for only to learn whether the one before it was the last; -1 when none is. */
    int probePage = -1;
    /** The users of the page before {@link #probePage}: a probe listing only them lists nothing new. */
    private Set<String> beforeProbe = Set.of();
    int nextPage;
    private final TotalReading totals;
    boolean allFinished = true;
    long maxLeave = Long.MIN_VALUE;

    WindowRead(Window window, boolean first, int startPage, CallPosition resume) {
        this(window, first, startPage, resume, new TotalReading(TotalReading.Reading.CALL_USERS));
    }

    WindowRead(Window window, boolean first, int startPage, CallPosition resume, TotalReading totals) {
        this.totals = totals;
        this.window = window;
        this.first = first;
        this.startPage = startPage;
        this.resume = resume != null && resume.insidePage() ? resume : null;
        this.nextPage = startPage;
    }

    /** Pages still to request once the page count is known, or the page that shows whether it is known. */
    boolean hasPageToRequest() {
        return lastPage >= 0 ? nextPage <= lastPage : probePage >= 0 && nextPage == probePage;
    }

    /** Whether page {@code page} can be emitted: whether it is the last page is known. */
    boolean pageCountKnownFor(int page) {
        return lastPage >= 0 || probePage > page + 1;
    }

    /** Whether {@code page} is the window's last (also when nothing was learnt: a page read on its own). */
    boolean isLastPage(int page) {
        return probePage <= page + 1 && page >= lastPage;
    }

    /**
     * Learns from an answered page where the window's pages end: at a short page; at {@code ceil(Total/6)} pages
     * when {@code Total} counts the call's users; else one page further, to see.
     */
    void learnPageCount(int answeredPage, CallDetailResponse answer) {
        if (lastPage >= 0) {
            return;
        }
        List<CallUser> listed = answer.userList();
        if (answeredPage == probePage) {
            probePage = -1;
            if (listed.stream().allMatch(u -> beforeProbe.contains(u.userId()))) {
                lastPage = answeredPage - 1;
                return;
            }
            totals.usersBeyondTotal();
        }
        if (listed.size() < PAGE_SIZE) {
            lastPage = answeredPage;
            return;
        }
        long byTotal = answer.total() <= 0 ? -1 : (answer.total() + PAGE_SIZE - 1L) / PAGE_SIZE - 1;
        if (byTotal > answeredPage) {
            totals.totalBeyondPage();
            lastPage = (int) Math.min(Integer.MAX_VALUE, byTotal);
        } else if (totals.trusted()) {
            lastPage = answeredPage;
        } else {
            probePage = answeredPage + 1;
            Set<String> ids = new HashSet<>();
            listed.forEach(u -> ids.add(u.userId()));
            beforeProbe = ids;
        }
    }

    /** The service refused {@link #probePage} as beyond the last page: the page before it was the last. */
    boolean probeRefused(int page) {
        if (page != probePage || lastPage >= 0) {
            return false;
        }
        probePage = -1;
        lastPage = page - 1;
        return true;
    }

    /** Whether the whole call's user list has been seen (the window was read from page 0). */
    boolean sawAllUsers() {
        return startPage == 0;
    }

    @Override
    public String toString() {
        return window + (first ? " first" : "") + " pages " + startPage + ".."
                + (lastPage >= 0 || probePage < 0 ? String.valueOf(lastPage) : "?" + probePage);
    }
}
