package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.connector.TaskDriver;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.converter.BenchConverters;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * End to end on one machine: simulator (loopback HTTP) -> one task (real client) -> the Avro converter (in-memory
 * registry: the registry is not the subject) -> a producer configured as a Connect worker configures its own ->
 * a real KRaft broker in this JVM. Reports samples per second, requests per second and bytes on the topic per
 * sample, from the first request to the producer's last acknowledgement.
 * Args: {@code [calls=4] [hours=2]}; each call has 6 users and every metric (maximal answers).
 */
public final class EndToEndHarness {
    private EndToEndHarness() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long start = System.currentTimeMillis() / 1000 / 3600 * 3600 - 86_400 - hours * 3600L;
        TrtcSimulator.Builder b = TrtcSimulator.builder().rateLimitPerSecond(20).threads(16);
        for (int i = 0; i < calls; i++) {
            CallSpec.Builder call = CallSpec.builder("e2e" + i);
            for (int u = 0; u < MaximalAnswer.USERS; u++) {
                call.user("user" + u, start, start + hours * 3600L - 600);
            }
            b.call(call.build());
        }
        try (KafkaClusterTestKit kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build()).build();
             TrtcSimulator sim = b.build().start()) {
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            List<String> commIds = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                commIds.add(SimulatedCall.commId(sim.sdkAppId(), "e2e" + i, start));
            }
            Map<String, String> props = new HashMap<>();
            props.put(TrtcSourceConfig.ENDPOINT, sim.endpoint());
            props.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
            props.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
            props.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(sim.sdkAppId()));
            props.put(TrtcSourceConfig.COMM_IDS, String.join(",", commIds));

            RegistryAvroConverter keys = BenchConverters.inMemory(true);
            RegistryAvroConverter values = BenchConverters.inMemory(false);
            long[] bytes = new long[2];
            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(kafka.bootstrapServers()),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                long t0 = System.nanoTime();
                TaskDriver.Run run = TaskDriver.run(props, Duration.ofMinutes(20), batch -> {
                    for (SourceRecord r : batch) {
                        byte[] k = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
                        byte[] v = values.fromConnectData(r.topic(), r.valueSchema(), r.value());
                        bytes[0] += k.length;
                        bytes[1] += v.length;
                        producer.send(new ProducerRecord<>(r.topic(), null, r.timestamp(), k, v), (m, e) -> {
                            if (e != null) {
                                sendFailure.compareAndSet(null, e);
                            }
                        });
                    }
                });
                producer.flush();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (sendFailure.get() != null) {
                    throw sendFailure.get();
                }
                System.out.printf("%n== End to end: %d calls x %d h, 6 users, every metric (%d maximal answers)%n",
                        calls, hours, calls * hours);
                System.out.printf("records %d, requests %d, %.2f s%n", run.records(), run.requests(), seconds);
                System.out.printf("samples/s %.0f, requests/s %.2f%n", run.records() / seconds,
                        run.requests() / seconds);
                System.out.printf("bytes on the topic per sample (Avro key + value, before batching/compression):"
                        + " %.1f (key %.1f, value %.1f)%n", (bytes[0] + bytes[1]) / (double) run.records(),
                        bytes[0] / (double) run.records(), bytes[1] / (double) run.records());
            }
        }
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
}
