package dev.kafkaconnect.trtc.connector.discovery;

import dev.kafkaconnect.trtc.api.RoomInfo;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides from committed offsets which discovered calls are fully read, so they leave the task assignments.
 * A call is fully read when its offset says {@code "finished": true} (the task saw it end), when it stands at a
 * window boundary after the room's destroy time (the service closed the room: nothing later belongs to
 * this CommId, even when the task's last, empty, windows left no offset), or at or after {@code trtc.end}.
 */
final class CallRetirement {
    private static final Logger log = LoggerFactory.getLogger(CallRetirement.class);

    private final OffsetStorageReader offsets;
    private final long sdkAppId;
    private final long endSeconds;

    /** @param endSeconds {@code trtc.end} in unix seconds, or {@link Long#MAX_VALUE} */
    CallRetirement(OffsetStorageReader offsets, long sdkAppId, long endSeconds) {
        this.offsets = offsets;
        this.sdkAppId = sdkAppId;
        this.endSeconds = endSeconds;
    }

    /** Whether a call at {@code position} has nothing left to read. */
    static boolean fullyRead(RoomInfo room, CallPosition position, long endSeconds) {
        if (position.finished()) {
            return true;
        }
        if (position.inWindow()) {
            return false;
        }
        return position.cursor() >= endSeconds
                // Strictly after: the service keeps samples stamped with the destroy time itself.
                || room.finished() && room.destroyTime() > 0 && position.cursor() > room.destroyTime();
    }

    /** Whether a call can retire at all: it has ended, or reading stops at {@code trtc.end}. */
    boolean mayRetire(RoomInfo room) {
        return room.finished() || endSeconds != Long.MAX_VALUE;
    }

    /** Reading the committed offsets failed (the worker's offset store could not be read); nothing was decided. */
    static final class OffsetsUnavailable extends Exception {
        OffsetsUnavailable(RuntimeException cause) {
            super(String.valueOf(cause), cause);
        }
    }

    /**
     * The CommIds of {@code rooms} that are fully read; reads their offsets in one request.
     *
     * @throws OffsetsUnavailable when the offsets cannot be read (a broker hiccup); the caller tries again later
     */
    Set<String> fullyRead(List<RoomInfo> rooms) throws OffsetsUnavailable {
        Set<String> out = new HashSet<>();
        if (rooms.isEmpty() || offsets == null) {
            return out;
        }
        List<Map<String, Object>> partitions = new ArrayList<>(rooms.size());
        for (RoomInfo room : rooms) {
            partitions.add(OffsetCodec.partition(sdkAppId, room.commId()));
        }
        Map<Map<String, Object>, Map<String, Object>> committed;
        try {
            committed = offsets.offsets(partitions);
        } catch (RuntimeException e) {
            throw new OffsetsUnavailable(e);
        }
        if (committed == null) {
            return out;
        }
        for (int i = 0; i < rooms.size(); i++) {
            Map<String, Object> offset = committed.get(partitions.get(i));
            if (offset == null) {
                continue;
            }
            try {
                if (fullyRead(rooms.get(i), OffsetCodec.position(offset), endSeconds)) {
                    out.add(rooms.get(i).commId());
                }
            } catch (IllegalArgumentException e) {
                // The task reports an unusable offset when it starts the call; here it only keeps it assigned.
                log.debug("Call {} keeps its assignment: its offset is not usable ({})", rooms.get(i).commId(),
                        e.getMessage());
            }
        }
        return out;
    }
}
