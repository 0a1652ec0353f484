package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.StreamPositions;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads one call: plans its windows and pages, holds their answers until their turn, and emits their records
 * strictly in order. Requests for later windows may be in flight while earlier ones are still read. Runs on the
 * task's thread only; the client completes the futures elsewhere.
 */
public final class CallReader {
    private static final Logger log = LoggerFactory.getLogger(CallReader.class);

    public enum State { READING, FINISHED, ENDED, SKIPPED }

    public static final String MDC_CALL = "trtc.call";

    public final CommId id;
    final Map<String, Object> partition;
    private final WindowPlanner planner;
    private final TaskCounters counters;
    private final ArrayDeque<WindowRead> windows = new ArrayDeque<>();
    private final ArrayDeque<Fetch> retries = new ArrayDeque<>();
    private State state = State.READING;
    private final CallPlan plan;
    private PageRecords current;
    private int failures;
    /** When the current run of consecutive failures began (ms); {@link Long#MAX_VALUE} when none is. */
    private long failingSinceMillis = Long.MAX_VALUE;
    private long retryAtMillis;
    private final CallEndWatch callEnd;
    /** A request of this call has succeeded: later windows may be requested before earlier ones answer. */
    private boolean probed;
    /** A call that never lists a user is given up once its start leaves the lookback (which may shrink). */
    private final long created;
    private final StorageWait storage = new StorageWait();
    /** The end of the last window emitted when a stay it listed goes on past it; {@link Long#MIN_VALUE} if none. */
    private long presentAt = Long.MIN_VALUE;
    /** A call's creator is in it within this long of its creation time (the CommId's third part). */
    private static final long CREATOR_GRACE = 60;
    /** The call's event streams, read behind its samples. */
    private final CallEventStreams streams;

    CallReader(CommId id, Map<String, Object> partition, CallPosition start, WindowPlanner planner,
               TaskCounters counters) {
        this(id, partition, start, StreamPositions.NONE, planner, counters, null, null);
    }

    /**
     * @param streams          where each event stream read resumes (the committed offset's, or where a call
     *                         never read starts)
     * @param experienceStream what the task's calls share to read abnormal experiences; null when not read
     * @param userEventStream  what the task's calls share to read their users' events; null when not read
     */
    CallReader(CommId id, Map<String, Object> partition, CallPosition start, StreamPositions streams,
               WindowPlanner planner, TaskCounters counters, ExperienceStream experienceStream,
               UserEventStream userEventStream) {
        this.id = id;
        this.partition = partition;
        this.planner = planner;
        this.counters = counters;
        this.plan = new CallPlan(id, start, planner, counters);
        this.created = id.createTime().orElse(start.cursor());
        this.callEnd = new CallEndWatch(id, start);
        this.streams = new CallEventStreams(id, partition, start, streams, experienceStream, userEventStream);
        if (start.finished()) {
            state = State.FINISHED;
        } else if (planner.ended(start.cursor())) {
            state = State.ENDED;
        }
    }

    public State state() {
        return state;
    }


    /** From now on each page that emitted records holds back the next until its last offset is stored. */
    public void awaitStorage() {
        storage.turnOn();
    }

    /** Whether the call holds back its next page until the worker has stored the offset of its last record. */
    public boolean awaitingStorage() {
        return storage.waiting();
    }

    /**
     * The offset the worker has stored for this call (null: none): when it is the awaited one, the next page may
     * be emitted. Returns whether that released the call.
     */
    boolean stored(Map<String, ?> offset) {
        return storage.stored(offset);
    }

    /** Start (unix s) of the oldest window not emitted yet: the head window, or the next to plan. */
    public long oldestUnread() {
        WindowRead head = windows.peek();
        return head == null ? plan.cursor() : head.window().start();
    }

    /** Start of the next window to plan; where reading stands once no window is pending. */
    public long cursor() {
        return plan.cursor();
    }

    /** Nothing requested, held or waiting for a retry, and nothing the event streams could read now. */
    public boolean idle() {
        return windows.isEmpty() && retries.isEmpty() && current == null && streams.idle();
    }

    /** Launched requests and answers not yet emitted: the {@link InFlight} slots the call holds. */
    public int held() {
        int held = 0;
        for (WindowRead w : windows) {
            held += w.slotsHeld();
        }
        return held;
    }

