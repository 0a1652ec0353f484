package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder.Cause;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder.Experience;
import dev.kafkaconnect.trtc.records.AvroSchemas;
import dev.kafkaconnect.trtc.records.UserEventRecordBuilder;
import dev.kafkaconnect.trtc.records.UserEventRecordBuilder.Event;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * User events and abnormal experiences as the builders make them, through the shipped converter and back: keys and
 * values come back equal (nulls, empty arrays and user ids beyond ASCII included) and the registered schemas are
 * exactly the contracts.
 */
class EventRecordsRoundTripTest {
    static final long APP = 1400188366L;
    static final String COMM = "1400188366_房间-7_1714518000";
    static final String USER = "用户-Zoë-🎧";
    static final String PEER = "対端-ñ";
    static final Map<String, Object> PARTITION = Map.of("commId", COMM);
    static final Map<String, Object> OFFSET = Map.of("cursor", 1L);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    static Stream<SourceRecord> records() {
        UserEventRecordBuilder events = new UserEventRecordBuilder(APP, "trtc.1400188366.user-events");
        AbnormalExperienceRecordBuilder experiences =
                new AbnormalExperienceRecordBuilder(APP, "trtc.1400188366.abnormal-experiences");
        return Stream.of(
                events.userEvent(PARTITION, OFFSET, events.key(COMM, USER), "房间-7",
                        new Event(PEER, 1_714_518_012_345L, 4003, 2, 1280, 720)),
                events.userEvent(PARTITION, OFFSET, events.key(COMM, USER), "房间-7",
                        new Event("", 1_714_518_012_346L, 8888, 9, -1, -1)),
                experiences.abnormalExperience(PARTITION, OFFSET, experiences.key(COMM, USER), "房间-7",
                        new Experience(5, 1_714_518_060_000L,
                                List.of(new Cause(2015, PEER), new Cause(9999, ""), new Cause(2002, null)), true)),
                experiences.abnormalExperience(PARTITION, OFFSET, experiences.key(COMM, USER), "房间-7",
                        new Experience(42, 1_714_518_061_000L, List.of(), false)));
    }

    @ParameterizedTest
    @MethodSource("records")
    void keyAndValueComeBackEqualAndTheRegisteredSchemaIsTheContract(SourceRecord record) {
        RegistryAvroConverter keys = converter(true);
        RegistryAvroConverter values = converter(false);

        byte[] keyBytes = keys.fromConnectData(record.topic(), record.keySchema(), record.key());
        byte[] valueBytes = values.fromConnectData(record.topic(), record.valueSchema(), record.value());

        SchemaAndValue key = converter(true).toConnectData(record.topic(), keyBytes);
        SchemaAndValue value = converter(false).toConnectData(record.topic(), valueBytes);
        assertThat(key.schema()).isEqualTo(record.keySchema());
        assertThat(key.value()).isEqualTo(record.key());
        assertThat(value.schema()).isEqualTo(record.valueSchema());
        assertThat(value.value()).isEqualTo(record.value());

        String contract = record.valueSchema().name().substring("dev.kafkaconnect.trtc.avro.".length());
        assertThat(registered(valueBytes)).isEqualTo(AvroSchemas.load(contract));
        assertThat(registered(keyBytes)).isEqualTo(AvroSchemas.load(AvroSchemas.CALL_USER_KEY));
        assertThat(registry.subjects()).containsExactlyInAnyOrder(record.topic() + "-key", record.topic() + "-value");
    }

    private org.apache.avro.Schema registered(byte[] bytes) {
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        return new org.apache.avro.Schema.Parser().parse(registry.schemaById(id).schema());
    }

    private RegistryAvroConverter converter(boolean isKey) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", "http://in-memory/");
        RegistryAvroConverter converter = new RegistryAvroConverter(registry);
        converter.configure(configs, isKey);
        return converter;
    }
}
