package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.EventId;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.connector.offsets.SampleId;
import dev.kafkaconnect.trtc.connector.offsets.SeriesKey;
import dev.kafkaconnect.trtc.connector.offsets.StreamPositions;
import dev.kafkaconnect.trtc.records.ParticipantEvent;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRows;
import dev.kafkaconnect.trtc.records.SnapshotValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records of one answered page, produced one at a time in the page's canonical order: participant events
 * first, by {@link EventId} (time, user, JOINED before LEFT), then samples by {@link SampleId} (user, peer with the
 * uplink first, metric, time). Only points inside the window count. The order is total: a sample identity that an
 * answer repeats (a series sent twice, a time sent twice within a series) is one record, the first sent.
 *
 * <p>Each record carries the offset after itself: inside the page, the identity of the last event and of the last
 * sample delivered from it (see {@link CallPosition}); after the page's last record, the next page; after the
 * window's last record, the next window's start. When the window finishes the call, a call-end record follows the
 * page's records and alone carries the finished offset; the records before it carry positions inside the page, so
 * a restart between them re-reads the page and emits just the call-end record (were the finished flag on a sample,
 * a crash after it would leave the call finished without its end record). A page re-read after a restart emits
 * exactly the records after those identities, so what was delivered is not repeated even when the service answers
 * the page differently (a user who rejoined is listed with the new stay; a user missing or added).
 *
 * <p>In the wide shape ({@code trtc.record.shape=snapshot}) the samples give way to snapshots: for each user and
 * direction, in the same order, the direction's series merged by time (a k-way merge over the series in memory),
 * one record per time with every metric. A snapshot's identity is (user, peer, time), its metric absent.
 */
public final class PageRecords {
    private record Event(CallUser user, EventId id) {
    }

    /** One user and direction of the wide shape: its rows, and the identity, key and room its records share. */
    private record Direction(SnapshotRows rows, SeriesKey id, Struct key, String room) {
    }

    private final Map<String, ?> partition;
    private final Window window;
    /** Participant events at or after this time (and before the window's end) are this page's users'. */
    private final long eventsFrom;
    private final int page;
    private final boolean lastPage;
    private boolean finishesCall;
    /** The call-end record is emitted by the call's reader once its event streams are read to the end. */
    private boolean callEndWithheld;
    /** The event streams' positions every record of the page carries beside its own. */
    private StreamPositions streams = StreamPositions.NONE;
    /** When the call ended (unix s) and its room, once {@link #finishesCall} is set. */
    private long callEndTime;
    private String callRoom;
    private final SampleRecordBuilder builder;
    private final String commId;
    private final String defaultRoom;
    private final List<Event> events = new ArrayList<>();
    private final List<SampleSpan> spans = new ArrayList<>();
    /** The wide shape's directions (instead of {@link #spans}); null in the sample shape. */
    private final List<Direction> directions;
    private final SnapshotRecordBuilder snapshots;
    private SnapshotValues row;
    private final Map<String, String> rooms = new HashMap<>();
    private final Map<String, Struct> keys = new HashMap<>();
    private final int size;
    /** The position inside this page that every record but the page's last carries, with its own identities. */
    private final CallPosition inPage;
    /** The position after the page's last record; null when the window is complete after it. */
    private final CallPosition afterPage;
    /** The users of the last delivered records a restart resumes after, when this page no longer lists them. */
    private final List<String> movedUsers = new ArrayList<>();
    /** A restart's position inside this page, or a page it is part of; null when none. */
    private final PageResume.Scope resume;
    private int index;
    private int eventIndex;
    private int spanIndex;
    private int pointIndex;
    /** The last event and sample delivered from this page (before a restart, or by this object). */
    private EventId lastEvent;
    private SeriesKey lastSeries;
    private long lastTime;

    /** Reads an answer as samples; {@code read} takes in the page's users first. */
    PageRecords(CommId call, Map<String, ?> partition, WindowRead read, int page, CallDetailResponse answer,
                SampleRecordBuilder builder) {
        this(call, partition, read, page, answer, builder, null);
    }

