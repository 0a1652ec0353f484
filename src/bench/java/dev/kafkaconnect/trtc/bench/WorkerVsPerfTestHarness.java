package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import dev.kafkaconnect.trtc.demo.ConnectRestException;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.KafkaBrokerProcess;
import dev.kafkaconnect.trtc.demo.KafkaClasspath;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.SchemaRegistryProcess;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector in a real distributed Connect worker against Kafka's own producer perf test, on one machine and
 * one broker, in the same run: for each exactly-once setting, record shape and compression, the connector reads
 * the simulator's calls (maximal answers) through the shipped Avro converter and an Apicurio registry into a topic
 * of one partition; then {@code ProducerPerformance} writes as many records of the connector's own key and value
 * bytes (from that topic) with the producer settings the worker gave its task (acks, idempotence, in-flight
 * requests, compression, and a transaction as often as the connector committed one).
 * <p>
 * Broker, worker, registry and perf test are child JVMs; the simulator runs in this one.
 * The snapshot runs read calls of their own, {@code snapshotHours} long, so that both shapes write about as many
 * records (a snapshot holds the metrics of 5.5 samples).
 * Args, {@code name=value}: {@code calls=4 hours=2 snapshotHours=10 eos=off,on shapes=sample,snapshot
 * compression=none,lz4,zstd payloads=100000 jfr=false}, plus any number of {@code override.<producer setting>=<value>} (the connector's
 * {@code producer.override.*} and the perf test's producer alike) and {@code connector.<setting>=<value>}
 * (the connector alone, e.g. {@code connector.transaction.boundary=interval}).
 */
public final class WorkerVsPerfTestHarness {
    /** Kafka's scripts' collector settings (kafka-run-class.sh's KAFKA_JVM_PERFORMANCE_OPTS). */
    private static final List<String> KAFKA_GC = List.of("-XX:-UseSerialGC", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /**
     * Each side as Kafka's own scripts start it: connect-distributed.sh's heap for the worker (added after, so
     * overriding, the test stacks' small serial-collector heap, under which a task's queued records cost most of
     * the run in full collections), kafka-producer-perf-test.sh's for the perf test.
     */
    private static final List<String> WORKER_JVM = concat(List.of("-Xms256m", "-Xmx2g"), KAFKA_GC);
    private static final List<String> PERF_TEST_JVM = concat(List.of("-Xmx512m"), KAFKA_GC);

    private WorkerVsPerfTestHarness() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = BenchArgs.parse(args);
        Path plugins = Path.of("target/plugin");
        if (!Files.isDirectory(plugins.resolve("kafka-connect-trtc"))) {
            throw new IllegalStateException("no plugin under " + plugins.toAbsolutePath() + ": run with 'package'");
        }
        Path out = Files.createDirectories(Path.of("target/bench-e2e"));
        KafkaClasspath classpath = KafkaClasspath.fromBuild();
        long start = System.currentTimeMillis() / 1000 / 3600 * 3600 - 86_400
                - Math.max(a.hours(), a.snapshotHours()) * 3600L;
        TrtcSimulator.Builder b = TrtcSimulator.builder().rateLimitPerSecond(20).threads(16);
        for (int i = 0; i < a.calls(); i++) {
            b.call(call("e2e" + i, start, a.hours()));
            b.call(call("e2es" + i, start, a.snapshotHours()));
        }
        List<String> rows = new ArrayList<>();
        try (TrtcSimulator sim = b.build().start();
             KafkaBrokerProcess broker = KafkaBrokerProcess.start(classpath);
             SchemaRegistryProcess registry = SchemaRegistryProcess.start(SchemaRegistryProcess.locateJar())) {
            Map<String, List<String>> commIds = Map.of("sample", commIds(sim, "e2e", a.calls(), start),
                    "snapshot", commIds(sim, "e2es", a.calls(), start));
            TopicMeasure topics = new TopicMeasure(broker.bootstrapServers(), broker.workDir().resolve("data"));
            System.out.printf("%n== %d calls of 6 users, every metric, %d h (samples) and %d h (snapshots); load %s%n",
                    a.calls(), a.hours(), a.snapshotHours(), loadAverage());
            System.out.println(Row.HEADER);
            for (boolean eos : a.eos()) {
                try (KafkaConnectStack stack = KafkaConnectStack.startOn(broker.bootstrapServers(), classpath,
                        plugins, w -> {
                            w.groupId("bench-" + (eos ? "eos" : "alo")).exactlyOnce(eos)
                                    // Kafka's default flush interval, not the tests' 1 s.
                                    .offsetFlushIntervalMs(60_000)
                                    .property("connector.client.config.override.policy", "All");
                            WORKER_JVM.forEach(w::jvmOption);
                            if (a.jfr()) {
                                w.jvmOption("-XX:StartFlightRecording=filename=" + out.toAbsolutePath()
                                        + "/worker-" + (eos ? "eos" : "alo") + ".jfr,settings=profile,dumponexit=true");
                            }
                            return w;
                        })) {
                    System.out.println("worker pid " + stack.worker().pid() + " log " + stack.worker().logFile());
                    for (String shape : a.shapes()) {
                        for (String compression : a.compressions()) {
                            Row row = runOne(a, broker, stack, topics, sim, registry, commIds.get(shape), eos,
                                    shape, compression, classpath, out);
                            rows.add(row.toString());
                            System.out.println(row);
                        }
                    }
                }
            }
            topics.close();
        }
        System.out.printf("%n== Summary (load at end %s)%n%s%n", loadAverage(), Row.HEADER);
        rows.forEach(System.out::println);
    }

    /** Six users present for the whole call but its last 10 minutes: every answer is a maximal one. */
    private static CallSpec call(String room, long start, int hours) {
        CallSpec.Builder call = CallSpec.builder(room);
        for (int u = 0; u < MaximalAnswer.USERS; u++) {
            call.user("user" + u, start, start + hours * 3600L - 600);
        }
        return call.build();
    }

    private static List<String> commIds(TrtcSimulator sim, String prefix, int calls, long start) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            ids.add(SimulatedCall.commId(sim.sdkAppId(), prefix + i, start));
        }
        return ids;
    }

    /**
     * CPU seconds: the worker, this JVM (the simulator, mostly) and the broker while the connector ran (from its
     * creation to its last record, start-up included); the perf test's JVM (start-up included) and the broker while
     * it ran.
     */
    record Cpu(double worker, double simulator, double brokerForConnector, double perfTest, double brokerForPerfTest) {
    }

    private static Row runOne(BenchArgs a, KafkaBrokerProcess broker, KafkaConnectStack stack, TopicMeasure topics,
                              TrtcSimulator sim, SchemaRegistryProcess registry, List<String> commIds, boolean eos,
                              String shape, String compression, KafkaClasspath classpath, Path out) throws Exception {
        String name = "e2e-" + (eos ? "eos" : "alo") + "-" + shape + "-" + compression + "-" + System.nanoTime();
        String quality = name + ".quality";
        String perfTopic = name + ".perf";
        topics.create(quality, perfTopic);
        String loadBefore = loadAverage();

        Map<String, String> config = connectorConfig(sim, registry, commIds, name, quality, shape);
        config.put("producer.override.compression.type", compression);
        a.overrides().forEach((k, v) -> config.put("producer.override." + k, v));
        config.putAll(a.connectorSettings());
        long workerPid = stack.worker().pid();
        long brokerPid = broker.pid();
        long self = ProcessHandle.current().pid();
        double[] before = {ProcessCpu.seconds(workerPid), ProcessCpu.seconds(brokerPid), ProcessCpu.seconds(self)};
        stack.rest().createConnector(name, config);
        awaitCallEnds(stack, topics, name, name + ".calls", commIds.size());
        awaitStable(topics, quality);
        double[] connectorCpu = {ProcessCpu.seconds(workerPid) - before[0], ProcessCpu.seconds(brokerPid) - before[1],
                ProcessCpu.seconds(self) - before[2]};
        stack.rest().deleteConnector(name);

        Path payloads = out.resolve(name + ".payloads");
        TopicMeasure.Stats connector = topics.read(quality, payloads, a.payloads());
        long transactionMs = eos ? Math.max(1, Math.round(connector.seconds() * 1000 / connector.markers())) : 0;

        Map<String, String> producer = new LinkedHashMap<>();
        // What the worker sets for a source task's producer (Worker.baseProducerConfigs, and with exactly-once
        // exactlyOnceSourceTaskProducerConfigs); everything else is the client's default on both sides.
        producer.put("acks", "all");
        producer.put("max.in.flight.requests.per.connection", "1");
        producer.put("enable.idempotence", Boolean.toString(eos));
        producer.put("compression.type", compression);
        producer.putAll(a.overrides());
        double perfBefore = ProcessCpu.reapedChildrenSeconds();
        double brokerBefore = ProcessCpu.seconds(brokerPid);
        PerfTestRun.Result perf = PerfTestRun.run(classpath, PERF_TEST_JVM, stack.bootstrapServers(), perfTopic,
                connector.records(), payloads, producer, transactionMs, out.resolve(name + ".perf.log"));
        Cpu cpu = new Cpu(connectorCpu[0], connectorCpu[2], connectorCpu[1],
                ProcessCpu.reapedChildrenSeconds() - perfBefore, ProcessCpu.seconds(brokerPid) - brokerBefore);
        TopicMeasure.Stats perfStats = topics.read(perfTopic, null, 0);
        Files.deleteIfExists(payloads);
        return new Row(shape, eos, compression, connector, perf, perfStats, transactionMs,
                loadBefore + " -> " + loadAverage(), cpu);
    }

    private static Map<String, String> connectorConfig(TrtcSimulator sim, SchemaRegistryProcess registry,
                                                       List<String> commIds, String name, String quality,
                                                       String shape) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "dev.kafkaconnect.trtc.connector.TrtcSourceConnector");
        c.put("tasks.max", "1");
        c.put("trtc.endpoint", sim.endpoint());
        c.put("trtc.secret.id", TrtcSimulator.DEMO_SECRET_ID);
        c.put("trtc.secret.key", TrtcSimulator.DEMO_SECRET_KEY);
        c.put("trtc.sdk.app.id", Long.toString(sim.sdkAppId()));
        c.put("trtc.comm.ids", String.join(",", commIds));
        c.put("trtc.start", "P3D");
        c.put("trtc.metrics", "all");
        c.put("trtc.streams", "");
        c.put("trtc.poll.interval.ms", "1000");
        c.put("trtc.record.shape", shape);
        // The other shape's topic must differ (its schema does); nothing is written to it.
        boolean samples = shape.equals("sample");
        c.put("trtc.topic.samples", samples ? quality : name + ".samples-unused");
        c.put("trtc.topic.snapshots", samples ? name + ".snapshots-unused" : quality);
        c.put("trtc.topic.participants", name + ".participants");
        c.put("trtc.topic.calls", name + ".calls");
        c.put("trtc.topic.abnormal.experiences", name + ".abnormal-experiences");
        c.put("trtc.topic.user.events", name + ".user-events");
        String avro = RegistryAvroConverter.class.getName();
        c.put("key.converter", avro);
        c.put("key.converter.schema.registry.url", registry.ccompatUrl());
        c.put("value.converter", avro);
        c.put("value.converter.schema.registry.url", registry.ccompatUrl());
        return c;
    }

    /** A call's end record follows every other record of the call: all of them seen means the run is over. */
    private static void awaitCallEnds(KafkaConnectStack stack, TopicMeasure topics, String name, String callsTopic,
                                      int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ConnectorStatus status = stack.rest().status(name);
                if (status.firstFailedTask().isPresent()) {
                    throw new IllegalStateException(name + " failed: " + status.firstFailedTask().get().trace());
                }
            } catch (ConnectRestException e) {
                // 404 until the worker has written the connector's first status.
                if (e.statusCode() != 404) {
                    throw e;
                }
            }
            if (topics.count(callsTopic, calls, Duration.ofSeconds(3)) >= calls) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(name + " did not end its " + calls + " calls in 20 minutes");
    }

    private static void awaitStable(TopicMeasure topics, String topic) throws InterruptedException {
        long before = -1;
        long now = topics.endOffset(topic);
        while (now != before) {
            Thread.sleep(2000);
            before = now;
            now = topics.endOffset(topic);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
