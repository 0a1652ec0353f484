package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.ParticipantEvent;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The converter's output is byte for byte what Avro's own {@link GenericDatumWriter} writes for the connector's
 * records, however often their strings repeat: the cached string encodings and struct layouts must never change a
 * byte.
 */
class AvroWriterMatchesAvroTest {
    private static final Map<String, ?> PARTITION = Map.of("commId", "c");
    private static final Map<String, ?> OFFSET = Map.of("skip", 0);

    private final RegistryAvroConverter keys = converter(true);
    private final RegistryAvroConverter values = converter(false);
    private final ConnectAvroMapper mapper = new ConnectAvroMapper(10);

    @Test
    void samplesAndParticipantsAreWhatAvroWrites() throws IOException {
        SampleRecordBuilder builder = new SampleRecordBuilder(1400188366L, "q", "p", "c",
                new ClientIpPolicy(ClientIpMode.KEEP, null));
        List<SourceRecord> records = new ArrayList<>();
        String[] users = {"alice", "用户-é", "", "emoji-\uD83D\uDE00", "x".repeat(EncodedStrings.MAX_CHARS + 1)};
        for (String user : users) {
            Struct key = builder.key("comm-Ω-1", user);
            for (int t = 0; t < 3; t++) {
                records.add(builder.sample(PARTITION, OFFSET, key, "房间 7", null, "appCpu", 1_700_000_000L + t,
                        12.5 * t));
                records.add(builder.sample(PARTITION, OFFSET, key, "房间 7", "peer-ü", "aLoss", 1_700_000_000L + t,
                        -0.0));
            }
            // A still-present user (null leave time), empty device and SDK (null), and a finished one with all set.
            records.add(builder.participant(PARTITION, OFFSET, key,
                    new CallUser("房间 7", user, 1_700_000_000L, 1_700_000_100L, false, "", "", ""),
                    ParticipantEvent.JOINED));
            records.add(builder.participant(PARTITION, OFFSET, key,
                    new CallUser("房间 7", user, 1_700_000_000L, 1_700_000_100L, true, "iPhone 15 – iOS", "4.11.3",
                            "203.0.113.9"), ParticipantEvent.LEFT));
        }
        // Twice over: the second pass writes every string from the cache.
        for (int pass = 0; pass < 2; pass++) {
            for (SourceRecord r : records) {
                assertThat(body(keys.fromConnectData(r.topic(), r.keySchema(), r.key())))
                        .as("key %s", r.key()).isEqualTo(avroWrites(r.keySchema(), (Struct) r.key()));
                assertThat(body(values.fromConnectData(r.topic(), r.valueSchema(), r.value())))
                        .as("value %s", r.value()).isEqualTo(avroWrites(r.valueSchema(), (Struct) r.value()));
            }
        }
    }

    @Test
    void equalStringCopiesAndMoreStringsThanTheCacheHoldsAreWhatAvroWrites() throws IOException {
        Schema schema = SchemaBuilder.struct().name("test.Strings")
                .field("s", Schema.STRING_SCHEMA).field("o", Schema.OPTIONAL_STRING_SCHEMA).build();
        List<Struct> structs = new ArrayList<>();
        for (int i = 0; i < EncodedStrings.SLOTS * 3; i++) {
            // New string objects each time, some equal to earlier ones, some colliding in the cache's table.
            structs.add(new Struct(schema).put("s", new String("s" + (i % 300) + "-ä")).put("o", i % 3 == 0 ? null
                    : new StringBuilder("o").append(i).toString()));
        }
        for (int pass = 0; pass < 2; pass++) {
            for (Struct s : structs) {
                assertThat(body(values.fromConnectData("t", schema, s))).isEqualTo(avroWrites(schema, s));
            }
        }
    }

    @Test
    void oneAvroSchemaWrittenFromStructsWhoseFieldsAreInAnotherOrder() throws IOException {
        Schema ab = SchemaBuilder.struct().name("test.Pair")
                .field("a", Schema.STRING_SCHEMA).field("b", Schema.INT64_SCHEMA).build();
        Schema ba = SchemaBuilder.struct().name("test.Pair")
                .field("b", Schema.INT64_SCHEMA).field("a", Schema.STRING_SCHEMA).build();
        org.apache.avro.Schema avro = mapper.toAvro(ab);
        AvroValueWriter writer = new AvroValueWriter();
        Struct first = new Struct(ab).put("a", "x").put("b", 5L);
        Struct second = new Struct(ba).put("b", 5L).put("a", "x");
        for (int pass = 0; pass < 2; pass++) {
            assertThat(write(writer, avro, second)).isEqualTo(write(writer, avro, first))
                    .isEqualTo(avroWrites(ab, first));
        }
    }

    private static byte[] write(AvroValueWriter writer, org.apache.avro.Schema avro, Struct value)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(avro, value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Avro's own writer on a GenericRecord built field by field from the struct. */
    private byte[] avroWrites(Schema connect, Struct struct) throws IOException {
        org.apache.avro.Schema avro = mapper.toAvro(connect);
        return RepeatedFieldsTest.avroWrites(avro, RepeatedFieldsTest.generic(avro, struct));
    }

    private static byte[] body(byte[] framed) {
        assertThat(framed[0]).isZero();
        return Arrays.copyOfRange(framed, ConfluentWireFormat.HEADER_SIZE, framed.length);
    }

    private static RegistryAvroConverter converter(boolean isKey) {
        RegistryAvroConverter converter = new RegistryAvroConverter(new InMemorySchemaRegistry());
        converter.configure(Map.of("schema.registry.url", "http://in-memory/"), isKey);
        return converter;
    }
}
