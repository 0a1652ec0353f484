package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.connector.offsets.StreamPositions;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A call's event streams (abnormal experiences, user events), read behind its samples. The call's reader tells
 * this what its samples did (a page opened, a window closed, the samples ended); this emits the streams' records
 * between samples pages only, so every record of the call carries every stream's position
 * ({@link StreamPositions}) and the worker's one offset per call resumes each stream exactly. Runs on the task's
 * thread only.
 */
final class CallEventStreams {
    /**
     * How long after a finished call's last user left its events are still read: one reported as the user leaves
     * may carry a time a little later, but the room may soon hold its next call.
     */
    static final long AFTER_END = 60;

    /** The samples are read to their end: the call {@code finished} (its call-end record waits), or trtc.end. */
    record SamplesEnd(boolean finished, long end, long quietSince, String room) {
    }

    private final CommId id;
    private final Map<String, Object> partition;
    /** The call's abnormal experiences; null when the stream is not read. */
    private final ExperienceReader experiences;
    private final ExperienceStream experienceStream;
    /** The call's users' events; null when the stream is not read. */
    private final UserEventReader userEvents;
    private final UserEventStream userEventStream;
    /** The offset of the last record emitted (or the committed one): what a stream's record adds its position to. */
    private Map<String, ?> lastOffset;
    private SamplesEnd samplesEnd;

    CallEventStreams(CommId id, Map<String, Object> partition, CallPosition start, StreamPositions streams,
                     ExperienceStream experienceStream, UserEventStream userEventStream) {
        this.id = id;
        this.partition = partition;
        this.experienceStream = experienceStream;
        this.userEventStream = userEventStream;
        if (userEventStream != null) {
            if (streams.userEvents() == null) {
                throw new IllegalArgumentException("the user events of call " + id + " need a start");
            }
            userEvents = new UserEventReader(id, partition, streams.userEvents(), start.cursor(), start.inWindow(),
                    userEventStream.longestRange());
        } else {
            userEvents = null;
        }
        if (experienceStream != null) {
            if (streams.experiences() == null) {
                throw new IllegalArgumentException("the abnormal experiences of call " + id + " need a start");
            }
            // Whole windows before the samples' cursor were emitted before the restart.
            experiences = new ExperienceReader(id, partition, streams.experiences(), start.cursor());
        } else {
            experiences = null;
        }
        // A position by count (an offset of format 1) cannot be written again: until the call's first record, the
        // streams' records name the start of its page, which a restart reads again in full.
        this.lastOffset = OffsetCodec.offset(start.skip() > 0
                ? new CallPosition(start.cursor(), start.windowEnd(), start.page(), 0, start.first(), start.finished())
                : start, streams);
    }

    /** Whether any event stream is read. */
    boolean any() {
        return experiences != null || userEvents != null;
    }

    /** Every stream's position, which every record of the call carries. */
    StreamPositions positions() {
        return new StreamPositions(experiences == null ? null : experiences.position(),
                userEvents == null ? null : userEvents.position());
    }

    /** A samples record went out: the streams' records carry its position from now on. */
    void emitted(SourceRecord record) {
        lastOffset = record.sourceOffset();
    }

    /**
     * A samples page is opened for emitting: the rooms and users it lists are taken now (not as answers come), so
     * that records carry them at the same place in every run.
     */
    void pageOpened(CallDetailResponse answer) {
        if (answer.userList().isEmpty()) {
            return;
        }
        // Both event actions need the room; an answer without RoomStr leaves the CommId's part, right for a
        // numeric room.
        String room = id.room();
        for (CallUser u : answer.userList()) {
            if (u.roomStr() != null && !u.roomStr().isEmpty()) {
                room = u.roomStr();
                break;
            }
        }
        if (experiences != null) {
            experiences.roomListed(room);
        }
        if (userEvents != null) {
            userEvents.pageOpened(room, answer.userList());
        }
    }

    /**
     * The samples emitted every window up to {@code end}; {@code caughtUp}: they follow the call in near real time
     * (else they are catching up, and the user events wait to read longer ranges in fewer requests).
     */
    void windowClosed(long end, boolean caughtUp) {
        // The samples are between windows now, whether or not the window's last pages emitted a record: the
        // streams' records name that, as the window's last record would. A position inside the window (its last
        // record's) would have a restart read the rest of the window again, a pass that may since have ended.
        lastOffset = OffsetCodec.offset(CallPosition.boundary(end, false), positions());
        if (experiences != null) {
            experiences.readableTo(end);
        }
        if (userEvents != null) {
            userEvents.windowClosed(end, caughtUp);
        }
    }

