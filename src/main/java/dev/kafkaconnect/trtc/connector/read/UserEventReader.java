package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.UserEvent;
import dev.kafkaconnect.trtc.api.UserEventGroup;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.api.UserEventResponse;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.UserEventId;
import dev.kafkaconnect.trtc.connector.offsets.UserEventPosition;
import dev.kafkaconnect.trtc.records.UserEventRecordBuilder.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Reads the event timelines of one call's users ({@code DescribeUserEvent}, one request per user and range) behind
 * its samples. Every user a samples page lists is noted (pending); once the samples are between windows, the
 * pending users are read over the range the samples have emitted since the last batch, user after user in id order,
 * each user's events in time order ({@link UserEventId}), each once. A user who rejoins is listed again by a later
 * window and so read again for the later range. Runs on the task's thread only.
 */
final class UserEventReader {
    private final CommId id;
    private final Map<String, Object> partition;
    private UserEventPosition position;
    /** Time the samples reader has emitted whole windows of (unix s). */
    private long readableTo;
    /** Where the call's samples stopped for good; -1 while they go on. */
    private long finalEnd = -1;
    /** A samples window has pages emitted but is not closed: its users are not all listed yet. */
    private boolean midWindow;
    /** The samples follow the call in near real time: each window's users are read as soon as it closes. */
    private boolean caughtUp;
    private boolean stopped;
    /** The batch's requests, by user in batch order, each user's ranges in time order. */
    private final Map<String, ArrayDeque<UserEventFetch>> fetches = new LinkedHashMap<>();
    private final List<UserEventFetch> retries = new ArrayList<>();
    private final ConsecutiveFailures failures = new ConsecutiveFailures();
    private List<Emitted> pending;
    private int pendingIndex;
    private final Map<String, Struct> keys = new java.util.HashMap<>();

    UserEventReader(CommId id, Map<String, Object> partition, UserEventPosition start, long readableTo,
                    boolean midWindow, long longestRange) {
        this.id = id;
        this.partition = partition;
        this.position = start;
        this.readableTo = Math.max(start.cursor(), readableTo);
        this.midWindow = midWindow;
        if (start.inBatch()) {
            plan(start, longestRange);
        }
    }

    UserEventPosition position() {
        return position;
    }

    /** A samples page listing {@code users} in {@code room} is being emitted. */
    void pageOpened(String room, List<CallUser> users) {
        midWindow = true;
        if (position.room() == null) {
            position = position.inRoom(room);
        }
        List<String> ids = new ArrayList<>(users.size());
        for (CallUser u : users) {
            if (u.userId() != null && !u.userId().isEmpty()) {
                ids.add(u.userId());
            }
        }
        position = position.listing(ids);
    }

    void windowClosed(long end, boolean samplesCaughtUp) {
        midWindow = false;
        caughtUp = samplesCaughtUp;
        readableTo = Math.max(readableTo, end);
    }

    void samplesEnd(long end) {
        midWindow = false;
        readableTo = Math.max(readableTo, end);
        finalEnd = end;
    }

    /** Whether no batch is being read and none is due. */
    boolean idle(UserEventStream stream) {
        return stopped || !position.inBatch() && !batchDue(stream);
    }

    /**
     * Whether the next batch may start: the samples are between windows and have emitted time not read yet, and
     * either they follow the call live (read each window's users at once), or they ended, or the range reached the
     * longest one a request asks for. While the samples catch up, waiting costs nothing and reads a user's whole
     * range in one request: the API's minimum for a finished call is one request per user.
     */
    private boolean batchDue(UserEventStream stream) {
        long limit = finalEnd >= 0 ? Math.min(readableTo, finalEnd) : readableTo;
        if (midWindow || limit <= position.cursor()) {
            return false;
        }
        return caughtUp || finalEnd >= 0 || limit - position.cursor() >= stream.longestRange();
    }

    boolean done() {
        return stopped || finalEnd >= 0 && !position.inBatch() && position.cursor() >= finalEnd;
    }

