package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.ExperiencePosition;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.connector.offsets.StreamPositions;
import dev.kafkaconnect.trtc.connector.offsets.UserEventPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each of a task's calls starts: its committed offset (all read in one request), or for a call never
 * read, the latest of {@code trtc.start}, the call's creation time and the oldest time the service serves.
 */
public final class CallPositions {
    private static final Logger log = LoggerFactory.getLogger(CallPositions.class);

    private final TrtcSourceTaskConfig config;
    private final Time time;
    private final OffsetStorageReader reader;
    private final TaskCounters counters;

    public CallPositions(TrtcSourceTaskConfig config, Time time, OffsetStorageReader reader, TaskCounters counters) {
        this.config = config;
        this.time = time;
        this.reader = reader;
        this.counters = counters;
    }

    /** The task's calls, each planned by {@code planner} (shared: what it learns serves every call). */
    public List<CallReader> readers(WindowPlanner planner) {
        return readers(planner, null, null);
    }

    /**
     * The task's calls, each planned by {@code planner} (shared: what it learns serves every call), and reading
     * its abnormal experiences through {@code experiences} and its users' events through {@code userEvents} (null:
     * not read). A stream the committed offset has no position for starts where a call never read would.
     */
    public List<CallReader> readers(WindowPlanner planner, ExperienceStream experiences,
                                    UserEventStream userEvents) {
        List<CommId> ids = config.taskCalls();
        List<Map<String, Object>> partitions = new ArrayList<>(ids.size());
        for (CommId id : ids) {
            partitions.add(OffsetCodec.partition(config.sdkAppId(), id.value()));
        }
        Map<Map<String, Object>, Map<String, Object>> offsets = reader == null || partitions.isEmpty()
                ? Map.of() : reader.offsets(partitions);
        long now = Math.floorDiv(time.milliseconds(), 1000);
        long start = config.start().resolveSeconds(Instant.ofEpochMilli(time.milliseconds()));
        List<CallReader> readers = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            CommId id = ids.get(i);
            Map<String, Object> partition = partitions.get(i);
            Map<String, Object> offset = offsets == null ? null : offsets.get(partition);
            CallPosition position;
            StreamPositions streams = StreamPositions.NONE;
            long fresh = Math.max(start, Math.max(id.createTime().orElse(Long.MIN_VALUE), planner.floor(now)));
            if (offset == null) {
                position = CallPosition.fresh(fresh);
            } else {
                try {
                    position = OffsetCodec.position(offset);
                    streams = OffsetCodec.streams(offset);
                } catch (IllegalArgumentException e) {
                    throw new ConnectException("The committed offset of call " + id + " is not usable ("
                            + e.getMessage() + "): set or reset it with PATCH/DELETE /connectors/<name>/offsets");
                }
            }
            long streamStart = Math.min(fresh, position.cursor());
            if (experiences != null && streams.experiences() == null) {
                streams = streams.withExperiences(ExperiencePosition.at(streamStart));
            }
            if (userEvents != null && streams.userEvents() == null) {
                streams = streams.withUserEvents(UserEventPosition.at(streamStart));
            }
            CallReader reader = new CallReader(id, partition, position, streams, planner, counters, experiences,
                    userEvents);
            try (var logContext = reader.logContext()) {
                if (reader.state() == CallReader.State.READING) {
                    log.info("Call {} started at {} (unix s, {})", id, position.cursor(),
                            offset == null ? "no committed offset" : "committed offset");
                } else {
                    log.debug("Call {} needs no reading: {}", id, reader.state());
                }
            }
            readers.add(reader);
        }
        return readers;
    }
}
