package dev.kafkaconnect.trtc.connector.read;

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
 * The reading of one window of one call: its pages in order, and what its users say about the call. The pages are
 * read in passes ({@link PassPages}): one, unless the service's user order shifted between them
 * ({@link PageOrderWatch}), or an answer was too large for the client and the pages are read again with fewer users
 * each. A pass after the first emits only the users and stays not delivered before.
 *
 * <p>It owns everything known about the window: its page requests ({@link Fetch}es, in page order), the passes and
 * their page counts as learnt, and the users delivered from it. The call's reader asks it for the next page to
 * request and hands it each answer ({@link #learnPageCount}, then {@link #admit} when the page is emitted).
 */
public final class WindowRead {
    /** Users a page lists unless answers were too large: the most the API allows. */
    public static final int PAGE_SIZE = CallPosition.DEFAULT_PAGE_SIZE;

    /**
     * What one page adds to the window: its users not listed before, and whether it is the window's last page.
     * {@code start} is the position at the page's start (its records name theirs after it); {@code next} the
     * position after the page, null when the window is complete after it.
     */
    record Admission(List<CallUser> fresh, Set<String> listedEarlier, boolean lastPage, CallPosition start,
                     CallPosition next) {
    }

    /** Passes a window's pages are read again for a shifted user order, at most: a service may never settle. */
    static final int MAX_SHIFT_REREADS = 2;

    private final Window window;
    /**
     * Participant events at or after this time (and before the window's end) are the window's: its start, or
     * {@link Long#MIN_VALUE} for the first window read for the call (it carries JOINED/LEFT of users who joined or
     * left before it), or the start of a range lost to the lookback (users who joined in it are not lost).
     */
    private final long eventsFrom;
    /** The first page read of the window (in pages of the current size): 0, or where a restart resumed. */
    private int startPage;
    /** A restart inside the window: the page it resumes inside, and after which records; null when none. */
    private final PageResume resume;
    private final ArrayDeque<Fetch> pages = new ArrayDeque<>();
    /**
     * The users delivered from the window (their samples come with the first page that lists them), each with the
     * JoinTs of its stays delivered (their participant records): from the pages read so far, and from earlier
     * passes before a restart.
     */
    private final Map<String, Set<Long>> delivered = new HashMap<>();
    private final TotalReading totals;
    /** The reading of the window's pages: 1, or more once they are read again. */
    private int pass;
    private PassPages plan;
    /** What this pass listed: whether the user order shifted between its pages. */
    private PageOrderWatch order = new PageOrderWatch();
    private int shiftRereads;
    /** Whether this pass delivered a stay or user that no earlier pass had. */
    private boolean passFoundMore;
    /** Why this pass reads the pages again; null in the first pass. */
    private String rereadReason;
    private boolean allFinished = true;
    private long maxLeave = Long.MIN_VALUE;
    /** A page carried samples of a user no page listed: the listing is not the whole story. */
    private boolean unlistedData;
    /** A page of the window, in this task's life, listed a user. */
    private boolean listedAny;
    /**
     * Every user delivered from the window is known: it was read from page 0, or resumed from an offset of a later
     * reading, which names them ({@code done}).
     */
    private final boolean deliveredKnown;
    /** A listed stay goes on past the window's end: that user must be listed in the next window. */
    private boolean staysPastEnd;

    WindowRead(Window window, boolean first, int startPage, CallPosition resume) {
        this(window, first ? Long.MIN_VALUE : window.start(), startPage, resume,
                new TotalReading(TotalReading.Reading.CALL_USERS), PAGE_SIZE);
    }

    WindowRead(Window window, boolean first, int startPage, CallPosition resume, TotalReading totals) {
        this(window, first ? Long.MIN_VALUE : window.start(), startPage, resume, totals, PAGE_SIZE);
    }

    /**
     * @param resume   a restart's position in the window (its pass, page size and what was delivered), or null
     * @param pageSize users a page lists, unless {@code resume} says
     */
    WindowRead(Window window, long eventsFrom, int startPage, CallPosition resume, TotalReading totals,
               int pageSize) {
        this.totals = totals;
        this.window = window;
        this.eventsFrom = Math.min(eventsFrom, window.start());
        this.startPage = startPage;
        this.pass = resume == null ? 1 : resume.pass();
        this.plan = new PassPages(startPage, resume == null ? pageSize : resume.pageSize(), totals);
        this.resume = resume != null && resume.insidePage() ? new PageResume(resume, startPage, plan.size()) : null;
        if (resume != null) {
            resume.done().forEach((user, joins) -> delivered.put(user, new HashSet<>(joins)));
        }
        this.deliveredKnown = startPage == 0 || resume != null && resume.rereading();
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
        return resume == null ? null : resume.at();
    }

    /**
     * Which records of {@code answer}, page {@code page} of this pass, a restart inside the window delivered before
     * it; null when none. Asked before the page is admitted.
     */
    PageResume.Scope resumeOf(int page, CallDetailResponse answer) {
        return resume == null ? null : resume.scope(page, plan.size(), answer);
    }

    /** Last page of this pass; -1 until known. */
    int lastPage() {
        return plan.lastPage();
    }

    /** The page asked for only to learn whether the one before it was the last; -1 when none is. */
    int probePage() {
        return plan.probePage();
    }

    /** Users a page of this pass lists. */
    int pageSize() {
        return plan.size();
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

    /** Whether a stay its pages listed goes on past the window's end (that user is in the next window). */
    boolean staysPastEnd() {
        return staysPastEnd;
    }

    /** Whether no page has listed a user. */
    boolean listedNoUser() {
        return !listedAny;
    }

    /** The reading of the window's pages: 1, or more once they are read again. */
    int pass() {
        return pass;
    }

    /** Why this pass reads the pages again; null in the first pass. */
    String rereadReason() {
        return rereadReason;
    }

    /** The window's next page request, queued behind those before it. */
    Fetch nextFetch() {
        Fetch f = new Fetch(this, plan.take(), pass);
        pages.add(f);
        return f;
    }

    /** The page requests not yet emitted, in page order. */
    List<Fetch> fetches() {
        return List.copyOf(pages);
    }

    /** Whether {@code f} is still one of the window's page requests (not dropped). */
    boolean holds(Fetch f) {
        return pages.contains(f);
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

    /** Takes the page requests out of the window but the first (its pass ended; the first is being emitted). */
    List<Fetch> removeAllButHead() {
        Fetch head = pages.poll();
        List<Fetch> rest = removeAll();
        if (head != null) {
            pages.add(head);
        }
        return rest;
    }

    /** The pass's first page, pages still to request once the page count is known, or the probe. */
    boolean hasPageToRequest() {
        return plan.hasPageToRequest();
    }

    /**
     * Whether the window's emission waits for a page not requested yet: none of its requests is in flight, and
     * another page is to be asked for (the probe after a full page, or the next page once the count is known).
     */
    boolean awaitsUnsentPage() {
        if (!hasPageToRequest()) {
            return false;
        }
        for (Fetch f : pages) {
            if (!f.answered()) {
                return false;
            }
        }
        return true;
    }

    /** Whether page {@code page} can be emitted: whether it is the last page is known. */
    boolean pageCountKnownFor(int page) {
        return plan.countKnownFor(page);
    }

    /** Whether {@code page} is the pass's last (also when nothing was learnt: a page read on its own). */
    boolean isLastPage(int page) {
        return plan.isLast(page);
    }

    /** Learns from an answered page where the pass's pages end ({@link PassPages#learn}). */
    void learnPageCount(int answeredPage, CallDetailResponse answer) {
        plan.learn(answeredPage, answer);
    }

    /** Whether {@code page} was asked for only to learn whether the page before it was the last. */
    boolean isProbe(int page) {
        return plan.isProbe(page);
    }

    /**
     * The service refused {@code page} as beyond the last page: when it is the probe, the page before it was the
     * last and the probe's request leaves the window. Returns false for any other page.
     */
    boolean probeRefused(int page) {
        if (!plan.isProbe(page)) {
            return false;
        }
        plan.probeRefused(page);
        pages.removeIf(f -> f.page() == page);
        return true;
    }

    /**
     * Takes in the users of page {@code page}'s answer as it is emitted: those not delivered before are the page's
     * own (their records are emitted with it). A short page, or one listing no stay new to this pass (a wrong
     * {@code Total} must not loop), ends the pass. When the user order shifted between the pass's pages, a user
     * may have fallen between two of them: the pass ends by reading the pages again, which deliver only who was
     * not delivered yet.
     */
    Admission admit(int page, CallDetailResponse answer) {
        CallPosition start = position(page);
        Set<String> earlier = Set.copyOf(delivered.keySet());
        List<CallUser> fresh = new ArrayList<>();
        boolean newToPass = order.listed(page, answer, totals.trusted());
        listedAny |= !answer.userList().isEmpty();
        for (CallUser u : answer.userList()) {
            staysPastEnd |= u.joinTs() < window.end() && (!u.finished() || u.leaveTs() > window.end());
            // A user who rejoined may be listed once per stay, on one page or on two: each stay not delivered
            // before is the page's (its JOINED/LEFT), and a stay still open keeps the call going whatever the order.
            if (delivered.computeIfAbsent(u.userId(), k -> new HashSet<>()).add(u.joinTs())) {
                fresh.add(u);
                passFoundMore = true;
            }
            // Every stay listed says whether the call goes on, also one delivered before a restart (named by the
            // offset's done): a user still in the call keeps it going though nothing of it is emitted again.
            allFinished &= u.finished();
            maxLeave = Math.max(maxLeave, u.leaveTs());
            if (resume != null) {
                resume.seen(u.userId());
            }
        }
        for (QualitySeries s : answer.data()) {
            unlistedData |= s.size() > 0 && !delivered.containsKey(s.userId());
            if (resume != null) {
                resume.seen(s.userId());
            }
        }
        if (answer.userList().size() < plan.size() || !newToPass) {
            plan.endAt(page);
        }
        if (!plan.isLast(page)) {
            return new Admission(fresh, earlier, false, start, position(page + 1));
        }
        if (order.shift() != null && (shiftRereads == 0 || passFoundMore) && shiftRereads < MAX_SHIFT_REREADS) {
            shiftRereads++;
            // Who was delivered before the first page read is known when that is page 0, or from a later reading's
            // offset: then the pages can be read again from page 0, where a user may have moved.
            if (deliveredKnown) {
                startPage = 0;
            }
            return new Admission(fresh, earlier, false, start, newPass(startPage, plan.size(), order.shift()));
        }
        return new Admission(fresh, earlier, true, start, null);
    }

    /** The user order shifted in this pass, and no more passes are read for it: users may have been missed. */
    boolean shiftUnresolved() {
        return order.shift() != null && shiftRereads >= MAX_SHIFT_REREADS;
    }

    /**
     * The page size to read with after an answer too large at {@code size} users a page: about half (6, 3, 2, 1),
     * such that the first page read ({@code startPage}, after a restart) still starts at a page boundary, since the
     * users before it were delivered before the restart and are not known.
     */
    static int smallerPageSize(int size, int startPage) {
        for (int smaller = Math.min(size - 1, (size + 1) / 2); smaller > 1; smaller--) {
            if ((long) startPage * size % smaller == 0) {
                return smaller;
            }
        }
        return 1;
    }

    /**
     * The first page of this pass whose records are not emitted yet; {@code emitting}: the head request's page is
     * being emitted. That page may be the last of the pass before, which started this one: then none of this pass
     * is emitted.
     */
    int firstNotEmitted(boolean emitting) {
        Fetch head = pages.peek();
        if (head == null) {
            return startPage;
        }
        if (head.pass() != pass) {
            return plan.firstPage();
        }
        return emitting ? head.page() + 1 : head.page();
    }

    /** The page size the pages would be read with after an answer too large now. */
    int smallerPageSize() {
        return smallerPageSize(plan.size(), startPage);
    }

    /**
     * An answer of this pass was too large for the client: the pages from {@code firstNotEmitted} on are read
     * again with {@link #smallerPageSize()} users a page. A new page may start inside an old one: its users
     * delivered already are not delivered again. The page requests of the pass that ends are the caller's to drop.
     */
    void readWithSmallerPages(int firstNotEmitted) {
        int size = plan.size();
        int smaller = smallerPageSize();
        startPage = (int) ((long) startPage * size / smaller);
        newPass((int) ((long) firstNotEmitted * size / smaller), smaller,
                "an answer of " + size + " users a page was too large");
    }

    /** Starts the next pass over the window's pages, from {@code firstPage}; returns its first position. */
    private CallPosition newPass(int firstPage, int pageSize, String reason) {
        pass++;
        rereadReason = reason;
        order = new PageOrderWatch();
        passFoundMore = false;
        plan = new PassPages(firstPage, pageSize, totals);
        return position(firstPage);
    }

    /** The position at the start of {@code page} of this pass: after a first pass, with what was delivered. */
    private CallPosition position(int page) {
        CallPosition start = CallPosition.page(window.start(), window.end(), page, first(), pass,
                pass > 1 ? delivered : Map.of(), plan.size());
        // A page inside the one a restart resumed in starts after the same records: a restart there must not
        // deliver them again.
        return resume != null && resume.covers(page, plan.size()) ? resume.carriedTo(start) : start;
    }

    /**
     * Where a restart reads this whole window again from page 0 without delivering anything of it twice: a further
     * reading naming every user and stay delivered from it; null when those are not all known (the window was
     * resumed after its page 0). Read from page 0, the window shows every user again, so the call's end is told as
     * it was.
     */
    CallPosition readAgainFromStart() {
        if (!deliveredKnown) {
            return null;
        }
        return CallPosition.page(window.start(), window.end(), 0, first(),
                Math.min(pass + 1, dev.kafkaconnect.trtc.connector.offsets.OffsetCodec.MAX_PASS), delivered,
                plan.size());
    }

    /** Whether the whole call's user list has been seen (the window was read from page 0). */
    boolean sawAllUsers() {
        return startPage == 0;
    }

    @Override
    public String toString() {
        return window + (first() ? " first" : "") + (pass > 1 ? " pass " + pass : "") + " pages " + startPage + ".."
                + plan;
    }
}
