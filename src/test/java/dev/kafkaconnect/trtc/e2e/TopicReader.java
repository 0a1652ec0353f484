package dev.kafkaconnect.trtc.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * <p>
 * Each record of a partition is kept once, by offset: the consumer fetches records again after its group rebalanced
 * (a subscribed topic that appears after the first poll, as the connector's calls topic does when no call has ended
 * yet, makes it rejoin, and the eager protocol drops its positions: it starts again from the beginning). Counted
 * twice, those records would look like duplicates the connector delivered; a duplicate in a topic has an offset of
 * its own.
 */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Converter valueConverter;
    private final Map<String, List<Struct>> values = new HashMap<>();
    /** Per partition, the offset after the last record kept: a record below it was fetched before. */
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private int refetched;

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

    /** Fetches what has arrived since the last call; returns how many records that was (none fetched before). */
    int poll() {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.offset() < nextOffsets.getOrDefault(partition, 0L)) {
                refetched++;
                continue;
            }
            nextOffsets.put(partition, record.offset() + 1);
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

    /** Records the consumer fetched again (after a rebalance of its group), not kept a second time. */
    int refetched() {
        return refetched;
    }

    /** The partitions the reader's group assigns it now. */
    Set<TopicPartition> assignment() {
        return consumer.assignment();
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