    /**
     * Reads an answer after {@code read} takes in the page's users ({@link WindowRead#admit}), after the records a
     * restart inside the window delivered before it ({@link WindowRead#resumeOf}).
     */
    PageRecords(CommId call, Map<String, ?> partition, WindowRead read, int page, CallDetailResponse answer,
                SampleRecordBuilder builder, SnapshotRecordBuilder snapshots) {
        this(call, partition, read, page, read.resumeOf(page, answer), answer, builder, snapshots);
    }

    private PageRecords(CommId call, Map<String, ?> partition, WindowRead read, int page, PageResume.Scope resume,
                        CallDetailResponse answer, SampleRecordBuilder builder, SnapshotRecordBuilder snapshots) {
        this(call, partition, read.window(), read.eventsFrom(), page, read.admit(page, answer), answer, builder,
                snapshots, resume);
    }

    /**
     * Reads an answer whose users {@code admitted} tells apart (those of this page, those of earlier pages of the
     * window). With {@code resume} (a restart inside this page, or inside a larger page this one is part of), only
     * the records after its last delivered event and sample are produced, of the users it applies to. With {@code snapshots}, the measurements become snapshots instead of samples.
     */
    PageRecords(CommId call, Map<String, ?> partition, Window w, long eventsFrom, int page,
                WindowRead.Admission admitted, CallDetailResponse answer, SampleRecordBuilder builder,
                SnapshotRecordBuilder snapshots, PageResume.Scope resume) {
        this.partition = partition;
        this.window = w;
        this.eventsFrom = eventsFrom;
        this.page = page;
        this.builder = builder;
        this.commId = call.value();
        this.defaultRoom = call.room();
        this.snapshots = snapshots;
        this.lastPage = admitted.lastPage();
        List<CallUser> fresh = admitted.fresh();

        this.resume = resume;
        EventId resumeEvent = resume == null ? null : resume.at().lastEvent();
        SampleId resumeSample = resume == null ? null : resume.at().lastSample();
        for (CallUser u : fresh) {
            rooms.put(u.userId(), u.roomStr());
            if (u.joinTs() < w.end() && u.joinTs() >= eventsFrom) {
                addEvent(u, new EventId(u.userId(), u.joinTs(), ParticipantEvent.JOINED), resumeEvent);
            }
            if (u.finished() && u.leaveTs() < w.end() && u.leaveTs() >= eventsFrom) {
                addEvent(u, new EventId(u.userId(), u.leaveTs(), ParticipantEvent.LEFT), resumeEvent);
            }
        }
        boolean byCount = resume != null && resume.at().skip() > 0;
        events.sort(Comparator.comparing(Event::id, byCount ? EventId.BY_COUNT_ORDER : Comparator.naturalOrder()));

        List<QualitySeries> series = new ArrayList<>();
        for (QualitySeries s : answer.data()) {
            // Series of a user listed on an earlier page of this window were emitted there.
            if (!admitted.listedEarlier().contains(s.userId())) {
                series.add(s);
            }
        }
        int count = events.size();
        if (snapshots != null) {
            directions = new ArrayList<>();
            count += directions(series, w, resumeSample);
        } else {
            directions = null;
            count += spans(series, w, resumeSample);
        }
        this.size = count;
        // The users this page's records are of: a restart inside it resumes after its records wherever they are
        // listed then.
        Set<String> own = new java.util.TreeSet<>();
        fresh.forEach(u -> addUser(own, u.userId()));
        series.forEach(s -> addUser(own, s.userId()));
        this.inPage = admitted.start().withPageUsers(own);
        this.afterPage = admitted.next();
        // Until its first record, a page inside the resumed one starts after the same records; a page reaching
        // past it does not (its users after the resumed page were never delivered).
        if (resume != null && resume.withinRange()) {
            this.lastEvent = resumeEvent;
            if (resumeSample != null) {
                lastSeries = resumeSample.series();
                lastTime = resumeSample.time();
            }
        }
        // Only a page listing all of the resumed page's users must list those its records were of.
        if (resume != null && resume.wholeRange()) {
            for (String user : new String[] {resumeEvent == null ? null : resumeEvent.userId(),
                    resumeSample == null ? null : resumeSample.series().userId()}) {
                if (user != null && !rooms.containsKey(user) && !movedUsers.contains(user)) {
                    movedUsers.add(user);
                }
            }
        }
    }

