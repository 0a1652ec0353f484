package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@link TopicReader} counts what the topics hold. Its consumer group rebalances when a subscribed topic appears or
 * grows after the reader started (the connector's calls topic appears only after the reader's first poll when no
 * call has ended yet); the eager protocol then drops the positions and the reader fetches the topics again from the
 * beginning. Those records were read before: counted twice, they look like duplicates the connector delivered.
 */
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class TopicReaderIT {
    private static final int RECORDS = 50;
    private static final Schema SCHEMA = SchemaBuilder.struct().name("e2e.TopicReaderRecord")
            .field("n", Schema.INT32_SCHEMA).build();

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w);

    @Test
    void recordsFetchedAgainAfterTheReadersGroupRebalancedAreCountedOnce() throws Exception {
        KafkaConnectStack stack = ENV.stack();
        String read = "e2e.topic-reader.read";
        String growing = "e2e.topic-reader.growing";
        Converter json = RecordFormat.json().valueReader().get();
        try (Admin admin = Admin.create(stack.clientProperties())) {
            admin.createTopics(List.of(new NewTopic(read, 1, (short) 1), new NewTopic(growing, 1, (short) 1)))
                    .all().get();
            produce(stack.clientProperties(), json, read);
            try (TopicReader reader = new TopicReader(stack.bootstrapServers(), json, List.of(read, growing))) {
                reader.drain(Duration.ofMinutes(1));
                assertThat(reader.count(read)).as("records read before the rebalance").isEqualTo(RECORDS);

                // A subscribed topic changes: the group rebalances and the consumer starts again from the beginning.
                admin.createPartitions(Map.of(growing, NewPartitions.increaseTo(2))).all().get();
                TopicPartition added = new TopicPartition(growing, 1);
                Waits.until("the reader's group to rebalance onto " + added, Duration.ofMinutes(1), () -> {
                    reader.poll();
                    return reader.assignment().contains(added);
                });
                reader.drain(Duration.ofMinutes(1));

                assertThat(reader.count(read)).as("records counted").isEqualTo(RECORDS);
                assertThat(reader.records(read, s -> s.getInt32("n"))).containsExactlyElementsOf(
                        IntStream.range(0, RECORDS).boxed().toList());
                assertThat(reader.refetched()).as("records the consumer fetched again after the rebalance (eager "
                        + "protocol: the positions are dropped)").isEqualTo(RECORDS);
            }
        }
    }

    private static void produce(Properties client, Converter json, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = json.fromConnectData(topic, SCHEMA, new Struct(SCHEMA).put("n", i));
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }
}
