package dev.kafkaconnect.trtc.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a run left on a topic of one partition, read back from the broker. Topics are created with
 * {@code message.timestamp.type=LogAppendTime}: the broker stamps every batch as it appends it, so first-to-last
 * record time is the writer's rate as the broker saw it, without its start-up, for the connector (whose records
 * carry the sample time) and the perf test alike.
 */
final class TopicMeasure {
    /** Records, their sizes, broker append times, log bytes and commit markers of one topic. */
    record Stats(String topic, long records, long keyBytes, long valueBytes, long firstAppendMs, long lastAppendMs,
                 long endOffset, long logBytes, long batches) {
        double seconds() {
            return (lastAppendMs - firstAppendMs) / 1000.0;
        }

        double recordsPerSecond() {
            return records / seconds();
        }

        /** One per transaction commit (or abort) on a single-partition topic; 0 without transactions. */
        long markers() {
            return endOffset - records;
        }

        double logBytesPerRecord() {
            return logBytes / (double) records;
        }

        double keyBytesPerRecord() {
            return keyBytes / (double) records;
        }

        double valueBytesPerRecord() {
            return valueBytes / (double) records;
        }

        /** Records per produce batch: with one request in flight, what a round trip to the broker carries. */
        double recordsPerBatch() {
            return records / (double) batches;
        }
    }

    private final Admin admin;
    private final String bootstrap;
    private final Path logDirs;

    /** {@code logDirs}: the broker's {@code log.dirs}, read for the batches as the producer framed them. */
    TopicMeasure(String bootstrap, Path logDirs) {
        this.bootstrap = bootstrap;
        this.logDirs = logDirs;
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        this.admin = Admin.create(p);
    }

    void create(String... topics) throws ExecutionException, InterruptedException {
        List<NewTopic> create = java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)
                .configs(Map.of("message.timestamp.type", "LogAppendTime"))).toList();
        admin.createTopics(create).all().get();
    }

    long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return c.endOffsets(List.of(tp)).get(tp);
        }
    }

    /** Counts committed records; stops at {@code stopAt} or when {@code timeout} passes without one. */
    long count(String topic, long stopAt, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long n = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (n < stopAt && System.nanoTime() < deadline) {
                n += c.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    /**
     * Reads the whole topic (committed records only). Writes every {@code stride}-th record's key and value, joined,
     * to {@code payloads} as one line folded to 7 bits: ProducerPerformance decodes its payload file as UTF-8 and
     * splits it at newlines, so the folding keeps each payload's length and its repetitions (what compression sees)
     * while making it survive that round trip.
     */
    Stats read(String topic, Path payloads, int maxPayloads) throws IOException, ExecutionException,
            InterruptedException {
        TopicPartition tp = new TopicPartition(topic, 0);
        long end = endOffset(topic);
        long records = 0;
        long keyBytes = 0;
        long valueBytes = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long expectedRecords = Math.max(1, end);
        long stride = Math.max(1, expectedRecords / Math.max(1, maxPayloads));
        try (KafkaConsumer<byte[], byte[]> c = consumer();
             OutputStream out = payloads == null ? OutputStream.nullOutputStream()
                     : new BufferedOutputStream(Files.newOutputStream(payloads), 1 << 16)) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    int k = r.key() == null ? 0 : r.key().length;
                    int v = r.value() == null ? 0 : r.value().length;
                    if (records % stride == 0 && records / stride < maxPayloads) {
                        if (records > 0) {
                            out.write('\n');
                        }
                        writeFolded(out, r.key());
                        writeFolded(out, r.value());
                    }
                    records++;
                    keyBytes += k;
                    valueBytes += v;
                    first = Math.min(first, r.timestamp());
                    last = Math.max(last, r.timestamp());
                }
            }
        }
        long logBytes = logBytes(tp);
        return new Stats(topic, records, keyBytes, valueBytes, first, last, end, logBytes, dataBatches(tp));
    }

    /** Data batches (transaction markers left out) in the partition's segment files. */
    private long dataBatches(TopicPartition tp) throws IOException {
        long batches = 0;
        try (var segments = Files.newDirectoryStream(logDirs.resolve(tp.topic() + "-" + tp.partition()), "*.log")) {
            for (Path segment : segments) {
                try (FileRecords records = FileRecords.open(segment.toFile(), false)) {
                    for (FileChannelRecordBatch batch : records.batches()) {
                        if (!batch.isControlBatch()) {
                            batches++;
                        }
                    }
                }
            }
        }
        return batches;
    }

    private static void writeFolded(OutputStream out, byte[] bytes) throws IOException {
        if (bytes == null) {
            return;
        }
        for (byte b : bytes) {
            int folded = b & 0x7F;
            out.write(folded == '\n' ? 0x0B : folded);
        }
    }

    /** Bytes of the partition's log on disk: batches as compressed and framed, transaction markers included. */
    private long logBytes(TopicPartition tp) throws ExecutionException, InterruptedException {
        long bytes = 0;
        for (var dirs : admin.describeLogDirs(List.of(1)).allDescriptions().get().values()) {
            for (var dir : dirs.values()) {
                ReplicaInfo info = dir.replicaInfos().get(tp);
                if (info != null) {
                    bytes += info.size();
                }
            }
        }
        return bytes;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    void close() {
        admin.close();
    }
}
