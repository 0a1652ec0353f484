package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.converter.BenchConverters;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Freshness of live calls: live calls on the simulator (loopback HTTP, its default 10 s data delay), one task
 * (real client, system time), the Avro converter (in-memory registry), a producer configured as a worker configures
 * a source task's, a real KRaft broker in this JVM, and {@code commitRecord} called from the producer's callback as
 * the worker calls it. For every sample of a window read live (its time not yet settled when every call had caught
 * up) it takes the delay from the sample's time to the broker's acknowledgement, and the floor the schedule sets
 * (the window's end plus the settle delay, minus the sample's time), and splits what lies above the floor into the
 * time until the task returned the record from {@code poll()} (planning, request, answer, parse) and the time from
 * there to the acknowledgement (converter, producer, broker); the first part again at the window's requests
 * ({@link TimedApi}). Prints the task's own metric beside it, and the load.
 * Args: {@code [calls=4] [users=6] [settleMs=30000] [pollMs=5000] [seconds=180] [latencyMs=0]}.
 */
public final class FreshnessHarness {
    /** One acknowledged sample: times in unix ms. */
    private record Ack(long sampleMs, long windowEndMs, long sentMs, long answeredMs, long emittedMs,
                       long ackedMs) {
    }

    private FreshnessHarness() {
    }

