package dev.kafkaconnect.trtc.connector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The source partition and offset formats, version 1, and their validation. The task writes them; the task reads
 * them back at start; {@code alterOffsets} checks what a user supplies. Never change a format without a new
 * version number: a silent change would re-read or skip data after an upgrade.
 *
 * <pre>
 * partition: {"v": 1, "sdkAppId": "1400188366", "commId": "1400188366_218695_1590065777"}
 * offset:    {"v": 1, "cursor": 1590065777, "windowEnd": 1590069377 | null, "page": 0, "skip": 12,
 *             ["first": true], ["finished": true]}
 * </pre>
 */
public final class OffsetCodec {
    public static final int FORMAT_VERSION = 1;
    public static final String VERSION = "v";
    public static final String SDK_APP_ID = "sdkAppId";
    public static final String COMM_ID = "commId";
    public static final String CURSOR = "cursor";
    public static final String WINDOW_END = "windowEnd";
    public static final String PAGE = "page";
    public static final String SKIP = "skip";
    public static final String FIRST = "first";
    public static final String FINISHED = "finished";
    /** Offset keys in the order they are written. */
    static final List<String> KEYS = List.of(VERSION, CURSOR, WINDOW_END, PAGE, SKIP, FIRST, FINISHED);
    private static final Set<String> PARTITION_KEYS = Set.of(VERSION, SDK_APP_ID, COMM_ID);
    /** Longest window the API accepts with DataType set. */
    public static final long MAX_WINDOW_SECONDS = 3600;
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
        partition.put(VERSION, FORMAT_VERSION);
        partition.put(SDK_APP_ID, Long.toString(sdkAppId));
        partition.put(COMM_ID, commId);
        return partition;
    }

    public static Map<String, Object> offset(CallPosition position) {
        return new OffsetMap(position);
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
        checkVersion(partition.get(VERSION), "source partition", true);
        Object app = partition.get(SDK_APP_ID);
        if (app == null || !String.valueOf(app).trim().equals(Long.toString(sdkAppId))) {
            throw new IllegalArgumentException("source partition field '" + SDK_APP_ID + "' is " + app
                    + ", but this connector reads SDKAppID " + sdkAppId);
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
        return id.value();
    }

    /**
     * Reads an offset written by the task or by a user; numbers may be Integer or Long (the JSON converter gives
     * either). Only {@code cursor} is required.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public static CallPosition position(Map<String, ?> offset) {
        if (offset instanceof OffsetMap m) {
            return m.position();
        }
        for (String key : offset.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown source offset field '" + key + "'; expected "
                        + String.join(", ", KEYS));
            }
        }
        checkVersion(offset.get(VERSION), "source offset", false);
        long cursor = number(offset, CURSOR, true, 0);
        if (cursor > MAX_PLAUSIBLE_SECONDS) {
            throw new IllegalArgumentException("source offset field '" + CURSOR + "' is " + cursor
                    + ": give unix seconds, not milliseconds");
        }
        Object endValue = offset.get(WINDOW_END);
        long windowEnd = CallPosition.NO_WINDOW;
        if (endValue != null) {
            windowEnd = number(offset, WINDOW_END, true, 0);
            if (windowEnd <= cursor || windowEnd > cursor + MAX_WINDOW_SECONDS) {
                throw new IllegalArgumentException("source offset field '" + WINDOW_END + "' is " + windowEnd
                        + ": must be null or within (cursor, cursor + " + MAX_WINDOW_SECONDS + "] = (" + cursor
                        + ", " + (cursor + MAX_WINDOW_SECONDS) + "]");
            }
        }
        long page = number(offset, PAGE, false, 0);
        long skip = number(offset, SKIP, false, 0);
        if (page > Integer.MAX_VALUE || skip > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("source offset field '" + (page > Integer.MAX_VALUE ? PAGE : SKIP)
                    + "' is too large");
        }
        if (windowEnd == CallPosition.NO_WINDOW && (page != 0 || skip != 0)) {
            throw new IllegalArgumentException("source offset fields '" + PAGE + "' and '" + SKIP
                    + "' must be 0 when '" + WINDOW_END + "' is null (they address records inside a window)");
        }
        return new CallPosition(cursor, windowEnd, (int) page, (int) skip, bool(offset, FIRST),
                bool(offset, FINISHED));
    }

    private static void checkVersion(Object v, String what, boolean required) {
        if (v == null && !required) {
            return;
        }
        if (!(v instanceof Number n) || n.longValue() != FORMAT_VERSION || n.doubleValue() != FORMAT_VERSION) {
            throw new IllegalArgumentException(what + " field '" + VERSION + "' is " + v + "; this connector "
                    + "reads format version " + FORMAT_VERSION);
        }
    }

    private static long number(Map<String, ?> offset, String key, boolean required, long dflt) {
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
