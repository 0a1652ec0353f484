package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The task's path from a parsed answer to the records {@code poll()} returns, reached without a worker: the same
 * {@link PageRecords} over the same builders the task uses, for page 0 of the call's first window, in either shape.
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
        this.builder = new SampleRecordBuilder(call.sdkAppId(), "trtc.quality", "trtc.participants", "trtc.calls",
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
     * Hands every record of the answer in the wide shape to {@code sink}: the task's page iteration with the
     * snapshot builder (the participant records, 6 per maximal answer, included). Returns how many.
     */
    public int snapshots(CallDetailResponse answer, Consumer<SourceRecord> sink) {
        WindowRead read = new WindowRead(new Window(windowStart, windowStart + 3600), true, 0, null);
        PageRecords page = new PageRecords(call, partition, read, 0, answer, builder, snapshots);
        int n = 0;
        while (page.hasNext()) {
            sink.accept(page.next());
            n++;
        }
        return n;
    }
}
