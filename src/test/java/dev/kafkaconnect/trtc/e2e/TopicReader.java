package dev.kafkaconnect.trtc.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;

import dev.kafkaconnect.trtc.demo.Waits;

/**
 * Reads topics from the beginning with {@code read_committed}, as a downstream consumer would, and decodes each
 * value with the converter the worker used, so records are compared as the connector built them. Single-threaded:
 * call {@link #poll()} from the test thread (typically inside a {@code Waits} probe).
 */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Converter valueConverter;
    private final Map<String, List<Struct>> values = new HashMap<>();

    TopicReader(String bootstrapServers, Converter valueConverter, Collection<String> topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // The connector creates its topics after the reader subscribes: notice them quickly.
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.valueConverter = valueConverter;
        consumer.subscribe(List.copyOf(topics));
        topics.forEach(t -> values.put(t, new ArrayList<>()));
    }

    /** Fetches what has arrived since the last call; returns how many records that was. */
    int poll() {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            SchemaAndValue decoded = valueConverter.toConnectData(record.topic(), record.headers(), record.value());
            values.get(record.topic()).add((Struct) decoded.value());
            n++;
        }
        return n;
    }

    /**
     * Polls until every subscribed partition has been read up to its end (for {@code read_committed}, the last
     * stable offset) as of this call: afterwards everything committed before the call has been seen.
     */
    void drain(Duration timeout) {
        Waits.until("reader to catch up with the end of " + values.keySet(), timeout, () -> {
            poll();
            var assignment = consumer.assignment();
            if (assignment.isEmpty()) {
                return false;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment);
            return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
    }

    int count(String topic) {
        return values.get(topic).size();
    }

    <T> List<T> records(String topic, Function<Struct, T> mapper) {
        return values.get(topic).stream().map(mapper).toList();
    }

    /** Forgets what was read so far (the consumer keeps its position). */
    void clear() {
        values.values().forEach(List::clear);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
