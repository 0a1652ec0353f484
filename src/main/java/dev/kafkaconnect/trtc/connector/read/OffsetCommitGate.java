package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * With {@code trtc.delivery.repeats=one-request}, releases each call's next page once the worker has stored the
 * offset of the last record the call emitted: then a crash repeats at most one page per call.
 *
 * <p>The worker calls {@code SourceTask.commit()} after every successful offset flush (even one with nothing new to
 * store); that only raises a flag, and the task's thread then reads the stored offsets of all waiting calls at
 * once (in distributed mode a read of the offsets topic to its end) and releases those whose stored offset is the
 * awaited one. Waiting is judged by what is stored, never by the worker's internals: a flush that stored only part
 * of what was sent (records not yet acknowledged) releases nothing.
 */
public final class OffsetCommitGate {
    /** A call waiting this long is reported: offset flushes are rare, or failing. */
    static final Duration LONG_WAIT = Duration.ofMinutes(5);

    private final OffsetStorageReader reader;
    private final Time time;
    private final RepeatedWarnings warnings;
    private final AtomicBoolean committed = new AtomicBoolean();
    private Map<CallReader, Wait> waits = new IdentityHashMap<>();

    private static final class Wait {
        final long sinceMillis;
        int commits;

        Wait(long sinceMillis) {
            this.sinceMillis = sinceMillis;
        }
    }

    public OffsetCommitGate(OffsetStorageReader reader, Time time, RepeatedWarnings warnings) {
        this.reader = reader;
        this.time = time;
        this.warnings = warnings;
    }

    /** The worker stored offsets. Any thread. */
    public void committed() {
        committed.set(true);
    }

    /**
     * Releases the calls whose awaited offset is stored, if the worker stored offsets since the last check; warns
     * about calls that have waited long. Task thread only.
     *
     * @return how many calls still wait
     */
    public int release(List<CallReader> calls) {
        if (waits.isEmpty() && calls.stream().noneMatch(CallReader::awaitingStorage)) {
            // Runs every poll round: nothing to track. A flush seen now cannot hold a later wait's records.
            committed.set(false);
            return 0;
        }
        long now = time.milliseconds();
        List<CallReader> waiting = new ArrayList<>();
        Map<CallReader, Wait> still = new IdentityHashMap<>();
        for (CallReader call : calls) {
            if (call.awaitingStorage()) {
                waiting.add(call);
                Wait w = waits.get(call);
                still.put(call, w == null ? new Wait(now) : w);
            }
        }
        waits = still;
        if (committed.getAndSet(false) && !waiting.isEmpty()) {
            Map<Map<String, Object>, Map<String, Object>> stored = read(waiting);
            for (CallReader call : waiting) {
                if (call.stored(stored.get(call.partition))) {
                    waits.remove(call);
                } else {
                    waits.get(call).commits++;
                }
            }
        }
        warnLongWaits(now);
        return waits.size();
    }

    private Map<Map<String, Object>, Map<String, Object>> read(List<CallReader> waiting) {
        List<Map<String, Object>> partitions = new ArrayList<>(waiting.size());
        for (CallReader call : waiting) {
            partitions.add(call.partition);
        }
        try {
            Map<Map<String, Object>, Map<String, Object>> stored = reader.offsets(partitions);
            return stored == null ? Map.of() : stored;
        } catch (RuntimeException e) {
            // The next offset flush tries again; the calls wait meanwhile, nothing is lost.
            warnings.warn("offset-read", "Reading the stored offsets of " + waiting.size() + " calls waiting for "
                    + "them (" + TrtcSourceConfig.DELIVERY_REPEATS + "=one-request) failed: " + e
                    + "; trying again after the next offset flush");
            return Map.of();
        }
    }

    private void warnLongWaits(long now) {
        CallReader longest = null;
        Wait longestWait = null;
        int overdue = 0;
        for (Map.Entry<CallReader, Wait> e : waits.entrySet()) {
            Wait w = e.getValue();
            if (now - w.sinceMillis >= LONG_WAIT.toMillis()) {
                overdue++;
                if (longestWait == null || w.sinceMillis < longestWait.sinceMillis) {
                    longest = e.getKey();
                    longestWait = w;
                }
            }
        }
        if (longest == null) {
            return;
        }
        warnings.warn("awaiting-offset-commit", overdue + " calls have waited more than " + LONG_WAIT.toMinutes()
                + " minutes for the worker to store the offset of their last record before emitting more ("
                + TrtcSourceConfig.DELIVERY_REPEATS + "=one-request); the longest, call " + longest.id + ", for "
                + (now - longestWait.sinceMillis) / 1000 + " s and " + longestWait.commits + " offset commits. "
                + "Check the worker's offset.flush.interval.ms (1-5 s suits this mode) and its log for failed "
                + "offset commits or producer errors, or set " + TrtcSourceConfig.DELIVERY_REPEATS
                + "=flush-interval");
    }
}
