package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.AbnormalEvent;
import dev.kafkaconnect.trtc.api.AbnormalExperience;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.ExperienceId;
import dev.kafkaconnect.trtc.connector.offsets.ExperiencePosition;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder.Cause;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder.Experience;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one call's abnormal experiences ({@code DescribeUnusualEvent}, per room and window) behind its samples:
 * only time that the samples reader has emitted whole windows of is read, so the room and the call's end are known
 * and a window never reaches into the room's next call. Windows are at most an hour (shorter once the service
 * refuses a length) and emitted strictly in time order, each experience once, sorted by {@link ExperienceId}.
 *
 * <p>The service returns any 20 of a window's experiences: a full answer is split into two halves asked for
 * again, down to {@link ExperienceStream#SHORTEST_WINDOW}; a full answer of that length is emitted as it is, its
 * records marked possibly incomplete. Runs on the task's thread only.
 */
final class ExperienceReader {
    private static final Logger log = LoggerFactory.getLogger(ExperienceReader.class);

    private final CommId id;
    private final Map<String, Object> partition;
    /** Requested windows in time order; the head is emitted first. */
    private final List<ExperienceFetch> windows = new ArrayList<>();
    private final List<ExperienceFetch> retries = new ArrayList<>();
    private ExperiencePosition position;
    /** Start of the next window to plan. */
    private long planned;
    /** Time the samples reader has emitted whole windows of (unix s): read up to here. */
    private long readableTo;
    /** Where the call's samples stopped for good (finished, or {@code trtc.end}); -1 while they go on. */
    private long finalEnd = -1;
    private boolean stopped;
    private final ConsecutiveFailures failures = new ConsecutiveFailures();
    /** The head window's records not emitted yet; null until its answer is taken. */
    private List<Emitted> pending;
    private int pendingIndex;

    ExperienceReader(CommId id, Map<String, Object> partition, ExperiencePosition start, long readableTo) {
        this.id = id;
        this.partition = partition;
        this.position = start;
        this.planned = start.cursor();
        this.readableTo = Math.max(start.cursor(), readableTo);
    }

    ExperiencePosition position() {
        return position;
    }

    /** The samples reader emitted every window up to {@code end}. */
    void readableTo(long end) {
        readableTo = Math.max(readableTo, end);
    }

    /** The call's samples end at {@code end} (finished, or read to {@code trtc.end}): read up to there, then stop. */
    void samplesEnd(long end) {
        readableTo(end);
        finalEnd = readableTo;
    }

    /** Whether nothing is requested, answered or due: every window the samples allow is read. */
    boolean idle() {
        return stopped || windows.isEmpty() && (planned >= readableTo || position.room() == null);
    }

    /** Whether the stream has nothing more to read for this call: read to the samples' end, or stopped. */
    boolean done() {
        return stopped || finalEnd >= 0 && position.cursor() >= finalEnd && windows.isEmpty();
    }

    /**
     * A page of the call's samples that lists users in {@code room} is being emitted: the experiences are asked for
     * in that room. Taken as pages are emitted (not as answers come), so the records carry the room at the same
     * place in every run.
     */
    void roomListed(String room) {
        if (position.room() == null && room != null && !room.isEmpty()) {
            position = position.inRoom(room);
        }
    }

    /**
     * Sends this call's next request, if one is due and the stream has room; returns whether it sent one. The
     * request the call's emission waits for (the head window's) goes out even when the stream's bound is reached:
     * the slots may all be held by answers waiting for it, in this call or others.
     */
    boolean sendNext(ExperienceStream stream, long nowMillis) {
        String room = position.room();
        if (room == null || stopped || !stream.availability.served() || !failures.due(nowMillis)) {
            return false;
        }
        ExperienceFetch f = retries.isEmpty() ? firstUnlaunched() : retries.get(0);
        boolean head = f == null ? windows.isEmpty() : windows.indexOf(f) == 0;
        if (!head && !stream.action.hasRoom()) {
            return false;
        }
        if (!retries.isEmpty()) {
            retries.remove(0);
        } else if (f == null) {
            if (windows.size() >= ExperienceStream.WINDOWS_AHEAD || planned >= readableTo) {
                return false;
            }
            f = new ExperienceFetch(new Window(planned, Math.min(readableTo, planned + stream.longestWindow())));
            planned = f.window().end();
            windows.add(f);
        }
        stream.action.send(room, f);
        return true;
    }

    private ExperienceFetch firstUnlaunched() {
        for (ExperienceFetch f : windows) {
            if (!f.launched() && !retries.contains(f)) {
                return f;
            }
        }
        return null;
    }

    /** Takes in answers and failures: splits windows whose answer was full, carries out the policy's reactions. */
    void collect(ExperienceStream stream, FailurePolicy policy, long nowMillis) {
        if (!stopped && !stream.availability.served()) {
            stop();
            return;
        }
        for (int i = 0; i < windows.size() && !stopped; i++) {
            ExperienceFetch f = windows.get(i);
            if (f.answered() && mustSplit(f)) {
                Window w = f.window();
                long mid = w.start() + (w.end() - w.start()) / 2;
                f.release();
                windows.set(i, new ExperienceFetch(new Window(w.start(), mid)));
                windows.add(i + 1, new ExperienceFetch(new Window(mid, w.end())));
                stream.counters.experienceWindowsSplit.incrementAndGet();
                failures.reset();
            } else if (f.failed()) {
                Throwable cause = f.takeFailure();
                failures.failed(nowMillis);
                carryOut(stream, policy.decideEvent(id, UnusualEventRequest.ACTION, f, f.failures(),
                        f.window().requestSpan(), cause, failures.count(), failures.sinceMillis(), nowMillis,
                        stream.length), f);
            }
        }
    }

    /** A full answer may be a sample of the window's experiences: a window longer than the floor is split. */
    private static boolean mustSplit(ExperienceFetch f) {
        Window w = f.window();
        return f.answer().possiblySampled() && w.end() - w.start() > ExperienceStream.SHORTEST_WINDOW;
    }

    private void carryOut(ExperienceStream stream, FailurePolicy.Reaction r, ExperienceFetch f) {
        if (r instanceof FailurePolicy.RetryAt retry) {
            failures.retryAt(retry.atMillis());
            retries.add(0, f);
        } else if (r instanceof FailurePolicy.SkipWindow) {
            stream.counters.experienceWindowsSkipped.incrementAndGet();
            failures.reset();
            f.skip();
        } else if (r instanceof FailurePolicy.Replan) {
            // This window and those after it are planned again with the length learnt.
            failures.reset();
            int at = windows.indexOf(f);
            for (ExperienceFetch later : windows.subList(at, windows.size())) {
                later.cancel();
                retries.remove(later);
            }
            windows.subList(at, windows.size()).clear();
            planned = f.window().start();
        } else if (r instanceof FailurePolicy.StopStream stop) {
            stream.availability.refused(stop.why());
            stop();
        } else if (r instanceof FailurePolicy.Fail fail) {
            throw fail.error();
        }
    }

    /**
     * Emits up to {@code budget} records of the answered windows, in order; stops at the first window not answered.
     * Each record's offset is {@code offsetFor} the stream's position after it.
     */
    int emit(ExperienceStream stream, int budget, List<SourceRecord> out,
             Function<ExperiencePosition, Map<String, Object>> offsetFor) {
        if (position.room() == null && finalEnd >= 0 && windows.isEmpty()) {
            // No answer of the call listed a user, so there is no room to ask in, and nobody to have experiences.
            position = position.through(finalEnd);
        }
        String room = position.room();
        int added = 0;
        while (added < budget && !stopped && !windows.isEmpty()) {
            ExperienceFetch head = windows.get(0);
            if (pending == null) {
                if (!head.skipped() && (!head.answered() || mustSplit(head))) {
                    break;
                }
                pending = head.skipped() ? List.of() : records(stream, head.answer(), head.window(), room);
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
            windows.remove(0).release();
            position = position.through(head.window().end());
        }
        stream.counters.experienceRecords.addAndGet(added);
        return added;
    }

    /** A record and the stream's position once it is delivered. */
    /**
     * A record to emit, built once its turn comes with the offset of that moment (the other streams' positions
     * may have moved since the window was answered), and the stream's position after it.
     */
    private record Emitted(Function<Map<String, Object>, SourceRecord> record, ExperiencePosition after) {
    }

    /** The records of one window's answer not delivered yet, in identity order, each carrying its position. */
    private List<Emitted> records(ExperienceStream stream, UnusualEventResponse answer, Window w, String room) {
        boolean incomplete = answer.possiblySampled();
        TreeMap<ExperienceId, AbnormalExperience> byId = new TreeMap<>();
        int otherRooms = 0;
        for (AbnormalExperience e : answer.experiences()) {
            // A service that ignores RoomId answers every room of the application: only this call's room counts.
            if (e.roomId() != null && !e.roomId().isEmpty() && !e.roomId().equals(room)) {
                otherRooms++;
                continue;
            }
            long millis = e.eventTimeMillis();
            if (e.userId() == null || e.userId().isEmpty() || millis < w.start() * 1000 || millis >= w.end() * 1000) {
                continue;
            }
            ExperienceId key = new ExperienceId(millis, e.userId(), e.experienceId());
            if (!position.delivered(key)) {
                byId.putIfAbsent(key, e);
            }
        }
        if (otherRooms > 0) {
            log.debug("Call {} {}: {} abnormal experiences of other rooms left out", id, w, otherRooms);
        }
        if (incomplete) {
            stream.counters.experiencesPossiblyIncomplete.addAndGet(byId.size());
        }
        List<Emitted> records = new ArrayList<>(byId.size());
        ExperiencePosition at = position;
        for (Map.Entry<ExperienceId, AbnormalExperience> entry : byId.entrySet()) {
            AbnormalExperience e = entry.getValue();
            List<Cause> causes = new ArrayList<>(e.abnormalEvents().size());
            for (AbnormalEvent c : e.abnormalEvents()) {
                causes.add(new Cause(c.abnormalEventId(), c.peerId()));
            }
            at = at.after(entry.getKey());
            Experience experience = new Experience(e.experienceId(), entry.getKey().timeMillis(), causes, incomplete);
            records.add(new Emitted(offset -> stream.builder.abnormalExperience(partition, offset,
                    stream.builder.key(id.value(), e.userId()), room, experience), at));
        }
        return records;
    }

    /** Stops the stream for this call: nothing more is requested or emitted. */
    void stop() {
        stopped = true;
        dropAll();
    }

    void dropAll() {
        for (ExperienceFetch f : windows) {
            f.cancel();
        }
        windows.clear();
        retries.clear();
        pending = null;
    }
}