    public static void main(String[] args) throws Exception {
        int calls = arg(args, 0, 4);
        int users = arg(args, 1, 6);
        long settleMs = arg(args, 2, 30_000);
        long pollMs = arg(args, 3, 5_000);
        int seconds = arg(args, 4, 180);
        int latencyMs = arg(args, 5, 0);
        String loadBefore = loadAverage();
        long now = System.currentTimeMillis() / 1000;
        long start = now - 120;
        TrtcSimulator.Builder b = TrtcSimulator.builder().rateLimitPerSecond(20).threads(16);
        for (int i = 0; i < calls; i++) {
            CallSpec.Builder call = CallSpec.builder("fresh" + i);
            for (int u = 0; u < users; u++) {
                call.liveUser("user" + u, start + i + u);
            }
            b.call(call.build());
        }
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
             TrtcSimulator sim = b.build().start()) {
            if (latencyMs > 0) {
                sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofMillis(latencyMs)));
            }
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            List<String> commIds = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                commIds.add(SimulatedCall.commId(sim.sdkAppId(), "fresh" + i, start + i));
            }
            Map<String, String> props = new HashMap<>();
            props.put("trtc.endpoint", sim.endpoint());
            props.put("trtc.secret.id", TrtcSimulator.DEMO_SECRET_ID);
            props.put("trtc.secret.key", TrtcSimulator.DEMO_SECRET_KEY);
            props.put("trtc.sdk.app.id", Long.toString(sim.sdkAppId()));
            props.put("trtc.comm.ids", String.join(",", commIds));
            props.put("trtc.settle.delay.ms", Long.toString(settleMs));
            props.put("trtc.poll.interval.ms", Long.toString(pollMs));
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            Map<String, String> taskProps = connector.taskConfigs(1).get(0);
            connector.stop();
            TestTaskContext context = new TestTaskContext();
            TimedApi api = new TimedApi();
            TrtcSourceTask task = new TrtcSourceTask(api.factory(), org.apache.kafka.common.utils.Time.SYSTEM);
            task.initialize(context);
            task.start(taskProps);
            String qualityTopic = "trtc." + sim.sdkAppId() + ".quality";
            RegistryAvroConverter keys = BenchConverters.inMemory(true);
            RegistryAvroConverter values = BenchConverters.inMemory(false);
            ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            long liveSinceMs = -1;
            long records = 0;
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(kafka.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
                while (System.nanoTime() < deadline && failure.get() == null) {
                    List<SourceRecord> batch = task.poll();
                    long emittedMs = System.currentTimeMillis();
                    if (liveSinceMs < 0 && task.calls().stream().allMatch(CallReader::caughtUp)) {
                        liveSinceMs = emittedMs;
                    }
                    if (batch == null) {
                        continue;
                    }
                    records += batch.size();
                    for (SourceRecord r : batch) {
                        byte[] k = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
                        byte[] v = values.fromConnectData(r.topic(), r.valueSchema(), r.value());
                        producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), k, v), (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                                return;
                            }
                            task.commitRecord(r, m);
                            if (r.topic().equals(qualityTopic)) {
                                long windowEnd = windowEndMs(r);
                                long[] request = api.windows.getOrDefault(TimedApi.key(
                                        (String) r.sourcePartition().get(OffsetCodec.COMM_ID), windowEnd / 1000),
                                        new long[] {-1, -1});
                                acks.add(new Ack(r.timestamp(), windowEnd, request[0], request[1], emittedMs,
                                        System.currentTimeMillis()));
                            }
                        });
                    }
                }
                producer.flush();
            } finally {
                task.stop();
            }
            if (failure.get() != null) {
                throw failure.get();
            }
            long liveFromMs = liveSinceMs < 0 ? Long.MAX_VALUE : liveSinceMs - settleMs;
            List<Ack> live = acks.stream().filter(a -> a.sampleMs >= liveFromMs).toList();
            report(calls, users, settleMs, pollMs, seconds, latencyMs, records, live, context, loadBefore);
        }
    }

    private static void report(int calls, int users, long settleMs, long pollMs, int seconds, int latencyMs,
                               long records, List<Ack> live, TestTaskContext context, String loadBefore) {
        System.out.printf("%n== Freshness of live calls: %d live calls x %d users, every metric, settle %d ms, "
                + "poll %d ms, %d s, simulator latency %d ms%n", calls, users, settleMs, pollMs, seconds, latencyMs);
        System.out.printf("records emitted %d, live samples acknowledged %d (task metric: %s)%n", records,
                live.size(), context.metric("live-samples-acknowledged-total"));
        if (live.isEmpty()) {
            System.out.println("no live sample acknowledged: run longer");
            return;
        }
        line("delay sample -> ack (s)", live, a -> (a.ackedMs - a.sampleMs) / 1000.0);
        line("floor: window end + settle - sample (s)", live,
                a -> (a.windowEndMs + settleMs - a.sampleMs) / 1000.0);
        line("above the floor (s)", live, a -> (a.ackedMs - a.windowEndMs - settleMs) / 1000.0);
        line("  due -> returned by poll() (s)", live, a -> (a.emittedMs - a.windowEndMs - settleMs) / 1000.0);
        line("    due -> first request sent (s)", live, a -> (a.sentMs - a.windowEndMs - settleMs) / 1000.0);
        line("    first sent -> last answered (s)", live, a -> (a.answeredMs - a.sentMs) / 1000.0);
        line("    last answered -> returned by poll() (s)", live, a -> (a.emittedMs - a.answeredMs) / 1000.0);
        line("  returned by poll() -> ack (s)", live, a -> (a.ackedMs - a.emittedMs) / 1000.0);
        double p99 = percentile(live, a -> (a.ackedMs - a.sampleMs) / 1000.0, 0.99);
        double floorP99 = percentile(live, a -> (a.windowEndMs + settleMs - a.sampleMs) / 1000.0, 0.99);
        System.out.printf("p99 - floor p99: %.2f s (target: at most 2 s)%n", p99 - floorP99);
        System.out.printf("task metric live-sample-lag-seconds: p50 %.2f, p99 %.2f, max %.2f%n",
                (Double) context.metric("live-sample-lag-seconds-p50"),
                (Double) context.metric("live-sample-lag-seconds-p99"),
                (Double) context.metric("live-sample-lag-seconds-max"));
        long collections = 0;
        long gcMs = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        System.out.printf("garbage collection in this JVM (broker, simulator, task): %d collections, %d ms%n",
                collections, gcMs);
        System.out.println("load average before: " + loadBefore + "; after: " + loadAverage());
    }

    private static void line(String what, List<Ack> acks, ToDoubleFunction<Ack> value) {
        System.out.printf("%-42s p50 %7.2f  p99 %7.2f  max %7.2f%n", what, percentile(acks, value, 0.50),
                percentile(acks, value, 0.99), percentile(acks, value, 1.0));
    }

    private static double percentile(List<Ack> acks, ToDoubleFunction<Ack> value, double q) {
        double[] sorted = acks.stream().mapToDouble(value).sorted().toArray();
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** The end of the window the record came from: its offset's window, or the cursor after a finished one. */
    private static long windowEndMs(SourceRecord r) {
        Object end = r.sourceOffset().get(OffsetCodec.WINDOW_END);
        Object at = end != null ? end : r.sourceOffset().get(OffsetCodec.CURSOR);
        return ((Number) at).longValue() * 1000;
    }

    /** What a worker sets for its source tasks' producers (without exactly-once). */
    private static Map<String, Object> producerProps(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE);
        return p;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static int arg(String[] args, int i, int fallback) {
        return args.length > i ? Integer.parseInt(args[i]) : fallback;
    }
}
