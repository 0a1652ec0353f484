package dev.kafkaconnect.trtc.demo;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;

/**
 * Reads the samples, abnormal-experiences and user-events topics from their beginning with the converter the connector writes
 * with, as a downstream consumer would, and feeds the {@link QualityBoard}. Counts distinct samples and duplicates (same call, user,
 * peer, metric and time seen twice).
 */
final class SampleWatcher implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Converter converter;
    private final String topic;
    private final String experiencesTopic;
    private final String userEventsTopic;
    private final QualityBoard board;
    private final Set<String> seen = new HashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread thread;
    private long duplicates;
    private long undecodable;
    private String lastError;

    SampleWatcher(Properties clientProps, Converter converter, String topic, String experiencesTopic,
                  String userEventsTopic, QualityBoard board) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put("group.id", "trtc-demo-view-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        // The topic appears when the connector writes its first record: notice it soon.
        props.put("metadata.max.age.ms", "2000");
        props.put("isolation.level", "read_committed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.converter = converter;
        this.topic = topic;
        this.experiencesTopic = experiencesTopic;
        this.userEventsTopic = userEventsTopic;
        this.board = board;
        this.thread = new Thread(this::run, "trtc-demo-sample-watcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic, experiencesTopic, userEventsTopic));
            while (!closed.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    accept(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() ends the poll.
        } catch (RuntimeException e) {
            synchronized (this) {
                lastError = "sample consumer stopped: " + e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        Struct s;
        try {
            SchemaAndValue decoded = converter.toConnectData(record.topic(), record.value());
            s = (Struct) decoded.value();
        } catch (RuntimeException e) {
            synchronized (this) {
                undecodable++;
                lastError = "cannot decode a sample at offset " + record.offset() + ": " + e.getMessage();
            }
            return;
        }
        String commId = s.getString("commId");
        String userId = s.getString("userId");
        if (record.topic().equals(experiencesTopic)) {
            String name = s.getString("experienceName");
            board.experience(commId, userId, name != null ? name : "experience " + s.getInt32("experienceId"),
                    ((java.util.Date) s.get("time")).getTime());
            return;
        }
        if (record.topic().equals(userEventsTopic)) {
            String name = s.getString("eventName");
            board.userEvent(commId, userId, name != null ? name : "event " + s.getInt32("eventId"),
                    ((java.util.Date) s.get("time")).getTime());
            return;
        }
        String peerId = s.getString("peerId");
        String metric = s.getString("metric");
        long timeMs = ((java.util.Date) s.get("time")).getTime();
        double value = s.getFloat64("value");
        String key = commId + '\u0000' + userId + '\u0000' + peerId + '\u0000' + metric + '\u0000' + timeMs;
        synchronized (this) {
            if (!seen.add(key)) {
                duplicates++;
                return;
            }
        }
        board.record(commId, userId, peerId, metric, timeMs, value);
    }

    synchronized long distinctSamples() {
        return seen.size();
    }

    /** Distinct samples of one call with a time before {@code beforeMs}. */
    synchronized long distinctSamples(String commId, long beforeMs) {
        String prefix = commId + '\u0000';
        return seen.stream().filter(k -> k.startsWith(prefix))
                .filter(k -> Long.parseLong(k.substring(k.lastIndexOf('\u0000') + 1)) < beforeMs).count();
    }

    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long undecodable() {
        return undecodable;
    }

    synchronized String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                converter.close();
            } catch (java.io.IOException | RuntimeException e) {
                // Nothing left to release that matters to a demo ending.
            }
        }
    }

    /** The converter matching the connector's: the registry's Avro converter, else JSON with schemas. */
    static Converter converterFor(String registryUrl) {
        Converter converter;
        if (registryUrl != null) {
            converter = new dev.kafkaconnect.trtc.converter.RegistryAvroConverter();
            converter.configure(Map.of("schema.registry.url", registryUrl), false);
        } else {
            // connect-json is on the worker's (and the demo's) classpath, not a compile dependency.
            try {
                converter = (Converter) Class.forName(WorkerSettings.JSON_CONVERTER).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot load " + WorkerSettings.JSON_CONVERTER
                        + "; is connect-json on the classpath?", e);
            }
            converter.configure(Map.of("schemas.enable", "true"), false);
        }
        return converter;
    }
}
