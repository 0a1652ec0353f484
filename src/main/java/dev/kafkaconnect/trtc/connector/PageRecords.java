package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.records.ParticipantEvent;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The records of one answered page, produced one at a time in the page's canonical order: participant events
 * first (by userId, JOINED before LEFT), then samples by (userId, peerId with the uplink first, metric, time).
 * Only points inside the window count. The order depends only on the answer, so a restart that re-queries the
 * page and skips the first k records resumes exactly after the k-th.
 *
 * <p>Each record carries the offset after itself: the next record of this page; the first record of the next
 * page after the page's last one; the next window's start after the window's last record.
 */
final class PageRecords {
    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<QualitySeries> SERIES_ORDER = Comparator
            .comparing(QualitySeries::userId, NULLS_FIRST)
            .thenComparing(QualitySeries::peerId, NULLS_FIRST)
            .thenComparing(QualitySeries::dataType, NULLS_FIRST);

    private record Event(CallUser user, ParticipantEvent event) {
    }

    /**
     * A series' points inside the window: positions lo..hi-1 of the time order ({@code order} null: as sent), with
     * the key and room its records share.
     */
    private record Span(QualitySeries series, int[] order, int lo, int hi, Struct key, String room) {
        int index(int i) {
            return order == null ? i : order[i];
        }
    }

    private final Map<String, ?> partition;
    private final WindowRead read;
    private final int page;
    private final boolean lastPage;
    private boolean finishesCall;
    private final SampleRecordBuilder builder;
    private final String commId;
    private final String defaultRoom;
    private final List<Event> events = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private final Map<String, String> rooms = new HashMap<>();
    private final Map<String, Struct> keys = new HashMap<>();
    private final int size;
    /** The position inside this page that every record but the page's last carries, with its own skip. */
    private final CallPosition inPage;
    private int index;
    private int eventIndex;
    private int spanIndex;
    private int pointIndex;

    /**
     * Reads an answer. Adds the page's users to {@code read} (users it already lists are skipped here) and
     * narrows the window's last page when this page is short.
     */
    PageRecords(CommId call, Map<String, ?> partition, WindowRead read, int page, CallDetailResponse answer,
                SampleRecordBuilder builder) {
        this.partition = partition;
        this.read = read;
        this.page = page;
        this.builder = builder;
        this.commId = call.value();
        this.defaultRoom = call.room();
        Window w = read.window;

        List<CallUser> fresh = new ArrayList<>();
        int newUsers = 0;
        for (CallUser u : answer.userList()) {
            if (read.users.add(u.userId())) {
                newUsers++;
                fresh.add(u);
                read.allFinished &= u.finished();
                read.maxLeave = Math.max(read.maxLeave, u.leaveTs());
            }
        }
        // A short page ends the window; so does a page of users all seen before (a wrong Total must not loop).
        boolean endsHere = answer.userList().size() < WindowRead.PAGE_SIZE || newUsers == 0;
        if (endsHere && read.lastPage > page) {
            read.lastPage = page;
        }
        this.lastPage = page >= read.lastPage;

        fresh.sort(Comparator.comparing(CallUser::userId, NULLS_FIRST));
        for (CallUser u : fresh) {
            rooms.put(u.userId(), u.roomStr());
            if (u.joinTs() < w.end() && (u.joinTs() >= w.start() || read.first)) {
                events.add(new Event(u, ParticipantEvent.JOINED));
            }
            if (u.finished() && u.leaveTs() < w.end() && (u.leaveTs() >= w.start() || read.first)) {
                events.add(new Event(u, ParticipantEvent.LEFT));
            }
        }

        List<QualitySeries> series = new ArrayList<>();
        for (QualitySeries s : answer.data()) {
            // Series of a user listed on an earlier page of this window were emitted there.
            if (rooms.containsKey(s.userId()) || !read.users.contains(s.userId())) {
                series.add(s);
            }
        }
        series.sort(SERIES_ORDER);
        int count = events.size();
        for (QualitySeries s : series) {
            Span span = span(s, w, key(s.userId()), rooms.getOrDefault(s.userId(), defaultRoom));
            if (span.hi > span.lo) {
                spans.add(span);
                count += span.hi - span.lo;
            }
        }
        this.size = count;
        this.inPage = new CallPosition(w.start(), w.end(), page, 0, read.first, false);
    }

    private static Span span(QualitySeries s, Window w, Struct key, String room) {
        int n = s.size();
        int[] order = null;
        for (int i = 1; i < n; i++) {
            if (s.time(i) < s.time(i - 1)) {
                Integer[] boxed = new Integer[n];
                for (int j = 0; j < n; j++) {
                    boxed[j] = j;
                }
                Arrays.sort(boxed, Comparator.comparingLong(s::time));
                order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
                break;
            }
        }
        int lo = 0;
        while (lo < n && s.time(order == null ? lo : order[lo]) < w.start()) {
            lo++;
        }
        int hi = lo;
        while (hi < n && s.time(order == null ? hi : order[hi]) < w.end()) {
            hi++;
        }
        return new Span(s, order, lo, hi, key, room);
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

    /** Marks the window's last record as the call's last: its offset says the call is finished. */
    void finishesCall(boolean finishes) {
        this.finishesCall = finishes && lastPage;
    }

    boolean hasNext() {
        return index < size;
    }

    /** Skips records already delivered before a restart; returns how many could not be skipped (page shrank). */
    int skip(int k) {
        int missing = 0;
        for (int i = 0; i < k; i++) {
            if (!hasNext()) {
                missing = k - i;
                break;
            }
            advance();
        }
        return missing;
    }

    SourceRecord next() {
        Map<String, Object> offset = offsetAfter(index);
        SourceRecord record;
        if (eventIndex < events.size()) {
            Event e = events.get(eventIndex);
            record = builder.participant(partition, offset, key(e.user.userId()), e.user, e.event);
        } else {
            Span s = spans.get(spanIndex);
            int i = s.index(s.lo + pointIndex);
            QualitySeries q = s.series;
            record = builder.sample(partition, offset, s.key, s.room, q.peerId(), q.dataType(), q.time(i), q.value(i));
        }
        advance();
        return record;
    }

    private void advance() {
        index++;
        if (eventIndex < events.size()) {
            eventIndex++;
            return;
        }
        pointIndex++;
        Span s = spans.get(spanIndex);
        if (s.lo + pointIndex >= s.hi) {
            spanIndex++;
            pointIndex = 0;
        }
    }

    /** The offset just after record {@code i} of this page. */
    private Map<String, Object> offsetAfter(int i) {
        Window w = read.window;
        if (i < size - 1) {
            return OffsetCodec.offset(inPage, i + 1);
        }
        if (!lastPage) {
            return OffsetCodec.offset(new CallPosition(w.start(), w.end(), page + 1, 0, read.first, false));
        }
        return OffsetCodec.offset(CallPosition.boundary(w.end(), finishesCall));
    }

    private Struct key(String userId) {
        return keys.computeIfAbsent(userId, u -> builder.key(commId, u));
    }
}
