package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRows;
import dev.kafkaconnect.trtc.records.SnapshotValues;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The task's path from a parsed answer to the records {@code poll()} returns, reached without a worker: the same
 * {@link PageRecords} over the same builder the task uses, for page 0 of the call's first window; and the wide
 * shape's path over the same answer.
 */
public final class BenchPages {
    private final CommId call;
    private final Map<String, Object> partition;
    private final SampleRecordBuilder builder;
    private final SnapshotRecordBuilder snapshots;
    private final long windowStart;

    public BenchPages(String commId, long windowStart) {
        this.call = CommId.parse(commId);
        this.partition = OffsetCodec.partition(call.sdkAppId(), commId);
        this.builder = new SampleRecordBuilder(call.sdkAppId(), "trtc.quality", "trtc.participants",
                new ClientIpPolicy(ClientIpMode.DROP, null));
        this.snapshots = new SnapshotRecordBuilder(call.sdkAppId(), "trtc.quality-snapshots");
        this.windowStart = windowStart;
    }

    /** Hands every record of the answer to {@code sink}, in the task's order; returns how many. */
    public int records(CallDetailResponse answer, Consumer<SourceRecord> sink) {
        WindowRead read = new WindowRead(new Window(windowStart, windowStart + 3600), true, 0, null);
        PageRecords page = new PageRecords(call, partition, read, 0, answer, builder);
        int n = 0;
        while (page.hasNext()) {
            sink.accept(page.next());
            n++;
        }
        return n;
    }

    /**
     * Hands every snapshot record of the answer to {@code sink} (participant records, 6 per maximal answer, are
     * left out), with the work the task's page iteration will do: the page's row count first, then one shared
     * position, an offset per record, a key and room per user. Returns how many.
     */
    public int snapshots(CallDetailResponse answer, Consumer<SourceRecord> sink) {
        Window w = new Window(windowStart, windowStart + 3600);
        CallPosition inPage = new CallPosition(w.start(), w.end(), 0, 0, true, false);
        Map<String, String> rooms = new HashMap<>();
        for (CallUser u : answer.userList()) {
            rooms.put(u.userId(), u.roomStr());
        }
        Map<String, Struct> keys = new HashMap<>();
        SnapshotValues row = new SnapshotValues();
        List<SnapshotRows> directions = SnapshotRows.of(answer.data(), w.start(), w.end());
        // The page's size comes first (its last record carries the next page's offset): one counting pass.
        int size = 0;
        for (SnapshotRows rows : directions) {
            size += rows.size();
        }
        int n = 0;
        for (SnapshotRows rows : directions) {
            Struct key = keys.computeIfAbsent(rows.userId(), u -> builder.key(call.value(), u));
            String room = rooms.getOrDefault(rows.userId(), call.room());
            while (rows.hasNext()) {
                long time = rows.next(row);
                sink.accept(snapshots.snapshot(partition, OffsetCodec.offset(inPage, ++n), key, room,
                        rows.peerId(), time, row));
            }
        }
        if (n != size) {
            throw new IllegalStateException("counted " + size + " snapshot rows, built " + n);
        }
        return n;
    }
}
