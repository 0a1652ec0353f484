package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.records.AvroSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.Test;

/** Converter behaviour against an in-memory registry; the ITs repeat the essentials against a real one. */
class RegistryAvroConverterTest {
    private static final String TOPIC = "calls";
    private static final Schema SIMPLE = SchemaBuilder.struct().name("test.Simple")
            .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    @Test
    void writesTheConfluentWireFormatAndReadsItBack() {
        RegistryAvroConverter converter = converter(Map.of(), false);
        Struct value = ConnectSamples.allTypesValue();

        byte[] bytes = converter.fromConnectData(TOPIC, ConnectSamples.ALL_TYPES, value);

        assertThat(bytes[0]).isEqualTo((byte) 0);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(id).isEqualTo(registry.lookup("calls-value",
                new ConnectAvroMapper(1).toAvro(ConnectSamples.ALL_TYPES).toString()));
        SchemaAndValue back = converter(Map.of(), false).toConnectData(TOPIC, bytes);
        assertThat(back.schema()).isEqualTo(ConnectSamples.ALL_TYPES);
        assertThat(back.value()).isEqualTo(value);
    }

    @Test
    void registersExactlyTheContractSchemas() {
        RegistryAvroConverter converter = converter(Map.of(), false);
        for (String name : AvroSchemas.ALL) {
            Schema connect = AvroSchemas.connectSchema(name);
            Struct value = new Struct(connect);
            for (org.apache.kafka.connect.data.Field field : connect.fields()) {
                if (!field.schema().isOptional()) {
                    value.put(field, sampleOf(field.schema()));
                }
            }
            byte[] bytes = converter.fromConnectData("t-" + name, connect, value);
            int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            assertThat(new org.apache.avro.Schema.Parser().parse(registry.schemaById(id).schema()))
                    .isEqualTo(AvroSchemas.load(name));
            assertThat(converter.toConnectData("t-" + name, bytes).value()).isEqualTo(value);
        }
    }

