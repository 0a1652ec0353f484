package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.records.AvroSchemas;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import dev.kafkaconnect.trtc.testing.ApicurioRegistryExtension;
import io.apicurio.registry.utils.converter.AvroConverter;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Bytes written by our converter are read by an independent implementation, Apicurio's own AvroConverter in
 * Confluent mode (its AvroData is a port of Confluent's), and the other way round.
 */
@ExtendWith(ApicurioRegistryExtension.class)
class ApicurioConverterInteropIT {
    static final List<String> CONTRACTS = AvroSchemas.ALL;

    /**
     * Every type except a second, different map with non-string keys: Confluent's AvroData (and so Apicurio's) names
     * every map entry record io.confluent.connect.avro.MapEntry and so registers a broken schema for it. We name the
     * second one MapEntry2, which their converter reads as an array of key/value structs.
     */
    static final Schema SHARED_TYPES = withoutField(ConnectSamples.ALL_TYPES, "structKeyMap");

    private final ApicurioRegistry registry;
    private RegistryAvroConverter ours;
    private AvroConverter theirs;

    ApicurioConverterInteropIT(ApicurioRegistry registry) {
        this.registry = registry;
    }

    @BeforeEach
    void converters() {
        ours = new RegistryAvroConverter();
        ours.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        theirs = new AvroConverter();
        Map<String, Object> config = new HashMap<>();
        config.put("apicurio.registry.url", registry.nativeUrl());
        config.put("apicurio.registry.as-confluent", "true");
        config.put("apicurio.registry.use-id", "contentId");
        config.put("apicurio.registry.auto-register", "true");
        theirs.configure(config, false);
    }

    @AfterEach
    void close() throws Exception {
        ours.close();
        theirs.close();
    }

    @Test
    void theirConverterReadsWhatOursWrites() {
        Struct value = sharedTypesValue();

        SchemaAndValue read = theirs.toConnectData("interop-ours",
                ours.fromConnectData("interop-ours", SHARED_TYPES, value));

        assertThat(normalize(read.value())).isEqualTo(normalize(value));
        assertThat(shape(read.schema())).isEqualTo(shape(SHARED_TYPES));
    }

    @Test
    void oursReadsWhatTheirConverterWrites() {
        Struct value = sharedTypesValue();

        SchemaAndValue read = ours.toConnectData("interop-theirs",
                theirs.fromConnectData("interop-theirs", SHARED_TYPES, value));

        assertThat(normalize(read.value())).isEqualTo(normalize(value));
        assertThat(shape(read.schema())).isEqualTo(shape(SHARED_TYPES));
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void contractRecordsReadTheSameWithEitherConverter(String name) {
        Schema schema = AvroSchemas.connectSchema(name);
        Struct value = new Struct(schema);
        for (Field field : schema.fields()) {
            value.put(field, switch (field.schema().type()) {
                case INT64 -> org.apache.kafka.connect.data.Timestamp.LOGICAL_NAME.equals(field.schema().name())
                        ? new java.util.Date(1_700_000_000_000L) : (Object) 1400000000L;
                case INT32 -> 7;
                case STRING -> "v-" + field.name();
                case ARRAY -> java.util.List.of();
                case FLOAT64 -> 0.5;
                case BOOLEAN -> false;
                case MAP -> Map.of("future", 1.25, "other", 108.09);
                default -> throw new AssertionError(field);
            });
        }
        String topic = "interop-contract-" + name;

        Object readByTheirs = theirs.toConnectData(topic, ours.fromConnectData(topic, schema, value)).value();
        Object readByOurs = ours.toConnectData(topic + "-2", theirs.fromConnectData(topic + "-2", schema, value))
                .value();

        assertThat(normalize(readByTheirs)).isEqualTo(normalize(value));
        assertThat(readByOurs).isEqualTo(value);
    }

    static Struct sharedTypesValue() {
        Struct all = ConnectSamples.allTypesValue();
        Struct value = new Struct(SHARED_TYPES);
        for (Field field : SHARED_TYPES.fields()) {
            value.put(field, all.get(field.name()));
        }
        return value;
    }

    private static Schema withoutField(Schema struct, String excluded) {
        SchemaBuilder builder = SchemaBuilder.struct().name(struct.name()).doc(struct.doc()).version(struct.version());
        struct.parameters().forEach(builder::parameter);
        struct.fields().stream().filter(f -> !f.name().equals(excluded)).forEach(f -> builder.field(f.name(), f.schema()));
        return builder.build();
    }

    /** Values compared by content: structs as field maps, bytes as hex whether byte[] or ByteBuffer. */
    static Object normalize(Object value) {
        if (value instanceof Struct struct) {
            Map<String, Object> fields = new LinkedHashMap<>();
            struct.schema().fields().forEach(f -> fields.put(f.name(), normalize(struct.get(f))));
            return fields;
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ApicurioConverterInteropIT::normalize).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> normalized = new HashMap<>();
            map.forEach((k, v) -> normalized.put(normalize(k), normalize(v)));
            return normalized;
        }
        return value;
    }

    /** What both converters must agree on about a schema: types, logical names, optionality, field names. */
    static String shape(Schema schema) {
        String base = schema.type() + (schema.name() != null && schema.type() != Schema.Type.STRUCT
                ? "<" + schema.name() + ">" : "") + (schema.isOptional() ? "?" : "");
        return switch (schema.type()) {
            case STRUCT -> base + schema.fields().stream().map(f -> f.name() + ":" + shape(f.schema())).toList();
            case ARRAY -> base + "[" + shape(schema.valueSchema()) + "]";
            case MAP -> base + "{" + shape(schema.keySchema()) + "=" + shape(schema.valueSchema()) + "}";
            default -> base;
        };
    }
}
