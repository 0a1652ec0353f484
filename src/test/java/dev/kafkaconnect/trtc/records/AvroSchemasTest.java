package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
        assertStructMatches(name, AvroSchemas.load(name), AvroSchemas.connectSchema(name));
    }

    /** A contract file nobody lists would escape every check that walks {@link AvroSchemas#ALL}. */
    @org.junit.jupiter.api.Test
    void everyContractFileIsListed() throws java.io.IOException {
        try (Stream<Path> files = Files.list(Path.of("schemas"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".avsc"))
                    .map(f -> f.substring(0, f.length() - ".avsc".length())))
                    .containsExactlyInAnyOrderElementsOf(AvroSchemas.ALL);
        }
    }

    @org.junit.jupiter.api.Test
    void theAbnormalExperienceHoldsItsCausesAsAnArrayOfNamedRecords() {
        Schema causes = AvroSchemas.connectSchema(AvroSchemas.ABNORMAL_EXPERIENCE).field("abnormalEvents").schema();
        assertThat(causes.type()).isEqualTo(Schema.Type.ARRAY);
        assertThat(causes.isOptional()).isFalse();
        assertThat(causes.valueSchema().name()).isEqualTo("dev.kafkaconnect.trtc.avro.AbnormalEvent");
        assertThat(causes.valueSchema().fields()).extracting(Field::name)
                .containsExactly("abnormalEventId", "abnormalEventName", "peerId");
    }

    private static void assertStructMatches(String name, org.apache.avro.Schema avro, Schema connect) {
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
            if (avroType.getType() == org.apache.avro.Schema.Type.MAP) {
                assertThat(fieldSchema.keySchema().type()).isEqualTo(Schema.Type.STRING);
                assertThat(fieldSchema.valueSchema().type()).as("map values %s.%s", name, avroField.name())
                        .isEqualTo(expectedConnectType(avroType.getValueType()));
            }
            if (avroType.getType() == org.apache.avro.Schema.Type.ARRAY) {
                org.apache.avro.Schema items = avroType.getElementType();
                assertThat(fieldSchema.valueSchema().type()).as("array items %s.%s", name, avroField.name())
                        .isEqualTo(expectedConnectType(items));
                if (items.getType() == org.apache.avro.Schema.Type.RECORD) {
                    assertStructMatches(name + "." + avroField.name(), items, fieldSchema.valueSchema());
                }
            }
            if (avroType.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                assertThat(fieldSchema.name()).isEqualTo(Timestamp.LOGICAL_NAME);
            }
            if (nullable) {
                assertThat(fieldSchema.defaultValue()).isNull();
                assertThat(avroField.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theSnapshotHasAnOptionalDoubleFieldNamedAfterEachKnownMetricOfBothGenerations() {
        org.apache.avro.Schema avro = AvroSchemas.load(AvroSchemas.QUALITY_SNAPSHOT);
        java.util.List<String> metricFields = avro.getFields().stream()
                .filter(f -> f.schema().isUnion() && f.schema().getTypes().get(1).getType()
                        == org.apache.avro.Schema.Type.DOUBLE)
                .map(org.apache.avro.Schema.Field::name).toList();
        assertThat(metricFields).containsExactlyElementsOf(SnapshotValues.KNOWN);
        assertThat(SnapshotValues.KNOWN).hasSize(17)
                .containsAll(dev.kafkaconnect.trtc.api.Metrics.SEED)
                .containsAll(dev.kafkaconnect.trtc.api.Metrics.SUCCESSOR_ONLY);
        for (String metric : SnapshotValues.KNOWN) {
            assertThat(avro.getField(metric).doc()).as("doc names the DataType").startsWith("DataType " + metric + ":");
        }
        // Every field is optional with a null default, or one of the identity fields every record has: a reader
        // of a later version with more metric fields still reads data written with this one.
        assertThat(avro.getFields().stream().filter(f -> !f.hasDefaultValue()).map(org.apache.avro.Schema.Field::name))
                .containsExactly("sdkAppId", "commId", "roomId", "userId", "time");
        assertThat(avro.getField("otherMetrics").schema().getTypes().get(1).getValueType().getType())
                .isEqualTo(org.apache.avro.Schema.Type.DOUBLE);
    }

    private static Schema.Type expectedConnectType(org.apache.avro.Schema avro) {
        return switch (avro.getType()) {
            case LONG -> Schema.Type.INT64;
            case INT -> Schema.Type.INT32;
            case STRING -> Schema.Type.STRING;
            case DOUBLE -> Schema.Type.FLOAT64;
            case BOOLEAN -> Schema.Type.BOOLEAN;
            case MAP -> Schema.Type.MAP;
            case ARRAY -> Schema.Type.ARRAY;
            case RECORD -> Schema.Type.STRUCT;
            default -> throw new AssertionError("contract uses unexpected type " + avro);
        };
    }
}