    /** Sends the batch's next request, if one is due; returns whether it sent one (see {@link #head}). */
    boolean sendNext(UserEventStream stream, long nowMillis) {
        if (stopped || !stream.availability.served() || !failures.due(nowMillis) || position.room() == null) {
            return false;
        }
        UserEventFetch next = null;
        if (!retries.isEmpty()) {
            next = retries.get(0);
            if (next != head() && !stream.action.hasRoom()) {
                return false;
            }
            retries.remove(0);
        } else {
            int ahead = 0;
            for (ArrayDeque<UserEventFetch> ranges : fetches.values()) {
                for (UserEventFetch f : ranges) {
                    if (!f.launched() && !f.skipped()) {
                        next = f;
                        break;
                    }
                    ahead++;
                }
                if (next != null || ahead >= UserEventStream.REQUESTS_AHEAD) {
                    break;
                }
            }
            if (next == null || ahead >= UserEventStream.REQUESTS_AHEAD
                    || next != head() && !stream.action.hasRoom()) {
                return false;
            }
        }
        stream.action.send(id, position.room(), next);
        return true;
    }

    /**
     * The request the call's emission waits for: the current user's next range. It goes out even when the
     * stream's bound is reached, since the slots may all be held by answers waiting for it, in this call or others.
     */
    private UserEventFetch head() {
        String user = position.currentUser();
        ArrayDeque<UserEventFetch> ranges = user == null ? null : fetches.get(user);
        return ranges == null ? null : ranges.peek();
    }

    void collect(UserEventStream stream, FailurePolicy policy, long nowMillis) {
        if (!stopped && !stream.availability.served()) {
            stop();
            return;
        }
        for (ArrayDeque<UserEventFetch> ranges : List.copyOf(fetches.values())) {
            for (UserEventFetch f : List.copyOf(ranges)) {
                if (stopped || !f.failed()) {
                    continue;
                }
                Throwable cause = f.takeFailure();
                failures.failed(nowMillis);
                FailurePolicy.Reaction r = policy.decideEvent(id, UserEventRequest.ACTION, f, f.failures(),
                        f.range().requestSpan(), cause, failures.count(), failures.sinceMillis(), nowMillis,
                        stream.length);
                carryOut(stream, r, f, ranges);
            }
        }
    }

    private void carryOut(UserEventStream stream, FailurePolicy.Reaction r, UserEventFetch f,
                          ArrayDeque<UserEventFetch> ranges) {
        if (r instanceof FailurePolicy.RetryAt retry) {
            failures.retryAt(retry.atMillis());
            retries.add(0, f);
        } else if (r instanceof FailurePolicy.SkipWindow) {
            stream.counters.userEventRangesSkipped.incrementAndGet();
            failures.reset();
            f.skip();
        } else if (r instanceof FailurePolicy.Replan) {
            // Asked for again in ranges of the length learnt, in its place.
            failures.reset();
            List<UserEventFetch> all = new ArrayList<>(ranges);
            int at = all.indexOf(f);
            all.remove(at);
            all.addAll(at, split(f.userId(), f.range(), stream.longestRange()));
            ranges.clear();
            ranges.addAll(all);
        } else if (r instanceof FailurePolicy.StopStream stop) {
            stream.availability.refused(stop.why());
            stop();
        } else if (r instanceof FailurePolicy.Fail fail) {
            throw fail.error();
        }
    }

