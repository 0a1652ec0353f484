package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * What the freshness metric costs a task per acknowledged record: {@code commitRecord} called again and again on a
 * sample of a live call (timed into the histogram) and on a record it does not time, on this thread, with the
 * bytes it allocates (the thread's allocation counter) and the time per call. Rounds after the first show the
 * compiled path. Args: {@code [calls per round=2000000] [rounds=5]}.
 */
public final class CommitRecordCost {
    private CommitRecordCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long start = System.currentTimeMillis() / 1000 - 60;
        try (TrtcSimulator sim = TrtcSimulator.builder().call(CallSpec.builder("cost").liveUser("a", start).build())
                .build().start()) {
            Map<String, String> props = new HashMap<>();
            props.put("trtc.endpoint", sim.endpoint());
            props.put("trtc.secret.id", TrtcSimulator.DEMO_SECRET_ID);
            props.put("trtc.secret.key", TrtcSimulator.DEMO_SECRET_KEY);
            props.put("trtc.sdk.app.id", Long.toString(sim.sdkAppId()));
            props.put("trtc.comm.ids", SimulatedCall.commId(sim.sdkAppId(), "cost", start));
            props.put("trtc.settle.delay.ms", "15000");
            props.put("trtc.poll.interval.ms", "1000");
            props.put("trtc.streams", "");
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            TrtcSourceTask task = new TrtcSourceTask();
            task.initialize(new TestTaskContext());
            task.start(connector.taskConfigs(1).get(0));
            connector.stop();
            SourceRecord live = null;
            SourceRecord other = null;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (live == null && System.nanoTime() < deadline) {
                boolean caughtUp = task.calls().get(0).caughtUp();
                List<SourceRecord> batch = task.poll();
                for (SourceRecord r : batch == null ? List.<SourceRecord>of() : batch) {
                    boolean sample = r.topic().endsWith(".quality");
                    other = !sample ? r : other;
                    live = sample && caughtUp ? r : live;
                }
            }
            if (live == null || other == null) {
                throw new IllegalStateException("no live sample and other record within a minute");
            }
            RecordMetadata metadata = new RecordMetadata(new TopicPartition(live.topic(), 0), 0, 0, 0, 0, 0);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            System.out.printf("%n== commitRecord: %d calls a round%n", n);
            for (int round = 0; round < rounds; round++) {
                long bytes0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    task.commitRecord(live, metadata);
                }
                long bytes1 = threads.getCurrentThreadAllocatedBytes();
                long t1 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    task.commitRecord(other, metadata);
                }
                long t2 = System.nanoTime();
                long bytes2 = threads.getCurrentThreadAllocatedBytes();
                System.out.printf("round %d: live sample %.2f bytes, %.0f ns a call; other record %.2f bytes, %.0f ns "
                        + "a call%n", round, (bytes1 - bytes0) / (double) n, (t1 - t0) / (double) n,
                        (bytes2 - bytes1) / (double) n, (t2 - t1) / (double) n);
            }
            task.stop();
            System.out.println("load average: " + java.nio.file.Files.readString(java.nio.file.Path.of(
                    "/proc/loadavg")).trim());
        }
    }
}