    /**
     * The wide shape: a direction's rows after the resumed snapshot's (user, peer, time); returns how many rows.
     * Directions come in the same order in both shapes; a narrow sample resumed after (the shape was changed) left
     * its direction partly delivered, which is emitted whole again rather than partly lost.
     */
    private int directions(List<QualitySeries> series, Window w, SampleId resumeAfter) {
        int count = 0;
        for (SnapshotRows rows : SnapshotRows.of(series, w.start(), w.end())) {
            SeriesKey id = new SeriesKey(rows.userId(), rows.peerId(), null);
            int order = resumeAfter == null || !resume.applies(rows.userId()) ? 1
                    : id.compareDirection(resumeAfter.series());
            if (order < 0) {
                continue;
            }
            if (order == 0 && resumeAfter.series().metric() == null) {
                rows.skipThrough(resumeAfter.time());
            }
            if (rows.hasNext()) {
                directions.add(new Direction(rows, id, key(rows.userId()),
                        rooms.getOrDefault(rows.userId(), defaultRoom)));
                count += rows.remaining();
            }
        }
        return count;
    }

    /** The narrow shape: each series' points after the resumed sample; returns how many points. */
    private int spans(List<QualitySeries> series, Window w, SampleId resumeSample) {
        List<SeriesKey> ids = new ArrayList<>(series.size());
        for (QualitySeries s : series) {
            ids.add(new SeriesKey(s.userId(), s.peerId(), s.dataType()));
        }
        Integer[] byKey = new Integer[series.size()];
        for (int i = 0; i < byKey.length; i++) {
            byKey[i] = i;
        }
        Arrays.sort(byKey, Comparator.comparing(ids::get));
        int count = 0;
        for (int i = 0; i < byKey.length; ) {
            SeriesKey id = ids.get(byKey[i]);
            int j = i + 1;
            while (j < byKey.length && ids.get(byKey[j]).equals(id)) {
                j++;
            }
            QualitySeries s = j == i + 1 ? series.get(byKey[i]) : SampleSpan.concat(series, byKey, i, j);
            i = j;
            int order = resumeSample == null || !resume.applies(id.userId()) ? 1
                    : id.compareTo(resumeSample.series());
            if (order < 0) {
                continue;
            }
            long after = order == 0 ? resumeSample.time() : Long.MIN_VALUE;
            SampleSpan span = SampleSpan.of(s, id, w, after, key(s.userId()), rooms.getOrDefault(s.userId(), defaultRoom));
            if (span.hi() > span.lo()) {
                spans.add(span);
                count += span.hi() - span.lo();
            }
        }
        return count;
    }

    private static void addUser(Set<String> users, String userId) {
        if (userId != null && !userId.isEmpty()) {
            users.add(userId);
        }
    }

    private void addEvent(CallUser u, EventId id, EventId resumeAfter) {
        if (resumeAfter == null || !resume.applies(u.userId()) || id.compareTo(resumeAfter) > 0) {
            events.add(new Event(u, id));
        }
    }

    int size() {
        return size;
    }

    boolean lastPage() {
        return lastPage;
    }

    boolean finishesCall() {
        return finishesCall;
    }

    /** The position of this page with nothing of it delivered: where a restart reads it again from. */
    CallPosition start() {
        return inPage;
    }

    /**
     * The window finishes the call, which ended at {@code endTime} (unix s) in room {@code room}: the page's
     * records are followed by a call-end record, whose offset alone says the call is finished. Only the window's
     * last page can.
     */
    void finishesCall(long endTime, String room) {
        if (!lastPage) {
            throw new IllegalStateException("only a window's last page finishes a call");
        }
        this.finishesCall = true;
        this.callEndTime = endTime;
        this.callRoom = room;
    }