    /** Sends the next request this call wants at {@code now}, if any; returns whether it sent one. */
    public boolean sendNext(CallDetailAction action, long nowSeconds, long nowMillis) {
        Fetch f = nextRequest(nowSeconds, nowMillis);
        if (f == null) {
            return false;
        }
        action.send(id, f);
        return true;
    }

    /**
     * Sends the request the call's emission waits for, even when the task's bound is reached: its head window's
     * next page while none of that window's requests is in flight (the probe after a full page, or the next
     * page). The slots may all be held by answers that wait for such requests, in this call or others; this adds
     * at most one request per call. Returns whether it sent one.
     */
    public boolean sendAwaited(CallDetailAction action, long nowMillis) {
        if (state != State.READING || current != null || streams.samplesEnd() != null
                || nowMillis < retryAtMillis || !retries.isEmpty()) {
            return false;
        }
        WindowRead head = windows.peek();
        if (head == null || !head.awaitsUnsentPage()) {
            return false;
        }
        action.send(id, head.nextFetch());
        return true;
    }

    /** Sends the next request of the call's event streams, if one is due; returns whether it sent one. */
    public boolean sendNextEvent(long nowMillis) {
        return state == State.READING && streams.sendNext(nowMillis);
    }

    /**
     * The next request this call wants at {@code now}, or null: a retry once its back-off has passed, else the
     * next page of a window whose page count is known, else the next window that is due.
     */
    private Fetch nextRequest(long nowSeconds, long nowMillis) {
        if (state != State.READING || streams.samplesEnd() != null || nowMillis < retryAtMillis) {
            return null;
        }
        if (!retries.isEmpty()) {
            return retries.poll();
        }
        for (WindowRead w : windows) {
            if (w.hasPageToRequest()) {
                return w.nextFetch();
            }
        }
        if (!windows.isEmpty() && (!probed || !callEnd.mayRequestAhead(plan.cursor()))) {
            return null;
        }
        if (plan.atEnd(nowSeconds)) {
            if (windows.isEmpty()) {
                samplesEnded(plan.cursor());
            }
            return null;
        }
        WindowRead w = plan.next(nowSeconds);
        if (w == null) {
            return null;
        }
        windows.add(w);
        return w.nextFetch();
    }

    /**
     * Notes finished requests: learns page counts as soon as a window's first page answers, and carries out what
     * {@code policy} decides about each failure. Call before {@link #emit}.
     *
     * @throws org.apache.kafka.connect.errors.ConnectException when the policy fails the task
     */
    public void collect(FailurePolicy policy, long nowSeconds, long nowMillis) {
        if (state == State.READING) {
            streams.collect(policy, nowMillis);
        }
        for (Iterator<WindowRead> wi = windows.iterator(); wi.hasNext() && state == State.READING; ) {
            WindowRead w = wi.next();
            for (Fetch f : w.fetches()) {
                if (!w.holds(f)) {
                    // Dropped by a reaction to an earlier failure of this round (a new pass with smaller pages):
                    // its answer belongs to the pass that ended, and its cancellation is no failure to retry.
                    continue;
                }
                if (f.firstLookAtAnswer()) {
                    CallDetailResponse r = f.answer();
                    w.learnPageCount(f.page(), r);
                    note(r);
                } else if (f.failed()) {
                    Throwable cause = f.takeFailure();
                    counters.failedRequests.incrementAndGet();
                    failingSinceMillis = Math.min(failingSinceMillis, nowMillis);
                    carryOut(policy.decide(id, f, cause, failures, failingSinceMillis, nowMillis), f);
                    if (state != State.READING || !windows.contains(w)) {
                        return;
                    }
                }
            }
        }
    }

