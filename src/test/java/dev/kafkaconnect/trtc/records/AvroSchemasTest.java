package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.LogicalTypes;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each Connect schema the connector emits matches its {@code schemas/*.avsc} contract field by field. */
class AvroSchemasTest {
    static final java.util.List<String> CONTRACTS = AvroSchemas.ALL;

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void connectSchemaMatchesContractFieldByField(String name) {
        org.apache.avro.Schema avro = AvroSchemas.load(name);
        Schema connect = AvroSchemas.connectSchema(name);

        assertThat(connect.type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(connect.name()).isEqualTo(avro.getFullName());
        assertThat(connect.doc()).isEqualTo(avro.getDoc());
        assertThat(connect.fields()).extracting(Field::name)
                .containsExactlyElementsOf(avro.getFields().stream().map(org.apache.avro.Schema.Field::name).toList());

        for (org.apache.avro.Schema.Field avroField : avro.getFields()) {
            Schema fieldSchema = connect.field(avroField.name()).schema();
            org.apache.avro.Schema avroType = avroField.schema();
            boolean nullable = avroType.isUnion();
            if (nullable) {
                avroType = avroType.getTypes().get(1);
            }
            assertThat(fieldSchema.isOptional()).as("optional %s.%s", name, avroField.name()).isEqualTo(nullable);
            assertThat(fieldSchema.doc()).as("doc %s.%s", name, avroField.name()).isEqualTo(avroField.doc());
            assertThat(fieldSchema.type()).as("type %s.%s", name, avroField.name())
                    .isEqualTo(expectedConnectType(avroType));
            if (avroType.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                assertThat(fieldSchema.name()).isEqualTo(Timestamp.LOGICAL_NAME);
            }
            if (nullable) {
                assertThat(fieldSchema.defaultValue()).isNull();
                assertThat(avroField.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
            }
        }
    }

    private static Schema.Type expectedConnectType(org.apache.avro.Schema avro) {
        return switch (avro.getType()) {
            case LONG -> Schema.Type.INT64;
            case INT -> Schema.Type.INT32;
            case STRING -> Schema.Type.STRING;
            case DOUBLE -> Schema.Type.FLOAT64;
            case BOOLEAN -> Schema.Type.BOOLEAN;
            default -> throw new AssertionError("contract uses unexpected type " + avro);
        };
    }
}