    /**
     * The call-end record that {@link #finishesCall} adds is left to the call's reader, which emits it once the
     * call's event streams are read to its end: the page's records still carry positions inside the page, so a
     * restart before the call-end record re-reads the page and finds the call finished again.
     */
    void withholdCallEnd() {
        this.callEndWithheld = true;
    }

    /** Every record of the page carries {@code positions} as the event streams' positions. */
    void carrying(StreamPositions positions) {
        this.streams = positions;
    }

    /**
     * Users of the records a restart resumed after that this page no longer lists: the service's user order
     * changed since they were delivered, so users may have moved between pages.
     */
    List<String> movedUsers() {
        return movedUsers;
    }

    public boolean hasNext() {
        return index < (callEndWithheld ? size : total());
    }

    /** The page's records, and the call-end record when the page finishes the call. */
    private int total() {
        return finishesCall ? size + 1 : size;
    }

    /**
     * Skips records already delivered before a restart that named its position by count (offset format version
     * 1); returns how many could not be skipped (page shrank).
     */
    int skip(int k) {
        int missing = 0;
        for (int i = 0; i < k; i++) {
            if (index >= size) {
                missing = k - i;
                break;
            }
            deliver();
            advance();
        }
        return missing;
    }

    public SourceRecord next() {
        SourceRecord record;
        if (index == size) {
            index++;
            return builder.callEnd(partition, OffsetCodec.offset(CallPosition.boundary(window.end(), true),
                    streams), commId, callRoom, callEndTime);
        }
        if (eventIndex < events.size()) {
            Event e = events.get(eventIndex);
            deliver();
            record = builder.participant(partition, offsetAfter(index), key(e.user.userId()), e.user, e.id.event());
        } else if (directions != null) {
            Direction d = directions.get(spanIndex);
            if (row == null) {
                row = new SnapshotValues();
            }
            long time = d.rows.next(row);
            lastSeries = d.id;
            lastTime = time;
            record = snapshots.snapshot(partition, offsetAfter(index), d.key, d.room, d.rows.peerId(), time, row);
        } else {
            SampleSpan s = spans.get(spanIndex);
            int i = s.index(s.lo() + pointIndex);
            QualitySeries q = s.series();
            deliver();
            record = builder.sample(partition, offsetAfter(index), s.key(), s.room(), q.peerId(), q.dataType(),
                    q.time(i), q.value(i));
        }
        advance();
        return record;
    }

    /** Moves the identity of the last delivered record onto the current one (a snapshot: by taking its row). */
    private void deliver() {
        if (eventIndex < events.size()) {
            lastEvent = events.get(eventIndex).id;
        } else if (directions != null) {
            Direction d = directions.get(spanIndex);
            if (row == null) {
                row = new SnapshotValues();
            }
            lastSeries = d.id;
            lastTime = d.rows.next(row);
        } else {
            SampleSpan s = spans.get(spanIndex);
            lastSeries = s.id();
            lastTime = s.time(s.lo() + pointIndex);
        }
    }

    private void advance() {
        index++;
        if (eventIndex < events.size()) {
            eventIndex++;
            return;
        }
        if (directions != null) {
            if (!directions.get(spanIndex).rows.hasNext()) {
                spanIndex++;
            }
            return;
        }
        pointIndex++;
        SampleSpan s = spans.get(spanIndex);
        if (s.lo() + pointIndex >= s.hi()) {
            spanIndex++;
            pointIndex = 0;
        }
    }

    /** The offset just after record {@code i} of this page. */
    private Map<String, Object> offsetAfter(int i) {
        if (i < total() - 1) {
            return OffsetCodec.offset(inPage, lastEvent, lastSeries, lastTime, streams);
        }
        return OffsetCodec.offset(afterPage != null ? afterPage : CallPosition.boundary(window.end(), false),
                streams);
    }

    private Struct key(String userId) {
        return keys.computeIfAbsent(userId, u -> builder.key(commId, u));
    }
}
