package dev.kafkaconnect.trtc.connector;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The reading of one window of one call: its pages in order, and what its users say about the call. Page 0 (or
 * the page a restart resumes at) is requested first; later pages once its answer tells how many users there are.
 */
final class WindowRead {
    static final int PAGE_SIZE = 6;

    final Window window;
    /** First window read for the call: carries JOINED/LEFT of users who joined or left before it. */
    final boolean first;
    final int startPage;
    /** A restart inside the window: where in page {@link #startPage} it resumes; null to read the pages whole. */
    final CallPosition resume;
    final ArrayDeque<Fetch> pages = new ArrayDeque<>();
    /** Users listed on the pages read so far; a user listed again on a later page is skipped. */
    final Set<String> users = new HashSet<>();
    /** Last page to read; -1 until the first page has answered. */
    int lastPage = -1;
    int nextPage;
    boolean allFinished = true;
    long maxLeave = Long.MIN_VALUE;

    WindowRead(Window window, boolean first, int startPage, CallPosition resume) {
        this.window = window;
        this.first = first;
        this.startPage = startPage;
        this.resume = resume != null && resume.insidePage() ? resume : null;
        this.nextPage = startPage;
    }

    /** Pages still to request once the page count is known. */
    boolean hasPageToRequest() {
        return lastPage >= 0 && nextPage <= lastPage;
    }

    /** Sets the page count from the first answered page: stop at ceil(Total/6) pages or at a short page. */
    void learnPageCount(int answeredPage, int total, int usersOnPage) {
        if (lastPage >= 0) {
            return;
        }
        int byTotal = total <= 0 ? answeredPage
                : (int) Math.min(Integer.MAX_VALUE, (total + PAGE_SIZE - 1L) / PAGE_SIZE - 1);
        lastPage = usersOnPage < PAGE_SIZE ? answeredPage : Math.max(answeredPage, byTotal);
    }

    /** Whether the whole call's user list has been seen (the window was read from page 0). */
    boolean sawAllUsers() {
        return startPage == 0;
    }

    @Override
    public String toString() {
        return window + (first ? " first" : "") + " pages " + startPage + ".." + lastPage;
    }
}
