package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.SchemaBuilder.FieldAssembler;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * A record whose fields hold the same objects as the last record's copies their bytes ({@link LastRecord}): the
 * output must stay byte for byte what Avro's {@link GenericDatumWriter} writes whichever fields repeat, whatever
 * changed in place inside a mutable value, after a record that failed halfway, and with defaults for fields the
 * struct lacks.
 */
class RepeatedFieldsTest {
    private static final Schema INNER = SchemaBuilder.struct().name("test.Inner")
            .field("n", Schema.INT32_SCHEMA).build();
    private static final Schema WIDE = SchemaBuilder.struct().name("test.Wide")
            .field("app", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("peer", Schema.OPTIONAL_STRING_SCHEMA)
            .field("time", Timestamp.SCHEMA)
            .field("flag", Schema.BOOLEAN_SCHEMA)
            .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("inner", INNER)
            .field("value", Schema.FLOAT64_SCHEMA)
            .build();

    private final ConnectAvroMapper mapper = new ConnectAvroMapper(10);
    private final RegistryAvroConverter converter = converter();

    @Test
    void runsOfSharedFieldObjectsAreWhatAvroWrites() throws IOException {
        Long app = 1400188366L;
        String name = "房间-ü";
        Double value = 108.09;
        List<Struct> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Each field changes on its own rhythm: some records repeat everything, some only a middle run.
            records.add(new Struct(WIDE)
                    .put("app", i % 7 == 6 ? Long.valueOf(i) : app)
                    .put("name", i % 5 == 4 ? "user-" + i : name)
                    .put("peer", i % 3 == 0 ? null : "peer-" + (i / 3))
                    .put("time", new Date(1_700_000_000_000L + (i / 2) * 2000L))
                    .put("flag", i % 4 < 2)
                    .put("bytes", i % 6 == 0 ? null : new byte[] {(byte) i, 1})
                    .put("inner", new Struct(INNER).put("n", i / 3))
                    .put("value", i % 2 == 0 ? value : Double.valueOf(-i)));
        }
        for (int pass = 0; pass < 2; pass++) {
            for (Struct s : records) {
                assertWritesAsAvro(s);
                // The very same struct twice in a row: every field repeats.
                assertWritesAsAvro(s);
            }
        }
    }

    @Test
    void mutableValuesChangedInPlaceAreWrittenAgain() throws IOException {
        Date time = new Date(1_700_000_000_000L);
        byte[] bytes = {1, 2, 3};
        Struct inner = new Struct(INNER).put("n", 1);
        Struct s = new Struct(WIDE).put("app", 1L).put("name", "a").put("peer", "p").put("time", time)
                .put("flag", true).put("bytes", bytes).put("inner", inner).put("value", 1.5);
        assertWritesAsAvro(s);

        time.setTime(1_800_000_000_000L);
        bytes[1] = 42;
        inner.put("n", 99);
        assertWritesAsAvro(s);
    }

    @Test
    void aRecordFailingHalfwayIsNeverCopiedFrom() throws IOException {
        Struct good = new Struct(WIDE).put("app", 7L).put("name", "n").put("peer", "p")
                .put("time", new Date(1_700_000_000_000L)).put("flag", true).put("inner", new Struct(INNER).put("n", 3))
                .put("value", 2.5);
        assertWritesAsAvro(good);
        // Same leading objects, then a new "peer" is written before the missing required "inner" fails the record.
        Struct failing = new Struct(WIDE).put("app", good.get("app")).put("name", good.get("name")).put("peer", "q")
                .put("time", good.get("time")).put("flag", true).put("value", 2.5);
        assertThatThrownBy(() -> converter.fromConnectData("t", WIDE, failing)).isInstanceOf(DataException.class)
                .hasMessageContaining("'inner'");
        // The failed record's "q" was encoded but never completed: it must not be copied from the bytes kept.
        Struct next = new Struct(WIDE).put("app", good.get("app")).put("name", good.get("name"))
                .put("peer", failing.get("peer")).put("time", good.get("time")).put("flag", true)
                .put("inner", good.get("inner")).put("value", 2.5);
        assertWritesAsAvro(next);
        assertWritesAsAvro(good);
    }

