package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetUtils;

/** A task stopped right after a chosen record, as a crash would, and a context resuming from its offset. */
final class Restarts {
    private Restarts() {
    }

    /**
     * Polls {@code task} until a record matches {@code stopAt}, then stops it: returns the records through it.
     */
    static List<SourceRecord> crashAfter(TrtcSourceTask task, Predicate<SourceRecord> stopAt, String what)
            throws InterruptedException {
        List<SourceRecord> delivered = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<SourceRecord> batch = task.poll();
            for (SourceRecord r : batch == null ? List.<SourceRecord>of() : batch) {
                delivered.add(r);
                if (stopAt.test(r)) {
                    task.stop();
                    return delivered;
                }
            }
            assertThat(System.nanoTime()).as("the first task reaches %s within 60 s", what).isLessThan(deadline);
        }
    }

    /** As {@link #crashAfter}, stopping at the {@code n}th record that {@code counted} matches. */
    static List<SourceRecord> crashAfterNth(TrtcSourceTask task, Predicate<SourceRecord> counted, int n, String what)
            throws InterruptedException {
        int[] seen = {0};
        return crashAfter(task, r -> counted.test(r) && ++seen[0] == n, what);
    }

    /** A context whose committed offset is the last delivered record's, checked as the worker checks it. */
    static TestTaskContext committedAfter(List<SourceRecord> delivered) {
        SourceRecord last = delivered.get(delivered.size() - 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = new HashMap<>((Map<String, Object>) last.sourceOffset());
        OffsetUtils.validateFormat(offset);
        @SuppressWarnings("unchecked")
        Map<String, Object> partition = (Map<String, Object>) last.sourcePartition();
        TestTaskContext restarted = new TestTaskContext();
        restarted.committed.put(partition, offset);
        return restarted;
    }
}