    private void carryOut(FailurePolicy.Reaction reaction, Fetch f) {
        if (reaction instanceof FailurePolicy.RetryAt retry) {
            failures++;
            retryAtMillis = retry.atMillis();
            retries.addFirst(f);
        } else if (reaction instanceof FailurePolicy.RetryNow) {
            retries.addFirst(f);
        } else if (reaction instanceof FailurePolicy.PageBeyondLast) {
            f.window().probeRefused(f.page());
        } else if (reaction instanceof FailurePolicy.SkipWindow) {
            skipWindow(f.window());
        } else if (reaction instanceof FailurePolicy.Replan) {
            replan(f.window());
        } else if (reaction instanceof FailurePolicy.ReplanAt later) {
            replan(f.window());
            retryAtMillis = later.atMillis();
        } else if (reaction instanceof FailurePolicy.Trial trial) {
            plan.trial(trial.seconds(), trial.span());
            replan(f.window());
        } else if (reaction instanceof FailurePolicy.SmallerPages) {
            readWithSmallerPages(f.window());
        } else if (reaction instanceof FailurePolicy.Narrow narrow) {
            plan.narrow(narrow.seconds());
            replan(f.window());
        } else if (reaction instanceof FailurePolicy.JumpTo jump) {
            jumpTo(f.window(), jump.floor());
        } else if (reaction instanceof FailurePolicy.Skip skip) {
            skip(skip.reason());
        } else if (reaction instanceof FailurePolicy.Fail fail) {
            throw fail.error();
        }
    }

    private void note(CallDetailResponse answer) {
        probed = true;
        failures = 0;
        failingSinceMillis = Long.MAX_VALUE;
        callEnd.answered(answer);
    }

    /**
     * The service refused {@code from}'s start as too old: drop that window and those after it and go on from
     * {@code floor}, the oldest start still served.
     */
    private void jumpTo(WindowRead from, long floor) {
        dropFrom(from);
        plan.jump(from, floor);
    }

    /** {@code w}'s answers cannot be read: it is left out (counted), the windows after it go on. */
    private void skipWindow(WindowRead w) {
        counters.windowsSkipped.incrementAndGet();
        counters.skippedSeconds.addAndGet(w.window().end() - w.window().start());
        failures = 0;
        failingSinceMillis = Long.MAX_VALUE;
        retryAtMillis = 0;
        drop(w);
        windows.remove(w);
    }

    /**
     * {@code from} was refused as too long, or its answer was too large: drop it and the windows after it and plan
     * again from its start, in shorter windows.
     */
    private void replan(WindowRead from) {
        if (from.startPage() > 0 || from.resume() != null) {
            log.warn("Call {}: window {}, resumed from a committed offset, is read again in shorter windows, so "
                    + "records of it delivered before the restart may be repeated", id, from.window());
        }
        dropFrom(from);
        plan.again(from);
    }

    /**
     * An answer of {@code w} was too large: its pages not emitted yet are read again with fewer users a page, and
     * so are the call's windows planned from now on. The page being emitted, if it is {@code w}'s, is finished
     * first.
     */
    private void readWithSmallerPages(WindowRead w) {
        boolean emitting = current != null && windows.peek() == w;
        int firstNotEmitted = w.firstNotEmitted(emitting);
        for (Fetch f : emitting ? w.removeAllButHead() : w.removeAll()) {
            f.cancel();
            retries.remove(f);
        }
        w.readWithSmallerPages(firstNotEmitted);
        plan.smallerPages(w.pageSize());
        failures = 0;
        failingSinceMillis = Long.MAX_VALUE;
    }

    /**
     * Stops reading the call for good.
     *
     * @param reason one of a few fixed words (a metric tag): call-not-found, start-too-old, invalid-request,
     *               no-users
     */
    private void skip(String reason) {
        state = State.SKIPPED;
        counters.callSkipped(reason);
        // Windows planned but not yet emitted were never read: the call stops where its oldest open window starts.
        long readTo = windows.isEmpty() ? plan.cursor() : windows.peekFirst().window().start();
        dropAll();
        log.info("Call {} skipped ({}) at {} (unix s)", id, reason, readTo);
    }

    /**
     * The samples are read up to {@code trtc.end} ({@code end}): the call ends once its event streams are read up
     * to there too.
     */
    private void samplesEnded(long end) {
        if (!streams.any()) {
            end();
            return;
        }
        dropSamples();
        streams.samplesEnded(false, end, end, 0, null);
    }

    private void end() {
        state = State.ENDED;
        counters.callsEnded.incrementAndGet();
        dropAll();
        log.info("Call {} read up to {}: done", id, TrtcSourceConfig.END);
    }

    /** Whether the call has caught up with the settle delay (it reads in near real time). */
    public boolean caughtUp() {
        return plan.caughtUp();
    }

    /** Puts the call id in the log context (MDC key {@value #MDC_CALL}) until closed. */
    public MDC.MDCCloseable logContext() {
        return MDC.putCloseable(MDC_CALL, id.value());
    }

