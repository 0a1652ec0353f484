package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pages of one reading (pass) of a window: the page size, which page to ask for next, and where the pages end
 * as learnt from the answers. Page {@code first} is asked for at once; later pages once its answer tells how many
 * users there are. A full page that {@code Total} calls the last is followed by one more page (the probe) while the
 * task has not learnt what {@code Total} counts ({@link TotalReading}); the page before it can be emitted once the
 * probe's answer shows whether it was the last.
 */
final class PassPages {
    private final int size;
    private final TotalReading totals;
    /** The pass's first page. */
    private final int firstPage;
    /** Last page to read; -1 until known. */
    private int lastPage = -1;
    /** A page asked for only to learn whether the one before it was the last; -1 when none is. */
    private int probePage = -1;
    /** The users of the page before {@link #probePage}: a probe listing exactly them repeats that page. */
    private Set<String> beforeProbe = Set.of();
    private int nextPage;
    /** The pass's first page is not requested yet. */
    private boolean firstPending = true;

    PassPages(int firstPage, int size, TotalReading totals) {
        this.firstPage = firstPage;
        this.nextPage = firstPage;
        this.size = size;
        this.totals = totals;
    }

    /** Users a page lists ({@code PageSize}). */
    int size() {
        return size;
    }

    /** The pass's first page. */
    int firstPage() {
        return firstPage;
    }

    /** The next page to ask for; it is asked for now. */
    int take() {
        firstPending = false;
        return nextPage++;
    }

    /** Last page to read; -1 until known. */
    int lastPage() {
        return lastPage;
    }

    /** The page asked for only to learn whether the one before it was the last; -1 when none is. */
    int probePage() {
        return probePage;
    }

    /** The pass's first page, pages still to ask for once the page count is known, or the probe. */
    boolean hasPageToRequest() {
        if (firstPending) {
            return true;
        }
        return lastPage >= 0 ? nextPage <= lastPage : probePage >= 0 && nextPage == probePage;
    }

    /** Whether page {@code page} can be emitted: whether it is the last page is known. */
    boolean countKnownFor(int page) {
        return lastPage >= 0 || probePage > page + 1;
    }

    /** Whether {@code page} is the pass's last (also when nothing was learnt: a page read on its own). */
    boolean isLast(int page) {
        return probePage <= page + 1 && page >= lastPage;
    }

    /** The pass ends at {@code page} at the latest (a short page, or one listing nobody new). */
    void endAt(int page) {
        if (lastPage > page) {
            lastPage = page;
        }
    }

    /**
     * Learns from an answered page where the pages end: at a short page; at {@code ceil(Total/size)} pages when
     * {@code Total} counts the call's users; else one page further, to see.
     */
    void learn(int answeredPage, CallDetailResponse answer) {
        if (lastPage >= 0) {
            return;
        }
        List<CallUser> listed = answer.userList();
        if (answeredPage == probePage) {
            probePage = -1;
            Set<String> ids = new HashSet<>();
            listed.forEach(u -> ids.add(u.userId()));
            if (ids.isEmpty() || ids.equals(beforeProbe)) {
                // Nothing, or the page before again: there is no page after it.
                lastPage = answeredPage - 1;
                return;
            }
            if (!beforeProbe.containsAll(ids)) {
                totals.usersBeyondTotal();
            }
            // Else it lists some of the page before's users, not all: the user order shifted between the pages
            // (PageOrderWatch sees it once the page is emitted), and the page is read as one.
        }
        if (listed.size() < size) {
            lastPage = answeredPage;
            return;
        }
        long byTotal = answer.total() <= 0 ? -1 : (answer.total() + size - 1L) / size - 1;
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

    /** Whether {@code page} was asked for only to learn whether the page before it was the last. */
    boolean isProbe(int page) {
        return page == probePage && lastPage < 0;
    }

    /** The probe {@code page} was refused as beyond the last page: the page before it was the last. */
    void probeRefused(int page) {
        probePage = -1;
        lastPage = page - 1;
    }

    @Override
    public String toString() {
        return (lastPage >= 0 || probePage < 0 ? String.valueOf(lastPage) : "?" + probePage)
                + (size != dev.kafkaconnect.trtc.api.CallDetailRequest.MAX_PAGE_SIZE ? " of " + size : "");
    }
}