    /**
     * Emits up to {@code budget} records, user after user of the batch; between batches, starts the next one when
     * the samples are between windows. Each record's offset is {@code offsetFor} the stream's position after it.
     */
    int emit(UserEventStream stream, int budget, List<SourceRecord> out,
             Function<UserEventPosition, Map<String, Object>> offsetFor) {
        int added = 0;
        while (added < budget && !stopped) {
            if (!position.inBatch() && !nextBatch(stream)) {
                break;
            }
            String user = position.currentUser();
            ArrayDeque<UserEventFetch> ranges = fetches.get(user);
            UserEventFetch head = ranges == null ? null : ranges.peek();
            if (head == null) {
                fetches.remove(user);
                position = position.userDone();
                continue;
            }
            if (pending == null) {
                if (!head.skipped() && !head.answered()) {
                    break;
                }
                pending = head.skipped() ? List.of() : records(stream, user, head.answer(), head.range());
                pendingIndex = 0;
            }
            while (added < budget && pendingIndex < pending.size()) {
                Emitted e = pending.get(pendingIndex++);
                out.add(e.record().apply(offsetFor.apply(e.after())));
                position = e.after();
                added++;
            }
            if (pendingIndex < pending.size()) {
                break;
            }
            pending = null;
            ranges.poll().release();
        }
        stream.counters.userEventRecords.addAndGet(added);
        return added;
    }

    /** Starts the next batch if one is due; returns whether one started. */
    private boolean nextBatch(UserEventStream stream) {
        if (!batchDue(stream)) {
            return false;
        }
        long limit = finalEnd >= 0 ? Math.min(readableTo, finalEnd) : readableTo;
        if (position.pending().isEmpty() || position.room() == null) {
            // Nobody listed since the last batch: no timeline to read up to here.
            position = position.skipTo(limit);
            return false;
        }
        long to = Math.min(limit, position.cursor() + stream.longestRange());
        position = position.batch(to, to == limit);
        plan(position, stream.longestRange());
        return true;
    }

    private void plan(UserEventPosition batch, long longestRange) {
        fetches.clear();
        for (String user : batch.batch()) {
            fetches.put(user, new ArrayDeque<>(split(user, new Window(batch.from(), batch.cursor()), longestRange)));
        }
    }

    private static List<UserEventFetch> split(String user, Window range, long longest) {
        List<UserEventFetch> out = new ArrayList<>();
        for (long from = range.start(); from < range.end(); from += longest) {
            out.add(new UserEventFetch(user, new Window(from, Math.min(range.end(), from + longest))));
        }
        return out;
    }

    /**
     * A record to emit, built once its turn comes with the offset of that moment (the other streams' positions
     * may have moved since the range was answered), and the stream's position after it.
     */
    private record Emitted(Function<Map<String, Object>, SourceRecord> record, UserEventPosition after) {
    }

    /** The user's events of one range not delivered yet, in identity order, each with its position after it. */
    private List<Emitted> records(UserEventStream stream, String user, UserEventResponse answer, Window range) {
        TreeMap<UserEventId, UserEvent> byId = new TreeMap<>();
        UserEventId last = position.last();
        for (UserEventGroup group : answer.data()) {
            String peer = group.aboutOwnUplink(user) ? null : group.peerId();
            for (UserEvent e : group.events()) {
                if (e.timeMillis() < range.start() * 1000 || e.timeMillis() >= range.end() * 1000) {
                    continue;
                }
                UserEventId key = new UserEventId(e.timeMillis(), peer, e.eventId(), e.type(), e.paramOne(),
                        e.paramTwo());
                if (last == null || key.compareTo(last) > 0) {
                    byId.putIfAbsent(key, e);
                }
            }
        }
        Struct key = keys.computeIfAbsent(user, u -> stream.builder.key(id.value(), u));
        List<Emitted> records = new ArrayList<>(byId.size());
        UserEventPosition at = position;
        for (UserEventId e : byId.keySet()) {
            at = at.after(e);
            String room = at.room();
            Event event = new Event(e.peerId(), e.timeMillis(), e.eventId(), e.type(), e.paramOne(), e.paramTwo());
            records.add(new Emitted(offset -> stream.builder.userEvent(partition, offset, key, room, event), at));
        }
        return records;
    }

    void stop() {
        stopped = true;
        dropAll();
    }

    void dropAll() {
        for (ArrayDeque<UserEventFetch> ranges : fetches.values()) {
            ranges.forEach(UserEventFetch::cancel);
        }
        fetches.clear();
        retries.clear();
        pending = null;
    }
}