    private void dropFrom(WindowRead from) {
        boolean dropping = false;
        for (Iterator<WindowRead> it = windows.iterator(); it.hasNext(); ) {
            WindowRead w = it.next();
            if (w == from) {
                dropping = true;
            }
            if (dropping) {
                drop(w);
                it.remove();
            }
        }
    }

    private void drop(WindowRead w) {
        for (Fetch f : w.removeAll()) {
            f.cancel();
            retries.remove(f);
        }
        if (current != null && w == windows.peek()) {
            current = null;
        }
    }

    public void dropAll() {
        dropSamples();
        streams.dropAll();
    }

    private void dropSamples() {
        for (WindowRead w : windows) {
            drop(w);
        }
        windows.clear();
        retries.clear();
        current = null;
    }

    /**
     * Emits up to {@code budget} records of answered pages, in order; stops at the first page not yet answered.
     *
     * @return the number of records added
     */
    public int emit(int budget, List<SourceRecord> out, RecordsContext context, long nowSeconds) {
        int added = 0;
        while (added < budget && state == State.READING) {
            if (current == null) {
                if (storage.waiting()) {
                    break;
                }
                // Between pages: the event streams' records go out, and later pages carry their positions.
                added += streams.emit(budget - added, out, storage);
                if (streams.samplesEnd() != null) {
                    added += finishWhenStreamsDone(budget - added, out, context);
                    break;
                }
                if (added >= budget || !openNextPage(context, nowSeconds)) {
                    break;
                }
            }
            while (added < budget && current.hasNext()) {
                SourceRecord record = current.next();
                out.add(record);
                storage.emitted(record.sourceOffset());
                streams.emitted(record);
                added++;
            }
            if (!current.hasNext()) {
                closePage(nowSeconds);
            }
        }
        return added;
    }

    /**
     * The samples ended: once every event stream has read up to their end, the call-end record goes out (a
     * finished call) carrying the finished offset, or the call ends at {@code trtc.end}.
     */
    private int finishWhenStreamsDone(int budget, List<SourceRecord> out, RecordsContext context) {
        if (!streams.done() || budget <= 0) {
            return 0;
        }
        CallEventStreams.SamplesEnd end = streams.samplesEnd();
        if (!end.finished()) {
            end();
            return 0;
        }
        out.add(streams.callEnd(context.builder()));
        state = State.FINISHED;
        counters.callsFinished.incrementAndGet();
        dropAll();
        log.info("Call {} finished: nobody in it since {} (unix s)", id, end.quietSince());
        return 1;
    }

    private boolean openNextPage(RecordsContext context, long nowSeconds) {
        WindowRead w = windows.peek();
        if (w == null) {
            return false;
        }
        Fetch f = w.head();
        if (f == null || !f.answered() || !w.pageCountKnownFor(f.page())) {
            return false;
        }
        CallDetailResponse answer = f.answer();
        if (f.page() == 0 && w.startPage() == 0 && w.pass() == 1 && context.failures() != null) {
            boolean nobody = listsNobody(answer);
            boolean trial = plan.isTrial(w);
            plan.trialRead(w, !nobody);
            String why = nobody ? whyUsersExpected(w) : null;
            if (why != null) {
                FailurePolicy.Reaction r = context.failures().emptyWhereUsersMustBe(id, w, why, trial, nowSeconds);
                if (!(r instanceof FailurePolicy.Ignore)) {
                    carryOut(r, f);
                    return false;
                }
            }
        }
        PageResume.Scope resume = w.resumeOf(f.page(), answer);
        int pass = w.pass();
        WindowRead.Admission admitted = w.admit(f.page(), answer);
        if (w.pass() > pass) {
            // The pass that ended may have requested pages beyond its last: the next pass asks for its own.
            for (Fetch extra : w.removeAllButHead()) {
                extra.cancel();
                retries.remove(extra);
            }
            counters.windowsReread.incrementAndGet();
            log.warn("Call {} window {}: the service's user order shifted between the window's pages ({}), so a "
                    + "user may have fallen between two of them: reading the pages again from page {} (pass {}); "
                    + "what was delivered is not delivered again", id, w.window(), w.rereadReason(), w.startPage(),
                    w.pass());
        } else if (admitted.lastPage() && w.shiftUnresolved()) {
            log.warn("Call {} window {}: the service's user order still shifted between the window's pages after "
                    + "{} readings; users who fell between two pages in the last one may be missing from it", id,
                    w.window(), w.pass());
        }
        current = new PageRecords(id, partition, w.window(), w.eventsFrom(), f.page(), admitted, answer,
                context.builder(), context.snapshots(), resume);
        if (current.lastPage() && callEnd.windowFinishesCall(w)) {
            current.finishesCall(callEnd.quietSince(), callEnd.room());
            if (streams.any()) {
                current.withholdCallEnd();
            }
        }
        streams.pageOpened(answer);
        current.carrying(streams.positions());
        if (resume != null && resume.at().skip() > 0) {
            int missing = current.skip(resume.at().skip());
            if (missing > 0) {
                log.warn("Call {} window {} page {}: resuming after record {} (an offset of format version 1), but "
                        + "the page now has {} fewer records (the service's data changed since)", id, w.window(),
                        f.page(), resume.at().skip(), missing);
            }
        }
        if (!current.movedUsers().isEmpty()) {
            log.warn("Call {} window {} page {}: resuming after records of {}, whom the page no longer lists (the "
                    + "service's user order changed since they were delivered): records of users who moved to "
                    + "another page of this window may be missed or repeated", id, w.window(), f.page(),
                    current.movedUsers());
        }
        return true;
    }