    /**
     * The samples ended at {@code end}: the call finished (last user left at {@code quietSince}, in {@code room}),
     * or was read to {@code trtc.end}. The streams read up to there (a finished call's, to a minute after its last
     * user left, within the window that finished it, which starts at {@code windowStart}).
     */
    void samplesEnded(boolean finished, long windowStart, long end, long quietSince, String room) {
        samplesEnd = new SamplesEnd(finished, end, quietSince, room);
        long readTo = finished ? Math.max(windowStart, Math.min(end, quietSince + AFTER_END)) : end;
        if (experiences != null) {
            experiences.samplesEnd(readTo);
        }
        if (userEvents != null) {
            userEvents.samplesEnd(readTo);
        }
    }

    /**
     * A samples page finished the call: as {@link #samplesEnded}, and until the call-end record the streams'
     * records name {@code readAgain} as the samples' position, so that a restart reads the finishing window again
     * and finds the call finished, at the same end time: {@code wholeWindow}, the window from page 0 naming all it
     * delivered; else (its users before the page are not known) the finishing page, unless a record of it went out,
     * whose position does. A position after the window would leave little to tell, since the windows after a
     * finished call list nobody (or only the users' last stays).
     */
    void callFinished(CallPosition readAgain, boolean wholeWindow, long windowStart, long end, long quietSince,
                      String room) {
        CallPosition last = OffsetCodec.position(lastOffset);
        if (wholeWindow || last.cursor() != readAgain.cursor() || last.windowEnd() != readAgain.windowEnd()
                || last.page() != readAgain.page() || last.pass() != readAgain.pass()) {
            lastOffset = OffsetCodec.offset(readAgain, positions());
        }
        samplesEnded(true, windowStart, end, quietSince, room);
    }

    /** Where the samples ended; null while they go on. */
    SamplesEnd samplesEnd() {
        return samplesEnd;
    }

    /** Whether no stream has a request to send, in flight or an answer to emit. */
    boolean idle() {
        return (experiences == null || experiences.idle())
                && (userEvents == null || userEvents.idle(userEventStream));
    }

    /** Whether every stream has read up to where the samples ended. */
    boolean done() {
        return samplesEnd != null && (experiences == null || experiences.done())
                && (userEvents == null || userEvents.done());
    }

    /** Sends the next request of a stream, if one is due and the stream has room; returns whether one was sent. */
    boolean sendNext(long nowMillis) {
        boolean sent = experiences != null && experiences.sendNext(experienceStream, nowMillis);
        return userEvents != null && userEvents.sendNext(userEventStream, nowMillis) || sent;
    }

    void collect(FailurePolicy policy, long nowMillis) {
        if (experiences != null) {
            experiences.collect(experienceStream, policy, nowMillis);
        }
        if (userEvents != null) {
            userEvents.collect(userEventStream, policy, nowMillis);
        }
    }

    /**
     * Emits up to {@code budget} of the streams' records (between samples pages only); each is handed to
     * {@code storage} like a page's, and a batch that emitted records counts as a page for one-request repeats.
     */
    int emit(int budget, List<SourceRecord> out, StorageWait storage) {
        if (!any() || budget <= 0) {
            return 0;
        }
        int from = out.size();
        int added = 0;
        if (experiences != null) {
            added += experiences.emit(experienceStream, budget, out,
                    position -> OffsetCodec.withStreams(lastOffset, positions().withExperiences(position)));
        }
        if (userEvents != null && added < budget) {
            added += userEvents.emit(userEventStream, budget - added, out,
                    position -> OffsetCodec.withStreams(lastOffset, positions().withUserEvents(position)));
        }
        if (added > 0) {
            for (int i = from; i < out.size(); i++) {
                storage.emitted(out.get(i).sourceOffset());
            }
            lastOffset = out.get(out.size() - 1).sourceOffset();
            storage.pageDone();
        }
        return added;
    }

    /** The finished call's call-end record, carrying the finished offset and every stream's last position. */
    SourceRecord callEnd(SampleRecordBuilder builder) {
        return builder.callEnd(partition, OffsetCodec.offset(CallPosition.boundary(samplesEnd.end(), true),
                positions()), id.value(), samplesEnd.room(), samplesEnd.quietSince());
    }

    void dropAll() {
        if (experiences != null) {
            experiences.dropAll();
        }
        if (userEvents != null) {
            userEvents.dropAll();
        }
    }
}
