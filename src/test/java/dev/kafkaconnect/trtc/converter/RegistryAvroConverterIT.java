package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.records.AvroSchemas;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotValues;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import dev.kafkaconnect.trtc.testing.ApicurioRegistryExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The converter against a real Confluent-API registry (Apicurio's ccompat API). */
@ExtendWith(ApicurioRegistryExtension.class)
class RegistryAvroConverterIT {
    static final List<String> CONTRACTS = AvroSchemas.ALL;

    private final ApicurioRegistry registry;
    private final List<RegistryAvroConverter> converters = new java.util.ArrayList<>();

    RegistryAvroConverterIT(ApicurioRegistry registry) {
        this.registry = registry;
    }

    @AfterEach
    void closeConverters() {
        converters.forEach(RegistryAvroConverter::close);
    }

    static Stream<Arguments> everyConnectType() {
        Map<Integer, String> intKeys = new HashMap<>(Map.of(1, "one"));
        return Stream.of(
                Arguments.of("int8", Schema.INT8_SCHEMA, (byte) -7),
                Arguments.of("int16", Schema.INT16_SCHEMA, (short) 300),
                Arguments.of("int32", Schema.INT32_SCHEMA, 123_456),
                Arguments.of("int64", Schema.INT64_SCHEMA, -9_876_543_210L),
                Arguments.of("float32", Schema.FLOAT32_SCHEMA, 1.5f),
                Arguments.of("float64", Schema.FLOAT64_SCHEMA, Math.PI),
                Arguments.of("boolean", Schema.BOOLEAN_SCHEMA, false),
                Arguments.of("string", Schema.STRING_SCHEMA, "ünïcödé"),
                Arguments.of("bytes", Schema.BYTES_SCHEMA, new byte[] {0, -1, 127}),
                Arguments.of("optional", Schema.OPTIONAL_STRING_SCHEMA, "present"),
                Arguments.of("date", Date.SCHEMA, new java.util.Date(20_000 * ConnectSamples.DAY_MS)),
                Arguments.of("time", Time.SCHEMA, new java.util.Date(3_600_000L)),
                Arguments.of("timestamp", Timestamp.SCHEMA, new java.util.Date(1_764_000_000_000L)),
                Arguments.of("decimal", Decimal.schema(4), new BigDecimal("-3.1416")),
                Arguments.of("array", SchemaBuilder.array(Schema.STRING_SCHEMA).build(), List.of("a", "b")),
                Arguments.of("map", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(),
                        Map.of("k", 1)),
                Arguments.of("intKeyMap", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build(),
                        intKeys),
                Arguments.of("struct", ConnectSamples.ALL_TYPES, ConnectSamples.allTypesValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyConnectType")
    void everyConnectTypeRoundTripsThroughTheRegistry(String type, Schema schema, Object value) {
        String topic = "it-type-" + type;

        byte[] bytes = converter(registry.ccompatUrl(), Map.of()).fromConnectData(topic, schema, value);
        SchemaAndValue back = converter(registry.ccompatUrl(), Map.of()).toConnectData(topic, bytes);

        assertThat(back.schema()).isEqualTo(schema);
        if (value instanceof byte[] array) {
            assertThat((byte[]) back.value()).containsExactly(array);
        } else {
            assertThat(back.value()).isEqualTo(value);
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        try (RestSchemaRegistryClient client = client(registry.ccompatUrl())) {
            assertThat(client.latest(topic + "-value").id()).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void registersExactlyTheContractSchema(String name) {
        String topic = "it-contract-" + name;
        Schema connect = AvroSchemas.connectSchema(name);
        Struct value = new Struct(connect);
        for (org.apache.kafka.connect.data.Field field : connect.fields()) {
            if (!field.schema().isOptional()) {
                value.put(field, switch (field.schema().type()) {
                    case INT64 -> Timestamp.LOGICAL_NAME.equals(field.schema().name())
                            ? new java.util.Date(1_700_000_000_000L) : (Object) 1400000000L;
                    case INT32 -> 7;
                    case STRING -> "v-" + field.name();
                    case ARRAY -> java.util.List.of();
                    case FLOAT64 -> 12.5;
                    case BOOLEAN -> true;
                    default -> throw new AssertionError(field);
                });
            }
        }

        byte[] bytes = converter(registry.ccompatUrl(), Map.of()).fromConnectData(topic, connect, value);

        try (RestSchemaRegistryClient client = client(registry.ccompatUrl())) {
            String stored = client.schemaById(ByteBuffer.wrap(bytes, 1, 4).getInt()).schema();
            org.apache.avro.Schema registered = new org.apache.avro.Schema.Parser().parse(stored);
            org.apache.avro.Schema avsc = AvroSchemas.load(name);
            assertThat(registered).isEqualTo(avsc);
            assertThat(registered.getDoc()).isEqualTo(avsc.getDoc());
            for (org.apache.avro.Schema.Field field : avsc.getFields()) {
                assertThat(registered.getField(field.name()).doc()).isEqualTo(field.doc());
            }
            // A producer registering the .avsc file itself finds the same schema: same id under the subject.
            assertThat(client.lookup(topic + "-value", avsc.toString())).isEqualTo(ByteBuffer.wrap(bytes, 1, 4).getInt());
        }
        assertThat(converter(registry.ccompatUrl(), Map.of()).toConnectData(topic, bytes).value()).isEqualTo(value);
    }

    @Test
    void snapshotRecordsRoundTripWithTheirMapAndNullMetrics() {
        SampleRecordBuilder samples = new SampleRecordBuilder(1400188366L, "q", "p", "c",
                new ClientIpPolicy(ClientIpMode.DROP, null));
        SnapshotRecordBuilder builder = new SnapshotRecordBuilder(1400188366L, "it-snapshots");
        Struct key = samples.key("1400188366_218695_1000", "u1");
        SnapshotValues row = new SnapshotValues();
        row.put(SnapshotValues.slot("aLoss"), 108.09);
        row.put(SnapshotValues.slot("rtt"), 80);
        row.putOther("aJitter", 12.5);
        row.putOther("vMos", 4.25);
        SourceRecord uplink = builder.snapshot(Map.of(), Map.of(), key, "218695", null, 1002, row);
        row.clear();
        row.put(SnapshotValues.slot("bigvBit"), 1_219_000);
        SourceRecord downlink = builder.snapshot(Map.of(), Map.of(), key, "218695", "u2", 1004, row);

        RegistryAvroConverter keys = converter(registry.ccompatUrl(), Map.of(), true);
        for (SourceRecord r : List.of(uplink, downlink)) {
            byte[] keyBytes = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
            byte[] valueBytes = converter(registry.ccompatUrl(), Map.of())
                    .fromConnectData(r.topic(), r.valueSchema(), r.value());

            // A fresh converter knows nothing: it reads the schemas back from the registry by id.
            RegistryAvroConverter reader = converter(registry.ccompatUrl(), Map.of());
            SchemaAndValue back = reader.toConnectData(r.topic(), valueBytes);
            assertThat(back.schema()).isEqualTo(SnapshotRecordBuilder.SNAPSHOT_SCHEMA);
            assertThat(back.value()).isEqualTo(r.value());
            RegistryAvroConverter keyReader = converter(registry.ccompatUrl(), Map.of(), true);
            assertThat(keyReader.toConnectData(r.topic(), keyBytes).value()).isEqualTo(key);
        }
        Struct up = (Struct) converter(registry.ccompatUrl(), Map.of()).toConnectData("it-snapshots",
                converter(registry.ccompatUrl(), Map.of()).fromConnectData("it-snapshots", uplink.valueSchema(),
                        uplink.value())).value();
        assertThat(up.getFloat64("aLoss")).isEqualTo(108.09);
        assertThat(up.getString("peerId")).isNull();
        assertThat(up.get("bigvBit")).isNull();
        assertThat(up.getMap("otherMetrics")).isEqualTo(Map.of("aJitter", 12.5, "vMos", 4.25));
        try (RestSchemaRegistryClient client = client(registry.ccompatUrl())) {
            org.apache.avro.Schema registered = new org.apache.avro.Schema.Parser()
                    .parse(client.latest("it-snapshots-value").schema());
            assertThat(registered).isEqualTo(AvroSchemas.load(AvroSchemas.QUALITY_SNAPSHOT));
            assertThat(new org.apache.avro.Schema.Parser().parse(client.latest("it-snapshots-key").schema()))
                    .isEqualTo(AvroSchemas.load(AvroSchemas.CALL_USER_KEY));
        }
    }

    @Test
    void worksOverTlsWithAConfiguredTrustStoreAndRefusesAnUntrustedCertificate() {
        Schema schema = SchemaBuilder.struct().name("it.Tls").field("n", Schema.INT32_SCHEMA).build();
        Struct value = new Struct(schema).put("n", 443);
        Map<String, String> tls = Map.of(
                "schema.registry.ssl.truststore.location", registry.trustStore().toString(),
                "schema.registry.ssl.truststore.password", registry.trustStorePassword(),
                "schema.registry.ssl.truststore.type", "PKCS12");

        RegistryAvroConverter trusting = converter(registry.httpsCcompatUrl(), tls);
        byte[] bytes = trusting.fromConnectData("it-tls", schema, value);
        assertThat(trusting.toConnectData("it-tls", bytes).value()).isEqualTo(value);

        // The JVM's default trust store does not know the self-signed certificate: refused, never trusted blindly.
        assertThatThrownBy(() -> converter(registry.httpsCcompatUrl(), Map.of()).fromConnectData("it-tls", schema, value))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("TLS handshake with schema registry " + registry.httpsCcompatUrl())
                .hasMessageContaining("schema.registry.ssl.truststore.location");
    }

    @Test
    void clientOperationsWorkAgainstTheRegistry() {
        try (RestSchemaRegistryClient client = client(registry.ccompatUrl())) {
            String v1 = "{\"type\":\"record\",\"name\":\"Op\",\"namespace\":\"it\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
            int id = client.register("it-ops-value", v1);

            assertThat(client.register("it-ops-value", v1)).as("idempotent").isEqualTo(id);
            assertThat(client.lookup("it-ops-value", v1)).isEqualTo(id);
            assertThat(client.schemaById(id).schema()).contains("\"Op\"");
            assertThat(client.latest("it-ops-value").version()).isEqualTo(1);
            assertThat(client.version("it-ops-value", 1).id()).isEqualTo(id);
            assertThat(client.subjects()).contains("it-ops-value");
            client.setCompatibility("it-ops-value", "BACKWARD");
            assertThat(client.testCompatibility("it-ops-value", v1.replace("\"int\"", "\"long\"")).compatible())
                    .as("int -> long is a backward compatible promotion").isTrue();

            assertThatThrownBy(() -> client.schemaById(999_999))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND);
                        assertThat(e.getMessage()).contains("schema id 999999 not found");
                    });
            assertThatThrownBy(() -> client.latest("it-no-such-subject"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.getMessage())
                            .contains("subject 'it-no-such-subject' not found"));
            assertThatThrownBy(() -> client.lookup("it-ops-value", v1.replace("\"a\"", "\"b\"")))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.getMessage())
                            .contains("it-ops-value").contains("not"));
            assertThatThrownBy(() -> client.register("it-ops-value", "{not json"))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.REJECTED);
                        assertThat(e.getMessage()).contains("HTTP 422");
                    });
        }
    }

    @Test
    void subjectStrategiesNameSubjectsInTheRegistry() {
        Schema schema = SchemaBuilder.struct().name("it.Strategy").field("x", Schema.STRING_SCHEMA).build();
        Struct value = new Struct(schema).put("x", "y");

        converter(registry.ccompatUrl(), Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy")).fromConnectData("it-s1", schema, value);
        converter(registry.ccompatUrl(), Map.of("value.subject.name.strategy",
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")).fromConnectData("it-s2", schema, value);

        try (RestSchemaRegistryClient client = client(registry.ccompatUrl())) {
            assertThat(client.subjects()).contains("it.Strategy", "it-s2-it.Strategy");
        }
    }

    RegistryAvroConverter converter(String url, Map<String, String> settings) {
        return converter(url, settings, false);
    }

    RegistryAvroConverter converter(String url, Map<String, String> settings, boolean isKey) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.put("schema.registry.url", url);
        configs.put("max.retries", "1");
        configs.put("retries.wait.ms", "10");
        RegistryAvroConverter converter = new RegistryAvroConverter();
        converter.configure(configs, isKey);
        converters.add(converter);
        return converter;
    }

    static RestSchemaRegistryClient client(String url) {
        return RestSchemaRegistryClient.create(new RegistryAvroConverterConfig(Map.of("schema.registry.url", url)));
    }
}
