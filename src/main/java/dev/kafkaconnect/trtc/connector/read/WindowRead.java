package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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

    /**
     * What one page adds to the window: its users not listed before, and whether it is the window's last page.
     * {@code start} is the position at the page's start (its records name theirs after it); {@code next} the
     * position after the page, null when the window is complete after it.
     */
    record Admission(List<CallUser> fresh, Set<String> listedEarlier, boolean lastPage, CallPosition start,
                     CallPosition next) {
    }

    /** Readings of a window's pages at most: a service whose user order never settles is read this often. */
    static final int MAX_PASSES = 3;

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
    /**
     * The users delivered from the window (their samples come with the first page that lists them), each with the
     * JoinTs of its stays delivered (their participant records): from the pages read so far, and from earlier
     * passes before a restart.
     */
    private final Map<String, Set<Long>> delivered = new HashMap<>();
    /** The reading of the window's pages: 1, or more once the user order shifted between them. */
    private int pass;
    /** What this pass listed: whether the user order shifted between its pages. */
    private PageOrderWatch order = new PageOrderWatch();
    /** Whether this pass delivered a stay or user that no earlier pass had. */
    private boolean passFoundMore;
    /** Why this pass reads the pages again; null in the first pass. */
    private String lastShift;
    /** A pass that reads the pages again has begun and its first page is not requested yet. */
    private boolean passStartPending;
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
        this.pass = resume == null ? 1 : resume.pass();
        if (resume != null) {
            resume.done().forEach((user, joins) -> delivered.put(user, new HashSet<>(joins)));
        }
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
        return delivered.isEmpty();
    }

    /** The reading of the window's pages: 1, or more once the user order shifted between them. */
    int pass() {
        return pass;
    }

    /** The window's next page request, queued behind those before it. */
    Fetch nextFetch() {
        passStartPending = false;
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

    /**
     * Pages still to request once the page count is known, or the page that shows whether it is known, or the
     * first page of a pass that reads the pages again.
     */
    boolean hasPageToRequest() {
        if (passStartPending) {
            return true;
        }
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
     * Takes in the users of page {@code page}'s answer as it is emitted: those not delivered before are the page's
     * own (their records are emitted with it). A short page, or one listing no stay new to this pass (a wrong
     * {@code Total} must not loop), ends the pass. A user listed on two pages of one pass, or a {@code Total} that
     * changed between them, means the service's user order shifted in between, so a user may have fallen between
     * two pages: the pass ends by reading the pages again, which deliver only who was not delivered yet.
     */
    Admission admit(int page, CallDetailResponse answer) {
        CallPosition start = position(page);
        Set<String> earlier = Set.copyOf(delivered.keySet());
        List<CallUser> fresh = new ArrayList<>();
        boolean newToPass = order.listed(page, answer, totals.trusted());
        for (CallUser u : answer.userList()) {
            // A user who rejoined may be listed once per stay, on one page or on two: each stay not delivered
            // before is the page's (its JOINED/LEFT), and a stay still open keeps the call going whatever the order.
            if (delivered.computeIfAbsent(u.userId(), k -> new HashSet<>()).add(u.joinTs())) {
                fresh.add(u);
                passFoundMore = true;
                allFinished &= u.finished();
                maxLeave = Math.max(maxLeave, u.leaveTs());
            }
        }
        for (QualitySeries s : answer.data()) {
            unlistedData |= s.size() > 0 && !delivered.containsKey(s.userId());
        }
        boolean endsHere = answer.userList().size() < PAGE_SIZE || !newToPass;
        if (endsHere && lastPage > page) {
            lastPage = page;
        }
        if (!isLastPage(page)) {
            return new Admission(fresh, earlier, false, start, position(page + 1));
        }
        if (order.shift() != null && (pass == 1 || passFoundMore) && pass < MAX_PASSES) {
            return new Admission(fresh, earlier, false, start, nextPass());
        }
        return new Admission(fresh, earlier, true, start, null);
    }

    /** Why this pass reads the pages again (the user order shifted in the pass before); null in the first pass. */
    String rereadReason() {
        return lastShift;
    }

    /** The user order shifted in this pass, and it is the last pass allowed: users may have been missed. */
    boolean shiftUnresolved() {
        return order.shift() != null && pass >= MAX_PASSES;
    }

    /**
     * Starts the next reading of the window's pages, from the page this reading started at; returns its position.
     * The page requests of the pass that ends are the caller's to drop ({@link #removeAllButHead}).
     */
    private CallPosition nextPass() {
        pass++;
        lastShift = order.shift();
        order = new PageOrderWatch();
        passFoundMore = false;
        lastPage = -1;
        probePage = -1;
        beforeProbe = Set.of();
        nextPage = startPage;
        passStartPending = true;
        return position(startPage);
    }

    /** The position at the start of {@code page} of this pass: after a first pass, with what was delivered. */
    private CallPosition position(int page) {
        return CallPosition.page(window.start(), window.end(), page, first(), pass,
                pass > 1 ? delivered : Map.of());
    }

    /** Takes the page requests out of the window but the first (its pass ended; the first is being emitted). */
    List<Fetch> removeAllButHead() {
        Fetch head = pages.poll();
        List<Fetch> rest = removeAll();
        if (head != null) {
            pages.add(head);
        }
        return rest;
    }

    /** Whether the whole call's user list has been seen (the window was read from page 0). */
    boolean sawAllUsers() {
        return startPage == 0;
    }

    @Override
    public String toString() {
        return window + (first() ? " first" : "") + (pass > 1 ? " pass " + pass : "") + " pages " + startPage + ".."
                + (lastPage >= 0 || probePage < 0 ? String.valueOf(lastPage) : "?" + probePage);
    }
}