    private static boolean listsNobody(CallDetailResponse answer) {
        if (!answer.userList().isEmpty()) {
            return false;
        }
        for (QualitySeries s : answer.data()) {
            if (s.size() > 0) {
                return false;
            }
        }
        return true;
    }

    /** Why a user must be listed in window {@code w}; null when none need be. */
    private String whyUsersExpected(WindowRead w) {
        if (presentAt == w.window().start()) {
            return "a user listed in the window before it stays past its start";
        }
        if (id.createTime().isPresent()) {
            long created = id.createTime().getAsLong();
            if (w.window().start() <= created && created + CREATOR_GRACE < w.window().end()) {
                return "the call was created at " + created + " (unix s), in it";
            }
        }
        return null;
    }

    private void closePage(long nowSeconds) {
        WindowRead w = windows.peek();
        PageRecords page = current;
        current = null;
        Fetch emitted = w.head();
        w.removeHead();
        emitted.release();
        storage.pageDone();
        if (!page.lastPage()) {
            return;
        }
        // Pages requested beyond a short page are not needed.
        for (Fetch extra : w.removeAll()) {
            extra.cancel();
            retries.remove(extra);
        }
        windows.poll();
        presentAt = w.staysPastEnd() ? w.window().end() : Long.MIN_VALUE;
        if (!page.finishesCall()) {
            // The plan reaches the live edge as soon as its last window is requested; the samples follow the call
            // only once that window has closed too. Before, windows requested ahead still close one by one.
            streams.windowClosed(w.window().end(), plan.caughtUp() && windows.isEmpty());
        }
        if (page.finishesCall() && streams.any()) {
            // The call-end record waits for the event streams (see emit).
            dropSamples();
            CallPosition again = w.readAgainFromStart();
            streams.callFinished(again != null ? again : page.start(), again != null, w.window().start(),
                    w.window().end(), callEnd.quietSince(), callEnd.room());
        } else if (page.finishesCall()) {
            state = State.FINISHED;
            counters.callsFinished.incrementAndGet();
            dropAll();
            log.info("Call {} finished: nobody in it since {} (unix s)", id, callEnd.quietSince());
        } else if (planner.ended(w.window().end()) && windows.isEmpty()) {
            samplesEnded(w.window().end());
        } else if (!callEnd.hadUsers() && nowSeconds > created + planner.lookbackSeconds() && windows.isEmpty()) {
            log.warn("Call {} has listed no user since it was created, which is now beyond the service's "
                    + "lookback ({}): it is no longer polled", id, TrtcSourceConfig.LOOKBACK_MS);
            skip("no-users");
        }
    }

    /** What emitting needs from the task. */
    public interface RecordsContext {
        SampleRecordBuilder builder();

        /** The wide shape's builder; null when measurements are emitted as samples. */
        default SnapshotRecordBuilder snapshots() {
            return null;
        }

        /** What an answer that lists nobody where a user must be means; null to take every answer as it is. */
        default FailurePolicy failures() {
            return null;
        }
    }

    @Override
    public String toString() {
        return id + " " + state + " cursor " + plan.cursor();
    }
}
