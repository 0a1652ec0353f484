package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Drives a {@link TrtcSourceTask} directly: start with a fake context, poll, collect. */
final class TaskHarness implements AutoCloseable {
    static final long APP = 1400188366L;

    final MockTime clock;
    final TrtcApi api;
    final TestTaskContext context;
    final TrtcSourceTask task;
    final List<SourceRecord> records = new ArrayList<>();

    TaskHarness(MockTime clock, TrtcApi api) {
        this(clock, api, new TestTaskContext());
    }

    /** A task whose context holds {@code context}'s committed offsets (a restart). */
    TaskHarness(MockTime clock, TrtcApi api, TestTaskContext context) {
        this.clock = clock;
        this.api = api;
        this.context = context;
        this.task = new TrtcSourceTask((config, rate, c) -> api, clock);
        task.pollTimeout(Duration.ofMillis(5));
        task.initialize(context);
    }

    static String commId(String room, long createTime) {
        return APP + "_" + room + "_" + createTime;
    }

    static Map<String, String> props(List<String> calls) {
        Map<String, String> p = new HashMap<>();
        p.put(TrtcSourceConfig.SECRET_ID, "AKIDtest");
        p.put(TrtcSourceConfig.SECRET_KEY, "secret-key-value");
        p.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(APP));
        p.put(TrtcSourceConfig.COMM_IDS, String.join(",", calls));
        p.put(TrtcSourceTaskConfig.TASK_COMM_IDS, String.join(",", calls));
        p.put(TrtcSourceTaskConfig.TASK_RATE_LIMIT, "20");
        p.put(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "20");
        p.put(EventStream.USER_EVENTS.taskRateLimitKey(), "20");
        p.put(TrtcSourceTaskConfig.TASK_INDEX, "0");
        p.put(TrtcSourceConfig.SETTLE_DELAY_MS, "300000");
        p.put(TrtcSourceConfig.POLL_INTERVAL_MS, "60000");
        p.put(TrtcSourceConfig.RETRY_BACKOFF_MS, "1000");
        p.put(TrtcSourceConfig.RETRY_BACKOFF_MAX_MS, "4000");
        return p;
    }

    TaskHarness start(Map<String, String> props) {
        task.start(props);
        return this;
    }

    /** Polls once; returns what was emitted (also kept in {@link #records}). */
    List<SourceRecord> pollOnce() {
        try {
            List<SourceRecord> out = task.poll();
            if (out != null) {
                records.addAll(out);
                return out;
            }
            return List.of();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until {@code done}, at most {@code maxPolls} times; fails with a message if never done. */
    void pollUntil(BooleanSupplier done, int maxPolls, String what) {
        for (int i = 0; i < maxPolls; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            pollOnce();
        }
        if (!done.getAsBoolean()) {
            throw new AssertionError("not reached after " + maxPolls + " polls: " + what + "; task calls: "
                    + task.calls());
        }
    }

    /** Polls until {@code polls} polls in a row emitted nothing. */
    void drain(int quietPolls, int maxPolls) {
        int quiet = 0;
        for (int i = 0; i < maxPolls && quiet < quietPolls; i++) {
            quiet = pollOnce().isEmpty() ? quiet + 1 : 0;
        }
    }

    boolean allCallsDone() {
        return task.calls().isEmpty();
    }

    static String sampleKey(SourceRecord r) {
        Struct v = (Struct) r.value();
        return v.getString("userId") + "|" + v.getString("peerId") + "|" + v.getString("metric") + "|"
                + ((java.util.Date) v.get("time")).getTime() / 1000;
    }

    static boolean isSample(SourceRecord r) {
        return r.valueSchema().name().endsWith("QualitySample");
    }

    static boolean isCallEnd(SourceRecord r) {
        return r.valueSchema().name().endsWith("CallEnd");
    }

    static boolean isParticipant(SourceRecord r) {
        return r.valueSchema().name().endsWith("CallParticipant");
    }

    static String commIdOf(SourceRecord r) {
        return (String) r.sourcePartition().get(OffsetCodec.COMM_ID);
    }

    List<String> samples(String commId) {
        return records.stream().filter(TaskHarness::isSample).filter(r -> commIdOf(r).equals(commId))
                .map(TaskHarness::sampleKey).toList();
    }

    List<String> participants(String commId) {
        return records.stream().filter(TaskHarness::isParticipant).filter(r -> commIdOf(r).equals(commId))
                .map(r -> ((Struct) r.value()).getString("userId") + "|" + ((Struct) r.value()).getString("event"))
                .toList();
    }

    /** The call-end records of a call. */
    List<SourceRecord> callEnds(String commId) {
        return records.stream().filter(TaskHarness::isCallEnd).filter(r -> commIdOf(r).equals(commId)).toList();
    }

    @Override
    public void close() {
        task.stop();
    }
}