    @Test
    void steadyStateRecordsCostNoRegistryCall() {
        RegistryAvroConverter writer = converter(Map.of(), false);
        byte[] first = writer.fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 1L));
        int callsAfterFirst = registry.calls.get();
        Schema equalCopy = SchemaBuilder.struct().name("test.Simple")
                .field("id", Schema.INT64_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

        for (long i = 0; i < 50; i++) {
            writer.fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", i));
            writer.fromConnectData(TOPIC, equalCopy, new Struct(equalCopy).put("id", i));
        }
        assertThat(writer.toConnectData(TOPIC, first).value()).isEqualTo(new Struct(SIMPLE).put("id", 1L));
        assertThat(registry.calls.get()).as("a writer reads its own schemas without asking").isEqualTo(1);
        RegistryAvroConverter reader = converter(Map.of(), false);
        for (int i = 0; i < 50; i++) {
            reader.toConnectData(TOPIC, first);
        }

        assertThat(callsAfterFirst).isEqualTo(1);
        assertThat(registry.calls.get()).as("one register, then one fetch by id").isEqualTo(2);
    }

    @Test
    void tombstonesStayNull() {
        RegistryAvroConverter converter = converter(Map.of(), false);
        assertThat(converter.fromConnectData(TOPIC, SIMPLE, null)).isNull();
        assertThat(converter.fromConnectData(TOPIC, null, null)).isNull();
        assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(registry.calls.get()).isZero();
    }

    @Test
    void badInputFailsWithTheCause() {
        RegistryAvroConverter converter = converter(Map.of(), false);

        assertThatThrownBy(() -> converter.fromConnectData(TOPIC, null, Map.of("a", 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("schemaless value");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, "{\"json\":1}".getBytes()))
                .isInstanceOf(DataException.class).hasMessageContaining("not the schema registry magic byte 0");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0}))
                .isInstanceOf(DataException.class).hasMessageContaining("shorter than the 5-byte");
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[] {0, 0, 0, 0, 99}))
                .isInstanceOf(DataException.class).hasMessageContaining("schema id 99 not found");

        byte[] good = converter.fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 5L));
        byte[] padded = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, padded))
                .isInstanceOf(DataException.class).hasMessageContaining("bytes left over");
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated))
                .isInstanceOf(DataException.class).hasMessageContaining("corrupt or truncated");
    }

    @Test
    void subjectNamesFollowTheConfiguredStrategy() {
        converter(Map.of(), true).fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 1L));
        converter(Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
                false).fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 1L));
        converter(Map.of("value.subject.name.strategy", "TopicRecordNameStrategy"), false)
                .fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 1L));
        converter(Map.of("key.subject.name.strategy", "record_name"), true)
                .fromConnectData(TOPIC, Schema.STRING_SCHEMA, "k");

        assertThat(registry.subjects()).containsExactly("calls-key", "test.Simple", "calls-test.Simple", "string");
    }

    @Test
    void withoutAutoRegisterTheSchemaMustExist() {
        RegistryAvroConverter converter = converter(Map.of("auto.register.schemas", "false"), false);
        Struct value = new Struct(SIMPLE).put("id", 1L);

        assertThatThrownBy(() -> converter.fromConnectData(TOPIC, SIMPLE, value))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("subject 'calls-value'")
                .hasMessageContaining("schema not registered");

        int id = registry.registerForeign("calls-value", new ConnectAvroMapper(1).toAvro(SIMPLE).toString());
        assertThat(ByteBuffer.wrap(converter.fromConnectData(TOPIC, SIMPLE, value), 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsNewestSchema() {
        String latest = """
                {"type":"record","name":"Simple","namespace":"test","fields":[
                  {"name":"id","type":"long"},
                  {"name":"name","type":["null","string"],"default":null},
                  {"name":"region","type":"string","default":"eu"}]}""";
        int id = registry.registerForeign("calls-value", latest);
        RegistryAvroConverter converter = converter(
                Map.of("auto.register.schemas", "false", "use.latest.version", "true"), false);

        byte[] bytes = converter.fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 3L).put("name", "n"));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        Struct read = (Struct) converter.toConnectData(TOPIC, bytes).value();
        assertThat(read.getInt64("id")).isEqualTo(3L);
        assertThat(read.getString("name")).isEqualTo("n");
        assertThat(read.getString("region")).isEqualTo("eu");
    }

    @Test
    void anUnreachableRegistryIsRetriableAndNothingIsLost() {
        RegistryAvroConverter converter = converter(Map.of(), false);
        Struct value = new Struct(SIMPLE).put("id", 9L);
        registry.down = true;

        assertThatThrownBy(() -> converter.fromConnectData(TOPIC, SIMPLE, value))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("subject 'calls-value'")
                .hasMessageContaining("http://in-memory/ is unreachable");

        registry.down = false;
        byte[] bytes = converter.fromConnectData(TOPIC, SIMPLE, value);
        assertThat(converter.toConnectData(TOPIC, bytes).value()).isEqualTo(value);
    }

    @Test
    void incompatibleSchemasAreDataErrorsNamingTheSubject() {
        RegistryAvroConverter converter = converter(Map.of(), false);
        converter.fromConnectData(TOPIC, SIMPLE, new Struct(SIMPLE).put("id", 1L));
        registry.setCompatibility("calls-value", "BACKWARD");
        Schema breaking = SchemaBuilder.struct().name("test.Simple").field("id", Schema.STRING_SCHEMA).build();

        assertThatThrownBy(() -> converter.fromConnectData(TOPIC, breaking, new Struct(breaking).put("id", "x")))
                .isInstanceOf(DataException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("subject 'calls-value'")
                .hasMessageContaining("incompatible");
    }

    @Test
    void readsRecordsOtherProducersWrote() throws IOException {
        String schema = """
                {"type":"record","name":"Reading","namespace":"iot","fields":[
                  {"name":"sensor","type":"string"},
                  {"name":"level","type":{"type":"enum","name":"Level","symbols":["LOW","HIGH"]}},
                  {"name":"value","type":["null","double"],"default":null}]}""";
        org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(schema);
        int id = registry.registerForeign("iot-value", schema);
        GenericRecord record = new GenericData.Record(avro);
        record.put("sensor", "s1");
        record.put("level", new GenericData.EnumSymbol(avro.getField("level").schema(), "HIGH"));
        record.put("value", 0.5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(avro).write(record, encoder);

        SchemaAndValue read = converter(Map.of(), false).toConnectData("iot", out.toByteArray());

        Struct struct = (Struct) read.value();
        assertThat(read.schema().name()).isEqualTo("iot.Reading");
        assertThat(struct.getString("sensor")).isEqualTo("s1");
        assertThat(struct.getString("level")).isEqualTo("HIGH");
        assertThat(struct.getFloat64("value")).isEqualTo(0.5);
    }

    @Test
    void resolvesSchemaReferencesToOtherSubjects() throws IOException {
        String point = "{\"type\":\"record\",\"name\":\"Point\",\"namespace\":\"geo\","
                + "\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}";
        registry.registerForeign("geo.Point", point);
        String route = "{\"type\":\"record\",\"name\":\"Route\",\"namespace\":\"geo\","
                + "\"fields\":[{\"name\":\"from\",\"type\":\"Point\"}]}";
        int id = registry.registerForeignWithReferences("routes-value", route,
                List.of(new SchemaRegistryClient.SchemaReference("geo.Point", "geo.Point", 1)));
        org.apache.avro.Schema.Parser parser = new org.apache.avro.Schema.Parser();
        org.apache.avro.Schema pointSchema = parser.parse(point);
        org.apache.avro.Schema routeSchema = parser.parse(route);
        GenericRecord from = new GenericData.Record(pointSchema);
        from.put("x", 4);
        GenericRecord record = new GenericData.Record(routeSchema);
        record.put("from", from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(routeSchema).write(record, encoder);

        Struct read = (Struct) converter(Map.of(), false).toConnectData("routes", out.toByteArray()).value();

        assertThat(read.getStruct("from").getInt32("x")).isEqualTo(4);
        assertThat(read.schema().field("from").schema().name()).isEqualTo("geo.Point");
    }

    @Test
    void isAPluginWorkersCanFind() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(RegistryAvroConverter.class);
        RegistryAvroConverter converter = new RegistryAvroConverter();
        assertThat(converter.config()).isSameAs(RegistryAvroConverterConfig.CONFIG_DEF);
        assertThat(converter.version()).isNotBlank();
        assertThatThrownBy(() -> converter.toConnectData(TOPIC, new byte[5]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before configure()");
    }

    private RegistryAvroConverter converter(Map<String, String> settings, boolean isKey) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.put("schema.registry.url", "http://in-memory/");
        RegistryAvroConverter converter = new RegistryAvroConverter(registry);
        converter.configure(configs, isKey);
        return converter;
    }

    private static Object sampleOf(Schema schema) {
        return switch (schema.type()) {
            case INT64 -> org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME.equals(schema.name())
                    ? new java.util.Date(1_700_000_000_000L) : (Object) 42L;
            case INT32 -> 7;
            case STRING -> "s";
            case FLOAT64 -> 1.25;
            case ARRAY -> List.of();
            case BOOLEAN -> true;
            default -> throw new AssertionError("contract uses " + schema);
        };
    }
}
