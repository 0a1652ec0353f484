package dev.kafkaconnect.trtc.connector.offsets;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.records.ParticipantEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source partition format (version 1) and offset formats (versions 2 and 3; version 1 still read), and their
 * validation. The task writes them; the task reads them back at start; {@code alterOffsets} checks what a user
 * supplies. Never change a format without a new version number: a silent change would re-read or skip data after
 * an upgrade.
 *
 * <pre>
 * partition: {"v": 1, "sdkAppId": "1400188366", "commId": "1400188366_218695_1590065777"}
 * offset v2: {"v": 2, "cursor": 1590065777, "windowEnd": 1590069377 | null, "page": 0,
 *             ["eventUser": "u1", "eventTime": 1590065790, "event": "JOINED"],
 *             ["sampleUser": "u1", ["samplePeer": "u2"], ["sampleMetric": "aBit"], "sampleTime": 1590065800],
 *             ["first": true], ["finished": true]}
 * offset v3: as v2, with "v": 3, ["pageSize": 3], ["pass": 2, "done": "{\"u1\":[1590065790],\"u2\":[1590065777,1590066900]}"]
 * offset v4: as v3, with "v": 4 and the event streams' positions:
 *             ["axCursor": 1590065777, ["axRoom": "218695"], ["axTime": 1590065790123, "axUser": "u1", "axId": 5]],
 *             ["ueCursor": 1590069377, ["ueRoom": "218695"], ["ueFrom": 1590065777, "ueUsers": "[\"u1\",\"u2\"]",
 *              ["ueLast": "[1590065790123,null,1003,0,2,-1]"]], ["uePending": "[\"u3\"]"]]
 * offset v5: as v4 (or v3, v2), with "v": 5 and, inside a page, "pageUsers": "[\"u1\",\"u2\"]"
 * offset v1: {"v": 1, "cursor": ..., "windowEnd": ..., "page": 0, "skip": 12, ["first": true], ["finished": true]}
 * </pre>
 *
 * A version 2 offset inside a window names the last participant event and the last sample delivered from the page
 * by their identity (a snapshot of the wide shape has no {@code sampleMetric}); version 1 named a count of
 * records, which is exact only while the service answers the page identically. Version 3 is written only inside a
 * window read with pages of fewer users ({@code pageSize}, after an answer too large for the client) or read again
 * (the user order shifted between its pages, or its page size changed): {@code pass} counts the readings and
 * {@code done} names the users already delivered from the window (their samples) with the
 * {@code JoinTs} of their stays already delivered (their participant records), so that the pages read again emit
 * exactly what was not. Version 4 adds the positions of the call's event streams ({@link StreamPositions}): the
 * abnormal experiences read up to {@code axCursor} (unix s) and, from it on, up to the one named by
 * {@code axTime} (unix ms), {@code axUser} and {@code axId}, in the room {@code axRoom} (as the call-detail answers
 * listed it; absent until they have). It is written only while an event stream is read; every
 * other offset is still written as version 2, which older releases read. Version 5 adds, to a position inside a
 * page, the users whose records the page emits ({@code pageUsers}): the records up to the last event and sample
 * named are of them, so a restart resumes after those records whichever page of the window lists them then (the
 * service's user order may have changed since).
 */
public final class OffsetCodec {
    /** The partition's format version. */
    public static final int PARTITION_VERSION = 1;
    /** The offset's format version written today. */
    public static final int OFFSET_VERSION = 2;
    /** The offset format written while a window's pages are read again ({@code pass} and {@code done}). */
    public static final int OFFSET_VERSION_REREAD = 3;
    /** The offset format that carries the event streams' positions ({@link StreamPositions}). */
    public static final int OFFSET_VERSION_STREAMS = 4;
    /** The offset format that names a page's users inside it ({@code pageUsers}). */
    public static final int OFFSET_VERSION_PAGE_USERS = 5;
    /** The first released offset format: a position by count ({@code skip}). Read, never written. */
    public static final int OFFSET_VERSION_BY_COUNT = 1;
    public static final String VERSION = "v";
    public static final String SDK_APP_ID = "sdkAppId";
    public static final String COMM_ID = "commId";
    public static final String CURSOR = "cursor";
    public static final String WINDOW_END = "windowEnd";
    public static final String PAGE = "page";
    public static final String SKIP = "skip";
    public static final String EVENT_USER = "eventUser";
    public static final String EVENT_TIME = "eventTime";
    public static final String EVENT = "event";
    public static final String SAMPLE_USER = "sampleUser";
    public static final String SAMPLE_PEER = "samplePeer";
    public static final String SAMPLE_METRIC = "sampleMetric";
    public static final String SAMPLE_TIME = "sampleTime";
    public static final String PAGE_USERS = "pageUsers";
    public static final String FIRST = "first";
    public static final String FINISHED = "finished";
    public static final String PASS = "pass";
    public static final String DONE = "done";
    public static final String PAGE_SIZE = "pageSize";
    public static final String EXPERIENCE_CURSOR = "axCursor";
    public static final String EXPERIENCE_TIME = "axTime";
    public static final String EXPERIENCE_USER = "axUser";
    public static final String EXPERIENCE_ID = "axId";
    public static final String EXPERIENCE_ROOM = "axRoom";
    public static final String USER_EVENTS_CURSOR = "ueCursor";
    public static final String USER_EVENTS_ROOM = "ueRoom";
    public static final String USER_EVENTS_FROM = "ueFrom";
    public static final String USER_EVENTS_USERS = "ueUsers";
    public static final String USER_EVENTS_LAST = "ueLast";
    public static final String USER_EVENTS_PENDING = "uePending";
    /** Offset keys (format versions 2 to 5) in the order they are written. */
    static final List<String> KEYS = List.of(VERSION, CURSOR, WINDOW_END, PAGE, PAGE_SIZE, PASS, DONE, EVENT_USER,
            EVENT_TIME, EVENT, SAMPLE_USER, SAMPLE_PEER, SAMPLE_METRIC, SAMPLE_TIME, PAGE_USERS, FIRST, FINISHED,
            EXPERIENCE_CURSOR, EXPERIENCE_ROOM, EXPERIENCE_TIME, EXPERIENCE_USER, EXPERIENCE_ID, USER_EVENTS_CURSOR,
            USER_EVENTS_ROOM, USER_EVENTS_FROM, USER_EVENTS_USERS, USER_EVENTS_LAST, USER_EVENTS_PENDING);
    /** Keys only format version 4 has. */
    private static final Set<String> STREAM_KEYS = Set.of(EXPERIENCE_CURSOR, EXPERIENCE_ROOM, EXPERIENCE_TIME,
            EXPERIENCE_USER, EXPERIENCE_ID, USER_EVENTS_CURSOR, USER_EVENTS_ROOM, USER_EVENTS_FROM,
            USER_EVENTS_USERS, USER_EVENTS_LAST, USER_EVENTS_PENDING);
    /** Keys only format version 3 has. */
    private static final Set<String> REREAD_KEYS = Set.of(PAGE_SIZE, PASS, DONE);
    /** Offset keys of format version 1. */
    static final List<String> KEYS_V1 = List.of(VERSION, CURSOR, WINDOW_END, PAGE, SKIP, FIRST, FINISHED);
    private static final Set<String> PARTITION_KEYS = Set.of(VERSION, SDK_APP_ID, COMM_ID);
    /** Longest window the API accepts with DataType set. */
    /** Unix seconds beyond this look like milliseconds (year 5138): a likely mistake in a hand-written offset. */
    private static final long MAX_PLAUSIBLE_SECONDS = 100_000_000_000L;

    private OffsetCodec() {
    }

    /**
     * Connect finds a partition's stored offset by the bytes of its serialized form, and re-creates partitions it
     * reads back (restarts, {@code GET /offsets}) as a {@code HashMap}: the partition must serialize in
     * {@code HashMap} order every time, which {@code Map.of} (randomized per JVM) does not.
     */
    public static Map<String, Object> partition(long sdkAppId, String commId) {
        Map<String, Object> partition = new HashMap<>();
        partition.put(VERSION, PARTITION_VERSION);
        partition.put(SDK_APP_ID, Long.toString(sdkAppId));
        partition.put(COMM_ID, commId);
        return partition;
    }

    public static Map<String, Object> offset(CallPosition position) {
        return new OffsetMap(position, StreamPositions.NONE);
    }

    /** The offset of {@code position} with the event streams' positions {@code streams}. */
    public static Map<String, Object> offset(CallPosition position, StreamPositions streams) {
        return new OffsetMap(position, streams);
    }

    /**
     * {@code offset} (as a task wrote it, or read back from the worker) with the event streams' positions replaced
     * by {@code streams}.
     *
     * @throws IllegalArgumentException when {@code offset} is not readable
     */
    public static Map<String, Object> withStreams(Map<String, ?> offset, StreamPositions streams) {
        return new OffsetMap(position(offset), streams);
    }

    /**
     * The offset after the event {@code event} and the sample of {@code series} (null: none) at {@code time} of the
     * page {@code position} names: records of one page share the position and their series.
     */
    public static Map<String, Object> offset(CallPosition position, EventId event, SeriesKey series, long time) {
        return new OffsetMap(position, event, series, time, StreamPositions.NONE);
    }

    /** As {@link #offset(CallPosition, EventId, SeriesKey, long)}, with the event streams' positions. */
    public static Map<String, Object> offset(CallPosition position, EventId event, SeriesKey series, long time,
                                             StreamPositions streams) {
        return new OffsetMap(position, event, series, time, streams);
    }

    /**
     * Checks a partition and returns its CommId.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public static String commId(Map<String, ?> partition, long sdkAppId) {
        if (partition == null) {
            throw new IllegalArgumentException("source partition is null");
        }
        for (String key : partition.keySet()) {
            if (!PARTITION_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown source partition field '" + key + "'; expected "
                        + VERSION + ", " + SDK_APP_ID + ", " + COMM_ID);
            }
        }
        checkPartitionVersion(partition.get(VERSION));
        if (!(partition.get(VERSION) instanceof Integer || partition.get(VERSION) instanceof Long)) {
            throw new IllegalArgumentException("source partition field '" + VERSION + "' must be the integer "
                    + PARTITION_VERSION + ", as GET /connectors/{name}/offsets shows it");
        }
        Object app = partition.get(SDK_APP_ID);
        if (app == null || !String.valueOf(app).trim().equals(Long.toString(sdkAppId))) {
            throw new IllegalArgumentException("source partition field '" + SDK_APP_ID + "' is " + app
                    + ", but this connector reads SDKAppID " + sdkAppId);
        }
        if (!(app instanceof String)) {
            throw new IllegalArgumentException("source partition field '" + SDK_APP_ID + "' must be the string \""
                    + sdkAppId + "\", as GET /connectors/{name}/offsets shows it: Connect matches partitions by "
                    + "their serialized form, so a number would name a partition the connector never reads");
        }
        Object comm = partition.get(COMM_ID);
        if (!(comm instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("source partition field '" + COMM_ID + "' must be a CommId string");
        }
        CommId id;
        try {
            id = CommId.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source partition field '" + COMM_ID + "': " + e.getMessage());
        }
        if (id.sdkAppId() != sdkAppId) {
            throw new IllegalArgumentException("source partition field '" + COMM_ID + "' " + s
                    + " belongs to SDKAppID " + id.sdkAppId() + ", not " + sdkAppId);
        }
        List<String> canonicalOrder = List.copyOf(partition(sdkAppId, id.value()).keySet());
        if (!List.copyOf(partition.keySet()).equals(canonicalOrder)) {
            throw new IllegalArgumentException("source partition fields must come in the order "
                    + String.join(", ", canonicalOrder) + ", as GET /connectors/{name}/offsets shows them: Connect "
                    + "matches partitions by their serialized form, so another order names a partition the "
                    + "connector never reads");
        }
        return id.value();
    }

    /**
     * Reads an offset written by the task (either format version) or by a user; numbers may be Integer or Long
     * (the JSON converter gives either). Only {@code cursor} is required; without {@code v}, an offset with
     * {@code skip} is read as version 1, any other as version 2.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public static CallPosition position(Map<String, ?> offset) {
        if (offset instanceof OffsetMap m) {
            return m.position();
        }
        int version = offsetVersion(offset);
        List<String> keys = version == OFFSET_VERSION_BY_COUNT ? KEYS_V1 : KEYS;
        for (String key : offset.keySet()) {
            if (!keys.contains(key) || version == OFFSET_VERSION && REREAD_KEYS.contains(key)
                    || version < OFFSET_VERSION_STREAMS && STREAM_KEYS.contains(key)
                    || version < OFFSET_VERSION_PAGE_USERS && PAGE_USERS.equals(key)) {
                throw new IllegalArgumentException("unknown source offset field '" + key + "' for format version "
                        + version + "; expected " + String.join(", ", keys));
            }
        }
        long cursor = seconds(offset, CURSOR, true);
        Object endValue = offset.get(WINDOW_END);
        long windowEnd = CallPosition.NO_WINDOW;
        if (endValue != null) {
            windowEnd = number(offset, WINDOW_END, true, 0);
            if (windowEnd <= cursor || windowEnd > cursor + CallDetailRequest.MAX_WINDOW_SECONDS) {
                throw new IllegalArgumentException("source offset field '" + WINDOW_END + "' is " + windowEnd
                        + ": must be null or within (cursor, cursor + " + CallDetailRequest.MAX_WINDOW_SECONDS + "] = (" + cursor
                        + ", " + (cursor + CallDetailRequest.MAX_WINDOW_SECONDS) + "]");
            }
        }
        long page = number(offset, PAGE, false, 0);
        long skip = number(offset, SKIP, false, 0);
        if (page > Integer.MAX_VALUE || skip > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("source offset field '" + (page > Integer.MAX_VALUE ? PAGE : SKIP)
                    + "' is too large");
        }
        EventId event = eventId(offset, windowEnd);
        SampleId sample = sampleId(offset, cursor, windowEnd);
        if (windowEnd == CallPosition.NO_WINDOW && (page != 0 || skip != 0)) {
            throw new IllegalArgumentException("source offset fields '" + PAGE + "' and '" + SKIP
                    + "' must be 0 when '" + WINDOW_END + "' is null (they address records inside a window)");
        }
        long pass = number(offset, PASS, false, 1);
        if (pass < 1 || pass > MAX_PASS) {
            throw new IllegalArgumentException("source offset field '" + PASS + "' is " + pass + ": must be within [1, "
                    + MAX_PASS + "]");
        }
        Map<String, Set<Long>> done = done(offset, windowEnd);
        if (pass > 1) {
            requireWindow(windowEnd, PASS);
        }
        long pageSize = number(offset, PAGE_SIZE, false, CallPosition.DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > CallPosition.DEFAULT_PAGE_SIZE) {
            throw new IllegalArgumentException("source offset field '" + PAGE_SIZE + "' is " + pageSize
                    + ": must be within [1, " + CallPosition.DEFAULT_PAGE_SIZE + "]");
        }
        if (pageSize != CallPosition.DEFAULT_PAGE_SIZE) {
            requireWindow(windowEnd, PAGE_SIZE);
        }
        if (!done.isEmpty() && pass == 1) {
            throw new IllegalArgumentException("source offset field '" + DONE + "' needs '" + PASS
                    + "' of 2 or more: it names what earlier passes over the window's pages delivered");
        }
        Set<String> pageUsers = Set.of();
        if (offset.get(PAGE_USERS) != null) {
            if (event == null && sample == null) {
                throw new IllegalArgumentException("source offset field '" + PAGE_USERS + "' needs '" + EVENT_USER
                        + "' or '" + SAMPLE_USER + "': it names the users of the records delivered from the page");
            }
            pageUsers = new java.util.TreeSet<>(UserEventCodec.users(offset, PAGE_USERS));
        }
        return new CallPosition(cursor, windowEnd, (int) page, (int) skip, event, sample, bool(offset, FIRST),
                bool(offset, FINISHED), (int) pass, done, (int) pageSize, pageUsers);
    }

    /**
     * Reads the event streams' positions of an offset (format version 4; none in older ones), checked as
     * {@link #position} checks the rest.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public static StreamPositions streams(Map<String, ?> offset) {
        if (offset instanceof OffsetMap m) {
            return m.streams();
        }
        position(offset);
        return new StreamPositions(experiences(offset), UserEventCodec.position(offset));
    }

    private static ExperiencePosition experiences(Map<String, ?> offset) {
        if (offset.get(EXPERIENCE_CURSOR) == null) {
            for (String alone : List.of(EXPERIENCE_ROOM, EXPERIENCE_TIME, EXPERIENCE_USER, EXPERIENCE_ID)) {
                if (offset.get(alone) != null) {
                    throw new IllegalArgumentException("source offset field '" + alone + "' needs '"
                            + EXPERIENCE_CURSOR + "'");
                }
            }
            return null;
        }
        long cursor = seconds(offset, EXPERIENCE_CURSOR, true);
        ExperienceId last = null;
        if (together(offset, EXPERIENCE_TIME, EXPERIENCE_USER, EXPERIENCE_ID)) {
            long millis = number(offset, EXPERIENCE_TIME, true, 0);
            long id = number(offset, EXPERIENCE_ID, true, 0);
            if (id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("source offset field '" + EXPERIENCE_ID + "' is too large: " + id);
            }
            if (millis < cursor * 1000) {
                throw new IllegalArgumentException("source offset field '" + EXPERIENCE_TIME + "' is " + millis
                        + " (unix ms): the last delivered experience lies at or after '" + EXPERIENCE_CURSOR + "' ("
                        + cursor + " s)");
            }
            last = new ExperienceId(millis, text(offset, EXPERIENCE_USER), (int) id);
        }
        String room = offset.get(EXPERIENCE_ROOM) == null ? null : text(offset, EXPERIENCE_ROOM);
        return new ExperiencePosition(cursor, last, room);
    }

    /** Readings of one window's pages the connector ever needs; more would mean a service that never settles. */
    public static final int MAX_PASS = 100;

    /**
     * The users (and their stays' JoinTs) an earlier pass over the window delivered. Connect allows only primitive
     * values in an offset, so it is a string holding a JSON object of user ids to lists of JoinTs.
     */
    private static Map<String, Set<Long>> done(Map<String, ?> offset, long windowEnd) {
        Object v = offset.get(DONE);
        if (v == null) {
            return Map.of();
        }
        requireWindow(windowEnd, DONE);
        JsonNode users;
        try {
            users = v instanceof String text ? JSON.readTree(text) : null;
        } catch (JsonProcessingException e) {
            users = null;
        }
        if (users == null || !users.isObject()) {
            throw new IllegalArgumentException("source offset field '" + DONE + "' must be a string holding a JSON "
                    + "object of user ids to lists of JoinTs (unix s), such as {\"u1\": [1790000000]}, got " + v);
        }
        Map<String, Set<Long>> done = new java.util.TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = users.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String user = e.getKey();
            if (user.isEmpty() || !e.getValue().isArray()) {
                throw new IllegalArgumentException("source offset field '" + DONE + "' must map non-empty user ids "
                        + "to lists of JoinTs (unix s), got \"" + user + "\": " + e.getValue());
            }
            Set<Long> times = new java.util.TreeSet<>();
            for (JsonNode join : e.getValue()) {
                if (!join.isIntegralNumber() || !join.canConvertToLong() || join.asLong() < 0
                        || join.asLong() > MAX_PLAUSIBLE_SECONDS) {
                    throw new IllegalArgumentException("source offset field '" + DONE + "' for user " + user
                            + " must list JoinTs as unix seconds, got " + join);
                }
                times.add(join.asLong());
            }
            done.put(user, times);
        }
        return done;
    }

    /** {@code done} as the offset carries it: a JSON object of user ids to their JoinTs, in order. */
    static String doneText(Map<String, Set<Long>> done) {
        ObjectNode users = JSON.createObjectNode();
        done.forEach((user, joins) -> {
            ArrayNode times = users.putArray(user);
            joins.forEach(times::add);
        });
        try {
            return JSON.writeValueAsString(users);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the users delivered from a window", e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether two offsets name the same position, whatever map type or number types carry them (an offset read
     * back from the worker's store has Integer or Long where the task wrote either). An unreadable offset names
     * none.
     */
    public static boolean samePosition(Map<String, ?> a, Map<String, ?> b) {
        try {
            return position(a).equals(position(b)) && streams(a).equals(streams(b));
        } catch (IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    private static int offsetVersion(Map<String, ?> offset) {
        Object v = offset.get(VERSION);
        if (v == null) {
            return offset.containsKey(SKIP) ? OFFSET_VERSION_BY_COUNT : OFFSET_VERSION;
        }
        if (v instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= OFFSET_VERSION_BY_COUNT
                && n.longValue() <= OFFSET_VERSION_PAGE_USERS) {
            return (int) n.longValue();
        }
        throw new IllegalArgumentException("source offset field '" + VERSION + "' is " + v + "; this connector "
                + "reads offset format versions " + OFFSET_VERSION_BY_COUNT + " to " + OFFSET_VERSION_PAGE_USERS);
    }

    /** The last participant event delivered from the page: all three fields, or none. */
    private static EventId eventId(Map<String, ?> offset, long windowEnd) {
        if (!together(offset, EVENT_USER, EVENT_TIME, EVENT)) {
            return null;
        }
        requireWindow(windowEnd, EVENT_USER);
        String user = text(offset, EVENT_USER);
        long time = seconds(offset, EVENT_TIME, true);
        if (time >= windowEnd) {
            throw new IllegalArgumentException("source offset field '" + EVENT_TIME + "' is " + time
                    + ": an event of the window is before its end '" + WINDOW_END + "' (" + windowEnd + ")");
        }
        Object e = offset.get(EVENT);
        for (ParticipantEvent candidate : ParticipantEvent.values()) {
            if (candidate.name().equals(e)) {
                return new EventId(user, time, candidate);
            }
        }
        throw new IllegalArgumentException("source offset field '" + EVENT + "' must be JOINED or LEFT, got " + e);
    }

    /**
     * The last sample (or snapshot) delivered from the page: user and time together, peer only for a downlink,
     * metric only for a sample.
     */
    private static SampleId sampleId(Map<String, ?> offset, long cursor, long windowEnd) {
        if (!together(offset, SAMPLE_USER, SAMPLE_TIME)) {
            for (String alone : List.of(SAMPLE_PEER, SAMPLE_METRIC)) {
                if (offset.get(alone) != null) {
                    throw new IllegalArgumentException("source offset field '" + alone + "' needs '" + SAMPLE_USER
                            + "' and '" + SAMPLE_TIME + "'");
                }
            }
            return null;
        }
        requireWindow(windowEnd, SAMPLE_USER);
        String user = text(offset, SAMPLE_USER);
        String peer = offset.get(SAMPLE_PEER) == null ? null : text(offset, SAMPLE_PEER);
        String metric = offset.get(SAMPLE_METRIC) == null ? null : text(offset, SAMPLE_METRIC);
        long time = seconds(offset, SAMPLE_TIME, true);
        if (time < cursor || time >= windowEnd) {
            throw new IllegalArgumentException("source offset field '" + SAMPLE_TIME + "' is " + time
                    + ": a sample of the window lies in [cursor, windowEnd) = [" + cursor + ", " + windowEnd + ")");
        }
        return new SampleId(new SeriesKey(user, peer, metric), time);
    }

    /** Whether a group of fields that name one record is present; all or none of them. */
    private static boolean together(Map<String, ?> offset, String... fields) {
        int present = 0;
        for (String f : fields) {
            if (offset.get(f) != null) {
                present++;
            }
        }
        if (present == 0) {
            return false;
        }
        if (present < fields.length) {
            for (String f : fields) {
                if (offset.get(f) == null) {
                    throw new IllegalArgumentException("source offset field '" + f + "' is missing: fields "
                            + String.join(", ", fields) + " name one record and go together");
                }
            }
        }
        return true;
    }

    private static void requireWindow(long windowEnd, String field) {
        if (windowEnd == CallPosition.NO_WINDOW) {
            throw new IllegalArgumentException("source offset field '" + field + "' names a record inside a "
                    + "window: it needs '" + WINDOW_END + "'");
        }
    }

    static String text(Map<String, ?> offset, String key) {
        Object v = offset.get(key);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new IllegalArgumentException("source offset field '" + key + "' must be a non-empty string, got "
                    + v + (key.equals(SAMPLE_PEER) ? " (leave it out for the user's uplink)" : ""));
        }
        return s;
    }

    static long seconds(Map<String, ?> offset, String key, boolean required) {
        long value = number(offset, key, required, 0);
        if (value > MAX_PLAUSIBLE_SECONDS) {
            throw new IllegalArgumentException("source offset field '" + key + "' is " + value
                    + ": give unix seconds, not milliseconds");
        }
        return value;
    }

    private static void checkPartitionVersion(Object v) {
        if (!(v instanceof Number n) || n.longValue() != PARTITION_VERSION || n.doubleValue() != PARTITION_VERSION) {
            throw new IllegalArgumentException("source partition field '" + VERSION + "' is " + v + "; this "
                    + "connector reads partition format version " + PARTITION_VERSION);
        }
    }

    static long number(Map<String, ?> offset, String key, boolean required, long dflt) {
        Object v = offset.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("source offset field '" + key + "' is required");
            }
            return dflt;
        }
        if (!(v instanceof Number n) || n instanceof Double && n.doubleValue() != Math.rint(n.doubleValue())
                || n instanceof Float && n.floatValue() != Math.rint(n.floatValue())) {
            throw new IllegalArgumentException("source offset field '" + key + "' must be a whole number, got "
                    + v);
        }
        long value = n.longValue();
        if (value < 0) {
            throw new IllegalArgumentException("source offset field '" + key + "' must not be negative, got "
                    + value);
        }
        return value;
    }

    private static boolean bool(Map<String, ?> offset, String key) {
        Object v = offset.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("source offset field '" + key + "' must be true or false, got " + v);
        }
        return b;
    }
}
