package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.records.AvroSchemas;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ConnectAvroMapperTest {
    static final List<String> CONTRACTS = AvroSchemas.ALL;

    private final ConnectAvroMapper mapper = new ConnectAvroMapper(100);

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void contractConnectSchemaMapsBackToExactlyTheAvsc(String name) {
        org.apache.avro.Schema avsc = AvroSchemas.load(name);

        org.apache.avro.Schema mapped = mapper.toAvro(AvroSchemas.connectSchema(name));

        assertThat(mapped).isEqualTo(avsc);
        assertThat(mapped.getFullName()).isEqualTo(avsc.getFullName());
        assertThat(mapped.getDoc()).isEqualTo(avsc.getDoc());
        assertThat(mapped.getObjectProps()).isEqualTo(avsc.getObjectProps()).isEmpty();
        for (org.apache.avro.Schema.Field field : avsc.getFields()) {
            org.apache.avro.Schema.Field mappedField = mapped.getField(field.name());
            assertThat(mappedField.doc()).as("doc of %s.%s", name, field.name()).isEqualTo(field.doc());
            assertThat(mappedField.hasDefaultValue()).as("has default %s", field.name())
                    .isEqualTo(field.hasDefaultValue());
            assertThat(mappedField.defaultVal()).as("default of %s", field.name()).isEqualTo(field.defaultVal());
            assertThat(mappedField.schema().toString()).isEqualTo(field.schema().toString());
        }
        // What the registry stores is the JSON text: byte-for-byte the same canonical form as the contract's.
        assertThat(mapped.toString()).isEqualTo(avsc.toString());
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void contractAvscMapsToTheConnectSchemaTheConnectorEmits(String name) {
        assertThat(mapper.toConnect(AvroSchemas.load(name))).isEqualTo(AvroSchemas.connectSchema(name));
    }

    @Test
    void everyConnectTypeRoundTripsThroughAvro() {
        org.apache.avro.Schema avro = mapper.toAvro(ConnectSamples.ALL_TYPES);

        Schema back = mapper.toConnect(new org.apache.avro.Schema.Parser().parse(avro.toString()));

        assertThat(back).isEqualTo(ConnectSamples.ALL_TYPES);
        for (org.apache.kafka.connect.data.Field field : ConnectSamples.ALL_TYPES.fields()) {
            Schema original = field.schema();
            Schema mapped = back.field(field.name()).schema();
            assertThat(mapped.doc()).as(field.name()).isEqualTo(original.doc());
            assertThat(mapped.version()).as(field.name()).isEqualTo(original.version());
            assertThat(mapped.parameters()).as(field.name()).isEqualTo(original.parameters());
        }
    }

    @Test
    void avroShapesFollowConfluentConventions() {
        org.apache.avro.Schema avro = mapper.toAvro(ConnectSamples.ALL_TYPES);

        assertThat(avro.getFullName()).isEqualTo("test.AllTypes");
        assertThat(avro.getDoc()).isEqualTo("Every type.");
        assertThat(avro.getObjectProp("connect.version")).isEqualTo(3);
        assertThat(avro.getObjectProp("connect.parameters")).isEqualTo(java.util.Map.of("owner", "team-a"));
        assertThat(fieldType(avro, "int8").getProp("connect.type")).isEqualTo("int8");
        assertThat(fieldType(avro, "int16").getProp("connect.type")).isEqualTo("int16");
        assertThat(fieldType(avro, "int32").getObjectProps()).isEmpty();
        assertThat(avro.getField("int32").doc()).isEqualTo("An int.");
        assertThat(fieldType(avro, "date").getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(fieldType(avro, "time").getLogicalType()).isEqualTo(LogicalTypes.timeMillis());
        assertThat(fieldType(avro, "timestamp").getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        assertThat(fieldType(avro, "timestamp").getObjectProps()).containsOnlyKeys("logicalType");
        assertThat(fieldType(avro, "decimal").getLogicalType()).isEqualTo(LogicalTypes.decimal(64, 3));
        assertThat(fieldType(avro, "decimalPrecise").getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));

        org.apache.avro.Schema optional = fieldType(avro, "optionalString");
        assertThat(optional.getTypes()).extracting(org.apache.avro.Schema::getType)
                .containsExactly(org.apache.avro.Schema.Type.NULL, org.apache.avro.Schema.Type.STRING);
        assertThat(avro.getField("optionalString").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
        // An optional field with a real default lists its type first, as Avro requires of union defaults.
        assertThat(fieldType(avro, "optionalWithDefault").getTypes()).extracting(org.apache.avro.Schema::getType)
                .containsExactly(org.apache.avro.Schema.Type.LONG, org.apache.avro.Schema.Type.NULL);
        assertThat(avro.getField("optionalWithDefault").defaultVal()).isEqualTo(42L);
        assertThat(avro.getField("int32").hasDefaultValue()).isFalse();

        assertThat(fieldType(avro, "stringMap").getType()).isEqualTo(org.apache.avro.Schema.Type.MAP);
        org.apache.avro.Schema intKeyMap = fieldType(avro, "intKeyMap");
        assertThat(intKeyMap.getType()).isEqualTo(org.apache.avro.Schema.Type.ARRAY);
        assertThat(intKeyMap.getElementType().getFullName()).isEqualTo("io.confluent.connect.avro.MapEntry");
        assertThat(fieldType(avro, "structKeyMap").getElementType().getFullName())
                .isEqualTo("io.confluent.connect.avro.MapEntry2");
        assertThat(fieldType(avro, "anonymous").getFullName()).startsWith("io.confluent.connect.avro.ConnectDefault");
        assertThat(fieldType(avro, "namedString").getProp("connect.name")).isEqualTo("test.Code");
        assertThat(fieldType(avro, "arrayOfStructs").getElementType()).isSameAs(fieldType(avro, "inner"));
    }

    @Test
    void mapsOfTheSameNonStringKeyTypesShareOneEntryRecord() {
        Schema intMap = SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build();
        Schema twoMaps = SchemaBuilder.struct().name("test.TwoMaps").field("a", intMap).field("b", intMap).build();

        org.apache.avro.Schema avro = mapper.toAvro(twoMaps);

        assertThat(fieldType(avro, "b").getElementType()).isSameAs(fieldType(avro, "a").getElementType());
        assertThat(fieldType(avro, "a").getElementType().getFullName()).isEqualTo("io.confluent.connect.avro.MapEntry");
        assertThat(mapper.toConnect(new org.apache.avro.Schema.Parser().parse(avro.toString()))).isEqualTo(twoMaps);
    }

    @Test
    void topLevelPrimitivesAndOptionalsKeepTheirShape() {
        Schema docString = SchemaBuilder.string().doc("top doc").build();
        org.apache.avro.Schema avro = mapper.toAvro(docString);
        assertThat(avro.getType()).isEqualTo(org.apache.avro.Schema.Type.STRING);
        assertThat(avro.getProp("connect.doc")).isEqualTo("top doc");
        assertThat(mapper.toConnect(avro)).isEqualTo(docString);

        org.apache.avro.Schema optional = mapper.toAvro(Schema.OPTIONAL_INT64_SCHEMA);
        assertThat(optional.isNullable()).isTrue();
        assertThat(mapper.toConnect(optional)).isEqualTo(Schema.OPTIONAL_INT64_SCHEMA);

        for (Schema logical : List.of(Date.SCHEMA, Time.SCHEMA, Timestamp.SCHEMA, Decimal.schema(0))) {
            assertThat(mapper.toConnect(mapper.toAvro(logical))).as(logical.name()).isEqualTo(logical);
        }
    }

    @Test
    void plainAvroFromOtherProducersMapsToConnect() {
        org.apache.avro.Schema foreign = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "Order", "namespace": "shop", "fields": [
                  {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
                  {"name": "hash", "type": {"type": "fixed", "name": "Md5", "size": 16}},
                  {"name": "note", "type": ["string", "null"], "default": "n/a"},
                  {"name": "micros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
                  {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
                  {"name": "tags", "type": {"type": "map", "values": "int"}, "default": {"a": 1}}
                ]}""");

        Schema connect = mapper.toConnect(foreign);

        assertThat(connect.name()).isEqualTo("shop.Order");
        assertThat(connect.field("status").schema().type()).isEqualTo(Schema.Type.STRING);
        assertThat(connect.field("status").schema().parameters())
                .containsEntry("io.confluent.connect.avro.Enum", "shop.Status")
                .containsEntry("io.confluent.connect.avro.Enum.PAID", "PAID");
        assertThat(connect.field("hash").schema().type()).isEqualTo(Schema.Type.BYTES);
        assertThat(connect.field("hash").schema().parameters()).containsEntry("connect.fixed.size", "16");
        assertThat(connect.field("note").schema().isOptional()).isTrue();
        assertThat(connect.field("note").schema().defaultValue()).isEqualTo("n/a");
        assertThat(connect.field("micros").schema()).isEqualTo(Schema.INT64_SCHEMA);
        assertThat(connect.field("id").schema()).isEqualTo(Schema.STRING_SCHEMA);
        assertThat(connect.field("amount").schema().name()).isEqualTo(Decimal.LOGICAL_NAME);
        assertThat(connect.field("amount").schema().parameters())
                .containsEntry("scale", "2").containsEntry("connect.decimal.precision", "9");
        assertThat(connect.field("tags").schema().defaultValue()).isEqualTo(java.util.Map.of("a", 1));

        // Enums and fixed keep their Avro identity through Connect, so a sink can write them back unchanged.
        org.apache.avro.Schema back = mapper.toAvro(connect);
        assertThat(back.getField("status").schema()).isEqualTo(foreign.getField("status").schema());
        assertThat(back.getField("hash").schema()).isEqualTo(foreign.getField("hash").schema());
    }

    @Test
    void unionsOfSeveralTypesMapToConfluentsUnionStruct() {
        org.apache.avro.Schema foreign = new org.apache.avro.Schema.Parser().parse("""
                {"type":"record","name":"U","fields":[{"name":"u","type":["null","int","string",
                  {"type":"record","name":"Point","namespace":"geo","fields":[{"name":"x","type":"int"}]}],
                  "default":null}]}""");

        Schema union = mapper.toConnect(foreign).field("u").schema();

        assertThat(union.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(union.name()).isEqualTo("io.confluent.connect.avro.Union");
        assertThat(union.isOptional()).isTrue();
        assertThat(union.fields()).extracting(org.apache.kafka.connect.data.Field::name)
                .containsExactly("int", "string", "Point");
        assertThat(union.fields()).allMatch(f -> f.schema().isOptional());
        assertThat(mapper.toAvro(mapper.toConnect(foreign))).isEqualTo(foreign);
    }

    @Test
    void avroWithoutConnectEquivalentIsRefusedWithTheReason() {
        org.apache.avro.Schema alwaysNull = new org.apache.avro.Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"N\",\"fields\":[{\"name\":\"n\",\"type\":[\"null\"]}]}");
        assertThatThrownBy(() -> mapper.toConnect(alwaysNull)).isInstanceOf(DataException.class)
                .hasMessageContaining("always null");

        org.apache.avro.Schema recursive = new org.apache.avro.Schema.Parser().parse("""
                {"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""");
        assertThatThrownBy(() -> mapper.toConnect(recursive)).isInstanceOf(DataException.class)
                .hasMessageContaining("Node contains itself");
    }

    @Test
    void connectSchemasAvroCannotExpressAreRefusedWithTheReason() {
        Schema clash = SchemaBuilder.struct().name("test.Clash")
                .field("a", SchemaBuilder.struct().name("test.Same").field("x", Schema.INT32_SCHEMA).build())
                .field("b", SchemaBuilder.struct().name("test.Same").field("y", Schema.INT32_SCHEMA).build())
                .build();
        assertThatThrownBy(() -> mapper.toAvro(clash)).isInstanceOf(DataException.class)
                .hasMessageContaining("test.Same");

        Schema badName = SchemaBuilder.struct().name("my-record").field("x", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> mapper.toAvro(badName)).isInstanceOf(DataException.class)
                .hasMessageContaining("'my-record'");
    }

    @Test
    void translationsAreCachedByIdentityThenByEquality() {
        Schema first = SchemaBuilder.struct().name("test.Cached").field("x", Schema.INT32_SCHEMA).build();
        Schema equalCopy = SchemaBuilder.struct().name("test.Cached").field("x", Schema.INT32_SCHEMA).build();

        org.apache.avro.Schema avro = mapper.toAvro(first);

        assertThat(mapper.toAvro(first)).isSameAs(avro);
        assertThat(mapper.toAvro(equalCopy)).isSameAs(avro);
        assertThat(mapper.toConnect(avro)).isSameAs(mapper.toConnect(avro));
    }

    private static org.apache.avro.Schema fieldType(org.apache.avro.Schema record, String field) {
        return record.getField(field).schema();
    }
}
