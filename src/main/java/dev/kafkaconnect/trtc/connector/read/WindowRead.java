package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The reading of one window of one call: its pages in order, and what its users say about the call. Page 0 (or
 * the page a restart resumes at) is requested first; later pages once its answer tells how many users there are.
 * A full page that {@code Total} calls the last is followed by one more page while the task has not learnt what
 * {@code Total} counts ({@link TotalReading}); the page before it is emitted once that answer shows whether it was
 * the last.
 *
 * <p>It owns everything known about the window: its page requests ({@link Fetch}es, in page order), the page count
 * as learnt, and the users its pages have listed. The call's reader asks it for the next page to request and hands
 * it each answer ({@link #learnPageCount}, then {@link #admit} when the page is emitted).
 */
public final class WindowRead {
    public static final int PAGE_SIZE = CallDetailRequest.MAX_PAGE_SIZE;

    /** What one page adds to the window: its users not listed before, and whether it is the window's last page. */
    record Admission(List<CallUser> fresh, Set<String> listedEarlier, boolean lastPage) {
    }

    private final Window window;
    /**
     * Participant events at or after this time (and before the window's end) are the window's: its start, or
     * {@link Long#MIN_VALUE} for the first window read for the call (it carries JOINED/LEFT of users who joined or
     * left before it), or the start of a range lost to the lookback (users who joined in it are not lost).
     */
    private final long eventsFrom;
    private final int startPage;
    /** A restart inside the window: where in page {@link #startPage} it resumes; null to read the pages whole. */
    private final CallPosition resume;
    private final ArrayDeque<Fetch> pages = new ArrayDeque<>();
    /** Users listed on the pages read so far; a user listed again on a later page has its samples there. */
    private final Set<String> users = new HashSet<>();
    /** The stays (user and JoinTs) listed on the pages read so far. */
    private final Set<String> stays = new HashSet<>();
    /** Last page to read; -1 until known. */
    private int lastPage = -1;
    /** A page asked for only to learn whether the one before it was the last; -1 when none is. */
    private int probePage = -1;
    /** The users of the page before {@link #probePage}: a probe listing only them lists nothing new. */
    private Set<String> beforeProbe = Set.of();
    private int nextPage;
    private final TotalReading totals;
    private boolean allFinished = true;
    private long maxLeave = Long.MIN_VALUE;
    /** A page carried samples of a user no page listed: the listing is not the whole story. */
    private boolean unlistedData;

    WindowRead(Window window, boolean first, int startPage, CallPosition resume) {
        this(window, first, startPage, resume, new TotalReading(TotalReading.Reading.CALL_USERS));
    }

    WindowRead(Window window, boolean first, int startPage, CallPosition resume, TotalReading totals) {
        this(window, first ? Long.MIN_VALUE : window.start(), startPage, resume, totals);
    }

    WindowRead(Window window, long eventsFrom, int startPage, CallPosition resume, TotalReading totals) {
        this.totals = totals;
        this.window = window;
        this.eventsFrom = Math.min(eventsFrom, window.start());
        this.startPage = startPage;
        this.resume = resume != null && resume.insidePage() ? resume : null;
        this.nextPage = startPage;
    }

    Window window() {
        return window;
    }

    /** Whether this is the first window read for the call (its participant events reach back to the start). */
    boolean first() {
        return eventsFrom == Long.MIN_VALUE;
    }

    /** Participant events at or after this time (and before the window's end) are the window's. */
    long eventsFrom() {
        return eventsFrom;
    }

    int startPage() {
        return startPage;
    }

    /** A restart inside the window: where in page {@link #startPage} it resumes; null to read the pages whole. */
    CallPosition resume() {
        return resume;
    }

    /** Last page to read; -1 until known. */
    int lastPage() {
        return lastPage;
    }

    /** The page asked for only to learn whether the one before it was the last; -1 when none is. */
    int probePage() {
        return probePage;
    }

    /** Whether every user the pages listed has left (true while none is listed). */
    boolean allFinished() {
        return allFinished;
    }

    /** The latest LeaveTs of the users the pages listed; {@link Long#MIN_VALUE} while none is listed. */
    long maxLeave() {
        return maxLeave;
    }

    /** Whether a page carried samples of a user that no page of the window listed. */
    boolean unlistedData() {
        return unlistedData;
    }

    /** Whether no page has listed a user. */
    boolean listedNoUser() {
        return users.isEmpty();
    }

    /** The window's next page request, queued behind those before it. */
    Fetch nextFetch() {
        Fetch f = new Fetch(this, nextPage++);
        pages.add(f);
        return f;
    }

    /** The page requests not yet emitted, in page order. */
    List<Fetch> fetches() {
        return List.copyOf(pages);
    }

    /** How many of the window's page requests hold an {@link InFlight} slot. */
    int slotsHeld() {
        int held = 0;
        for (Fetch f : pages) {
            held += f.holdsSlot() ? 1 : 0;
        }
        return held;
    }

    /** The first page request not yet emitted; null when none is left. */
    Fetch head() {
        return pages.peek();
    }

    /** The first page was emitted: it leaves the window. */
    void removeHead() {
        pages.poll();
    }

    /** Takes every page request out of the window (it is dropped, or its last page was emitted). */
    List<Fetch> removeAll() {
        List<Fetch> all = new ArrayList<>(pages);
        pages.clear();
        return all;
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

    /** Whether {@code page} was asked for only to learn whether the page before it was the last. */
    boolean isProbe(int page) {
        return page == probePage && lastPage < 0;
    }

    /**
     * The service refused {@code page} as beyond the last page: when it is the probe, the page before it was the
     * last and the probe's request leaves the window. Returns false for any other page.
     */
    boolean probeRefused(int page) {
        if (!isProbe(page)) {
            return false;
        }
        probePage = -1;
        lastPage = page - 1;
        pages.removeIf(f -> f.page() == page);
        return true;
    }

    /**
     * Takes in the users of page {@code page}'s answer as it is emitted: those not listed on an earlier page are
     * the page's own (their records are emitted with it); a short page, or one listing no new user (a wrong
     * {@code Total} must not loop), ends the window.
     */
    Admission admit(int page, CallDetailResponse answer) {
        Set<String> earlier = Set.copyOf(users);
        List<CallUser> fresh = new ArrayList<>();
        for (CallUser u : answer.userList()) {
            // A user who rejoined may be listed once per stay, on one page or on two: each stay not listed before
            // is the page's (its JOINED/LEFT), and a stay still open keeps the call going whatever the order.
            if (stays.add(u.userId() + '\n' + u.joinTs())) {
                users.add(u.userId());
                fresh.add(u);
                allFinished &= u.finished();
                maxLeave = Math.max(maxLeave, u.leaveTs());
            }
        }
        for (QualitySeries s : answer.data()) {
            unlistedData |= s.size() > 0 && !users.contains(s.userId());
        }
        boolean endsHere = answer.userList().size() < PAGE_SIZE || fresh.isEmpty();
        if (endsHere && lastPage > page) {
            lastPage = page;
        }
        return new Admission(fresh, earlier, isLastPage(page));
    }

    /** Whether the whole call's user list has been seen (the window was read from page 0). */
    boolean sawAllUsers() {
        return startPage == 0;
    }

    @Override
    public String toString() {
        return window + (first() ? " first" : "") + " pages " + startPage + ".."
                + (lastPage >= 0 || probePage < 0 ? String.valueOf(lastPage) : "?" + probePage);
    }
}
