package dev.kafkaconnect.trtc.connector.discovery;

import dev.kafkaconnect.trtc.api.RoomInfo;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.regex.Pattern;

/**
 * Which discovered calls are read: room id include/exclude patterns (matched in full) and a minimum duration.
 * A finished call is judged by its create and destroy times; a live call is admitted once it has lasted the
 * minimum, so a call is never dropped after it started being read.
 */
final class RoomFilter {
    private final Pattern include;
    private final Pattern exclude;
    private final long minDurationSeconds;

    /** @param include null for every room; @param exclude null for none */
    RoomFilter(Pattern include, Pattern exclude, long minDurationSeconds) {
        this.include = include;
        this.exclude = exclude;
        this.minDurationSeconds = minDurationSeconds;
    }

    static RoomFilter of(TrtcSourceConfig config) {
        return new RoomFilter(config.discoveryRoomInclude(), config.discoveryRoomExclude(),
                config.discoveryMinDuration().toSeconds());
    }

    /** Whether the room passes the patterns; independent of time, so a rejected room stays rejected. */
    boolean roomMatches(RoomInfo room) {
        String id = room.roomString() == null ? "" : room.roomString();
        return (include == null || include.matcher(id).matches())
                && (exclude == null || !exclude.matcher(id).matches());
    }

    /** Whether the call is to be read, seen at {@code now} (unix seconds). */
    boolean admits(RoomInfo room, long now) {
        if (!roomMatches(room)) {
            return false;
        }
        if (minDurationSeconds == 0) {
            return true;
        }
        long end = room.finished() && room.destroyTime() > 0 ? room.destroyTime() : now;
        return end - room.createTime() >= minDurationSeconds;
    }
}
