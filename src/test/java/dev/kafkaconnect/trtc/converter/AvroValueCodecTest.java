package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** The direct Struct writer and reader agree with Avro's own generic implementation, byte for byte. */
class AvroValueCodecTest {
    private final ConnectAvroMapper mapper = new ConnectAvroMapper(10);

    @Test
    void bytesWeWriteAreTheBytesAvroWritesAndReadBackEqual() throws IOException {
        Struct value = ConnectSamples.allTypesValue();
        org.apache.avro.Schema avro = mapper.toAvro(ConnectSamples.ALL_TYPES);

        byte[] ours = write(avro, value);
        GenericRecord generic = genericRead(avro, ours);

        assertThat(genericWrite(avro, generic)).isEqualTo(ours);
        assertThat(generic.get("int8")).isEqualTo(-8);
        assertThat(generic.get("timestamp")).isEqualTo(1_764_000_000_123L);
        assertThat(generic.get("date")).isEqualTo(19_000);
        assertThat(generic.get("time")).isEqualTo(45_296_789);
        assertThat(new BigInteger(bytes(generic.get("decimal")))).isEqualTo(new BigInteger("-12345678"));
        assertThat(generic.get("optionalString")).isNull();
        assertThat(generic.get("string").toString()).isEqualTo("héllo, 世界");
        @SuppressWarnings("unchecked")
        List<GenericRecord> entries = (List<GenericRecord>) generic.get("intKeyMap");
        assertThat(entries).extracting(e -> e.get("key")).containsExactly(7, -1);

        assertThat(AvroValueReader.read(avro, ConnectSamples.ALL_TYPES, decoder(ours))).isEqualTo(value);
    }

    @Test
    void readsWhatAvroWritesForSchemasOfOtherProducers() throws IOException {
        org.apache.avro.Schema foreign = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "Order", "namespace": "shop", "fields": [
                  {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
                  {"name": "hash", "type": {"type": "fixed", "name": "Two", "size": 2}},
                  {"name": "note", "type": ["string", "null"]},
                  {"name": "price", "type": {"type": "fixed", "name": "Price", "size": 4,
                     "logicalType": "decimal", "precision": 6, "scale": 2}},
                  {"name": "counts", "type": {"type": "map", "values": "long"}}
                ]}""");
        GenericRecord record = new GenericData.Record(foreign);
        record.put("status", new GenericData.EnumSymbol(foreign.getField("status").schema(), "PAID"));
        record.put("hash", new GenericData.Fixed(foreign.getField("hash").schema(), new byte[] {1, 2}));
        record.put("note", "hi");
        record.put("price", new GenericData.Fixed(foreign.getField("price").schema(), new byte[] {-1, -1, -1, -2}));
        record.put("counts", Map.of("k", 5L));
        Schema connect = mapper.toConnect(foreign);

        Struct struct = (Struct) AvroValueReader.read(foreign, connect, decoder(genericWrite(foreign, record)));

        assertThat(struct.getString("status")).isEqualTo("PAID");
        assertThat(struct.getBytes("hash")).containsExactly(1, 2);
        assertThat(struct.getString("note")).isEqualTo("hi");
        assertThat(struct.get("price")).isEqualTo(new BigDecimal("-0.02"));
        assertThat(struct.getMap("counts")).isEqualTo(Map.of("k", 5L));
        // And back: a sink re-encoding the value (enum and fixed restored from their parameters) reads the same.
        org.apache.avro.Schema rewritten = mapper.toAvro(connect);
        assertThat(AvroValueReader.read(rewritten, connect, decoder(write(rewritten, struct)))).isEqualTo(struct);
    }

    @Test
    void unionsOfSeveralTypesReadAndWriteAsUnionStructs() throws IOException {
        org.apache.avro.Schema foreign = new org.apache.avro.Schema.Parser().parse("""
                {"type":"record","name":"U","fields":[{"name":"u","type":["null","int","string"]}]}""");
        Schema connect = mapper.toConnect(foreign);
        for (Object member : java.util.Arrays.asList(7, "seven", null)) {
            GenericRecord record = new GenericData.Record(foreign);
            record.put("u", member);
            byte[] bytes = genericWrite(foreign, record);

            Struct read = (Struct) AvroValueReader.read(foreign, connect, decoder(bytes));

            Struct union = read.getStruct("u");
            if (member == null) {
                assertThat(union).isNull();
            } else {
                assertThat(union.get(member instanceof Integer ? "int" : "string")).isEqualTo(member);
            }
            assertThat(write(mapper.toAvro(connect), read)).as("written back as the same branch").isEqualTo(bytes);
        }
    }

    @Test
    void writesByFieldNameSoARegisteredSchemaCanDifferFromTheStruct() throws IOException {
        org.apache.avro.Schema registered = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "V", "fields": [
                  {"name": "b", "type": "string"},
                  {"name": "added", "type": "int", "default": 9},
                  {"name": "a", "type": "long"}
                ]}""");
        Schema connect = SchemaBuilder.struct().name("V").field("a", Schema.INT64_SCHEMA)
                .field("b", Schema.STRING_SCHEMA).build();

        GenericRecord read = genericRead(registered, write(registered, new Struct(connect).put("a", 1L).put("b", "x")));

        assertThat(read.get("a")).isEqualTo(1L);
        assertThat(read.get("b").toString()).isEqualTo("x");
        assertThat(read.get("added")).isEqualTo(9);
    }

    @Test
    void valuesThatDoNotFitTheSchemaFailNamingTheField() {
        Schema connect = SchemaBuilder.struct().name("test.Bad")
                .field("n", Schema.INT32_SCHEMA)
                .field("d", ConnectSamples.DECIMAL).build();
        org.apache.avro.Schema avro = mapper.toAvro(connect);
        Struct wrongScale = new Struct(connect).put("n", 1);
        // Bypass Struct validation: connectors can hand over structs built without put()'s checks.
        wrongScale.put("d", new BigDecimal("1.5"));

        assertThatThrownBy(() -> write(avro, wrongScale)).isInstanceOf(DataException.class)
                .hasMessageContaining("Field 'd'").hasMessageContaining("scale 1");

        org.apache.avro.Schema enumSchema = org.apache.avro.Schema.createEnum("E", null, null, List.of("A"));
        assertThatThrownBy(() -> write(enumSchema, "B")).isInstanceOf(DataException.class)
                .hasMessageContaining("'B' is not a symbol of Avro enum E");
    }

    static byte[] write(org.apache.avro.Schema schema, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new AvroValueWriter().write(schema, value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord genericRead(org.apache.avro.Schema schema, byte[] bytes) throws IOException {
        BinaryDecoder decoder = decoder(bytes);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, decoder);
        assertThat(decoder.isEnd()).as("Avro consumed every byte").isTrue();
        return record;
    }

    private static byte[] genericWrite(org.apache.avro.Schema schema, Object datum) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<>(schema).write(datum, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static BinaryDecoder decoder(byte[] bytes) {
        return DecoderFactory.get().binaryDecoder(bytes, null);
    }

    private static byte[] bytes(Object buffer) {
        ByteBuffer byteBuffer = ((ByteBuffer) buffer).duplicate();
        byte[] bytes = new byte[byteBuffer.remaining()];
        byteBuffer.get(bytes);
        return bytes;
    }
}