    @Test
    void recordsTooLargeToKeepAlternateWithSmallOnes() throws IOException {
        String big = "x".repeat(LastRecord.MAX_BYTES);
        Struct inner = new Struct(INNER).put("n", 0);
        Date time = new Date(0);
        for (int i = 0; i < 6; i++) {
            Struct s = new Struct(WIDE).put("app", 1L).put("name", i % 3 == 0 ? big : "small").put("time", time)
                    .put("flag", false).put("inner", inner).put("value", 0.0);
            assertWritesAsAvro(s);
            assertWritesAsAvro(s);
        }
    }

    @Test
    void fieldsTheStructLacksTakeTheirDefaultEveryTime() throws IOException {
        Schema connect = SchemaBuilder.struct().name("test.Narrow").field("a", Schema.INT64_SCHEMA)
                .field("b", Schema.STRING_SCHEMA).build();
        // A registered schema with a field before, between and after the struct's own, each with a default.
        FieldAssembler<org.apache.avro.Schema> fields = org.apache.avro.SchemaBuilder.record("test.Narrow").fields();
        org.apache.avro.Schema avro = fields.name("first").type().stringType().stringDefault("d-é")
                .name("a").type().longType().noDefault()
                .name("mid").type().optional().intType()
                .name("b").type().stringType().noDefault()
                .name("last").type().doubleType().doubleDefault(-1.25)
                .endRecord();
        AvroValueWriter writer = new AvroValueWriter();
        RecordEncoder encoder = new RecordEncoder();
        Long a = 5L;
        for (int i = 0; i < 6; i++) {
            Struct s = new Struct(connect).put("a", i % 2 == 0 ? a : Long.valueOf(i)).put("b", i < 3 ? "b" : "c" + i);
            encoder.reset();
            writer.write(avro, s, encoder);
            GenericData.Record expected = new GenericData.Record(avro);
            expected.put("first", "d-é");
            expected.put("a", s.get("a"));
            expected.put("mid", null);
            expected.put("b", s.get("b"));
            expected.put("last", -1.25);
            assertThat(encoder.toByteArray()).as("struct %s", s).isEqualTo(avroWrites(avro, expected));
        }
    }

    private void assertWritesAsAvro(Struct struct) throws IOException {
        byte[] framed = converter.fromConnectData("t", struct.schema(), struct);
        org.apache.avro.Schema avro = mapper.toAvro(struct.schema());
        assertThat(Arrays.copyOfRange(framed, ConfluentWireFormat.HEADER_SIZE, framed.length)).as("struct %s", struct)
                .isEqualTo(avroWrites(avro, generic(avro, struct)));
    }

    static byte[] avroWrites(org.apache.avro.Schema avro, GenericData.Record record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<>(avro).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** The GenericRecord Avro's writer takes for the struct: dates as millis, bytes as buffers, structs as records. */
    static GenericData.Record generic(org.apache.avro.Schema avro, Struct struct) {
        GenericData.Record record = new GenericData.Record(avro);
        for (Field f : struct.schema().fields()) {
            Object v = struct.get(f);
            if (v instanceof Date d) {
                v = d.getTime();
            } else if (v instanceof byte[] b) {
                v = ByteBuffer.wrap(b);
            } else if (v instanceof Struct inner) {
                v = generic(avro.getField(f.name()).schema(), inner);
            }
            record.put(f.name(), v);
        }
        return record;
    }

    private static RegistryAvroConverter converter() {
        RegistryAvroConverter converter = new RegistryAvroConverter(new InMemorySchemaRegistry());
        converter.configure(Map.of("schema.registry.url", "http://in-memory/"), false);
        return converter;
    }
}
