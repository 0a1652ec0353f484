package dev.kafkaconnect.trtc.connector.offsets;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A source offset (format version 2; 3 while a window is read again; 4 with the event streams' positions) as a
 * tiny immutable map over a {@link CallPosition} and the {@link StreamPositions}: every record carries
 * one, so it must cost one small object rather than a hash table. The records of a page share one position and
 * differ only in the identity of the last delivered records: the participant event (few per page, each built
 * once) and the sample or snapshot, held as its series or direction (built once per series) and time. Keys appear
 * in a fixed order; absent ones (no event or sample delivered from the page, an uplink's peer, flags that are
 * false, a stream not read) are left out.
 */
final class OffsetMap extends AbstractMap<String, Object> {
    private final CallPosition position;
    private final EventId event;
    private final SeriesKey series;
    private final long time;
    /** The event streams' positions; null when none has one (the offset is then exactly format 2 or 3). */
    private final ExperiencePosition experiences;
    private final UserEventPosition userEvents;

    OffsetMap(CallPosition position, StreamPositions streams) {
        this(position, position.lastEvent(), position.lastSample() == null ? null : position.lastSample().series(),
                position.lastSample() == null ? 0 : position.lastSample().time(), streams);
    }

    /**
     * The offset of {@code position} after the event {@code event} and the sample of {@code series} (null: none)
     * at {@code time}.
     */
    OffsetMap(CallPosition position, EventId event, SeriesKey series, long time, StreamPositions streams) {
        if (position.skip() != 0) {
            throw new IllegalArgumentException("a position by count (format version 1) is read, never written");
        }
        this.position = position;
        this.event = event;
        this.series = series;
        this.time = time;
        this.experiences = streams == null ? null : streams.experiences();
        this.userEvents = streams == null ? null : streams.userEvents();
    }

    StreamPositions streams() {
        return experiences == null && userEvents == null ? StreamPositions.NONE
                : new StreamPositions(experiences, userEvents);
    }

    /** The position as written: the page's users only inside the page. */
    CallPosition position() {
        SampleId sample = series == null ? null : new SampleId(series, time);
        CallPosition at = position.lastEvent() == event && java.util.Objects.equals(position.lastSample(), sample)
                ? position : position.after(event, sample);
        return at.insidePage() || at.pageUsers().isEmpty() ? at : at.withPageUsers(java.util.Set.of());
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String k)) {
            return null;
        }
        return switch (k) {
            case OffsetCodec.VERSION -> namesPageUsers() ? OffsetCodec.OFFSET_VERSION_PAGE_USERS
                    : experiences != null || userEvents != null ? OffsetCodec.OFFSET_VERSION_STREAMS
                    : position.rereading() || position.smallerPages()
                    ? OffsetCodec.OFFSET_VERSION_REREAD : OffsetCodec.OFFSET_VERSION;
            case OffsetCodec.CURSOR -> position.cursor();
            case OffsetCodec.WINDOW_END -> position.inWindow() ? position.windowEnd() : null;
            case OffsetCodec.PAGE -> position.page();
            case OffsetCodec.PAGE_SIZE -> position.smallerPages() ? position.pageSize() : null;
            case OffsetCodec.PASS -> position.rereading() ? position.pass() : null;
            case OffsetCodec.DONE -> position.rereading() ? OffsetCodec.doneText(position.done()) : null;
            case OffsetCodec.EVENT_USER -> event == null ? null : event.userId();
            case OffsetCodec.EVENT_TIME -> event == null ? null : event.time();
            case OffsetCodec.EVENT -> event == null ? null : event.event().name();
            case OffsetCodec.SAMPLE_USER -> series == null ? null : series.userId();
            case OffsetCodec.SAMPLE_PEER -> series == null ? null : series.peerId();
            case OffsetCodec.SAMPLE_METRIC -> series == null ? null : series.metric();
            case OffsetCodec.SAMPLE_TIME -> series == null ? null : time;
            case OffsetCodec.PAGE_USERS -> namesPageUsers() ? UserEventCodec.usersText(position.pageUsers()) : null;
            case OffsetCodec.FIRST -> position.first() ? Boolean.TRUE : null;
            case OffsetCodec.FINISHED -> position.finished() ? Boolean.TRUE : null;
            case OffsetCodec.EXPERIENCE_CURSOR -> experiences == null ? null : experiences.cursor();
            case OffsetCodec.EXPERIENCE_ROOM -> experiences == null ? null : experiences.room();
            case OffsetCodec.EXPERIENCE_TIME -> lastExperience() == null ? null : lastExperience().timeMillis();
            case OffsetCodec.EXPERIENCE_USER -> lastExperience() == null ? null : lastExperience().userId();
            case OffsetCodec.EXPERIENCE_ID -> lastExperience() == null ? null : lastExperience().experienceId();
            case OffsetCodec.USER_EVENTS_CURSOR -> userEvents == null ? null : userEvents.cursor();
            case OffsetCodec.USER_EVENTS_ROOM -> userEvents == null ? null : userEvents.room();
            case OffsetCodec.USER_EVENTS_FROM -> userEvents == null || !userEvents.inBatch() ? null : userEvents.from();
            case OffsetCodec.USER_EVENTS_USERS -> userEvents == null || !userEvents.inBatch() ? null
                    : UserEventCodec.usersText(userEvents.batch());
            case OffsetCodec.USER_EVENTS_LAST -> userEvents == null || userEvents.last() == null ? null
                    : UserEventCodec.lastText(userEvents.last());
            case OffsetCodec.USER_EVENTS_PENDING -> userEvents == null || userEvents.pending().isEmpty() ? null
                    : UserEventCodec.usersText(userEvents.pending());
            default -> null;
        };
    }

    @Override
    public boolean containsKey(Object key) {
        return switch (String.valueOf(key)) {
            case OffsetCodec.VERSION, OffsetCodec.CURSOR, OffsetCodec.WINDOW_END, OffsetCodec.PAGE -> true;
            case OffsetCodec.PASS, OffsetCodec.DONE -> position.rereading();
            case OffsetCodec.PAGE_SIZE -> position.smallerPages();
            case OffsetCodec.EVENT_USER, OffsetCodec.EVENT_TIME, OffsetCodec.EVENT -> event != null;
            case OffsetCodec.SAMPLE_USER, OffsetCodec.SAMPLE_TIME -> series != null;
            case OffsetCodec.SAMPLE_PEER -> series != null && series.peerId() != null;
            case OffsetCodec.SAMPLE_METRIC -> series != null && series.metric() != null;
            case OffsetCodec.PAGE_USERS -> namesPageUsers();
            case OffsetCodec.FIRST -> position.first();
            case OffsetCodec.FINISHED -> position.finished();
            case OffsetCodec.EXPERIENCE_CURSOR -> experiences != null;
            case OffsetCodec.EXPERIENCE_ROOM -> experiences != null && experiences.room() != null;
            case OffsetCodec.EXPERIENCE_TIME, OffsetCodec.EXPERIENCE_USER, OffsetCodec.EXPERIENCE_ID ->
                    lastExperience() != null;
            case OffsetCodec.USER_EVENTS_CURSOR -> userEvents != null;
            case OffsetCodec.USER_EVENTS_ROOM -> userEvents != null && userEvents.room() != null;
            case OffsetCodec.USER_EVENTS_FROM, OffsetCodec.USER_EVENTS_USERS -> userEvents != null
                    && userEvents.inBatch();
            case OffsetCodec.USER_EVENTS_LAST -> userEvents != null && userEvents.last() != null;
            case OffsetCodec.USER_EVENTS_PENDING -> userEvents != null && !userEvents.pending().isEmpty();
            default -> false;
        };
    }

    @Override
    public int size() {
        int n = 4 + (event == null ? 0 : 3) + (position.first() ? 1 : 0) + (position.finished() ? 1 : 0)
                + (position.rereading() ? 2 : 0) + (position.smallerPages() ? 1 : 0) + (namesPageUsers() ? 1 : 0);
        if (series != null) {
            n += 2 + (series.peerId() == null ? 0 : 1) + (series.metric() == null ? 0 : 1);
        }
        if (experiences != null) {
            n += 1 + (experiences.room() == null ? 0 : 1) + (experiences.last() == null ? 0 : 3);
        }
        if (userEvents != null) {
            n += 1 + (userEvents.room() == null ? 0 : 1) + (userEvents.inBatch() ? 2 : 0)
                    + (userEvents.last() == null ? 0 : 1) + (userEvents.pending().isEmpty() ? 0 : 1);
        }
        return n;
    }

    /** Inside a page (a record of it delivered), with its users known. */
    private boolean namesPageUsers() {
        return (event != null || series != null) && !position.pageUsers().isEmpty();
    }

    private ExperienceId lastExperience() {
        return experiences == null ? null : experiences.last();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        skipAbsent();
                        return next < OffsetCodec.KEYS.size();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        String key = OffsetCodec.KEYS.get(next++);
                        return new SimpleImmutableEntry<>(key, get(key));
                    }

                    private void skipAbsent() {
                        while (next < OffsetCodec.KEYS.size() && !containsKey(OffsetCodec.KEYS.get(next))) {
                            next++;
                        }
                    }
                };
            }

            @Override
            public int size() {
                return OffsetMap.this.size();
            }
        };
    }
}
