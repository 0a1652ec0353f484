package dev.kafkaconnect.trtc.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The {@code schemas/*.avsc} contracts, loaded from the classpath, and their Connect form. The Connect schemas keep
 * the Avro full name, record doc and field docs (as the field schema's doc), so a converter can map them back to
 * exactly the published Avro schema.
 */
public final class AvroSchemas {
    public static final String QUALITY_SAMPLE = "QualitySample";
    public static final String QUALITY_SNAPSHOT = "QualitySnapshot";
    public static final String CALL_PARTICIPANT = "CallParticipant";
    public static final String CALL_USER_KEY = "CallUserKey";
    public static final String CALL_END = "CallEnd";
    public static final String CALL_KEY = "CallKey";
    public static final String USER_EVENT = "UserEvent";
    public static final String ABNORMAL_EXPERIENCE = "AbnormalExperience";

    /** Every contract in {@code schemas/}, by file name without extension. */
    public static final List<String> ALL = List.of(QUALITY_SAMPLE, QUALITY_SNAPSHOT, CALL_PARTICIPANT, CALL_USER_KEY,
            CALL_END, CALL_KEY, USER_EVENT, ABNORMAL_EXPERIENCE);

    private AvroSchemas() {
    }

    /** Parses {@code /schemas/<name>.avsc} from the classpath. */
    public static org.apache.avro.Schema load(String name) {
        String resource = "/schemas/" + name + ".avsc";
        try (InputStream in = AvroSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + resource + " missing from the plugin jar");
            }
            return new org.apache.avro.Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The Connect schema of a contract. */
    public static Schema connectSchema(String name) {
        return toConnect(load(name));
    }

    /** Maps an Avro schema made of records, primitives, nullable unions, arrays and maps to Connect. */
    public static Schema toConnect(org.apache.avro.Schema avro) {
        return builderFor(avro, null).build();
    }

    private static SchemaBuilder builderFor(org.apache.avro.Schema avro, String doc) {
        boolean optional = false;
        org.apache.avro.Schema type = avro;
        if (avro.getType() == Type.UNION) {
            List<org.apache.avro.Schema> branches = avro.getTypes();
            if (branches.size() != 2 || branches.get(0).getType() != Type.NULL) {
                throw new IllegalArgumentException("only [null, T] unions are supported, got " + avro);
            }
            optional = true;
            type = branches.get(1);
        }
        SchemaBuilder builder = switch (type.getType()) {
            case RECORD -> {
                SchemaBuilder struct = SchemaBuilder.struct().name(type.getFullName());
                if (type.getDoc() != null) {
                    struct.doc(type.getDoc());
                }
                for (Field field : type.getFields()) {
                    SchemaBuilder fieldBuilder = builderFor(field.schema(), field.doc());
                    if (field.hasDefaultValue() && field.defaultVal() != org.apache.avro.JsonProperties.NULL_VALUE) {
                        fieldBuilder.defaultValue(field.defaultVal());
                    }
                    struct.field(field.name(), fieldBuilder.build());
                }
                yield struct;
            }
            case LONG -> longBuilder(type.getLogicalType());
            case INT -> intBuilder(type.getLogicalType());
            case STRING -> SchemaBuilder.string();
            case DOUBLE -> SchemaBuilder.float64();
            case FLOAT -> SchemaBuilder.float32();
            case BOOLEAN -> SchemaBuilder.bool();
            case BYTES -> SchemaBuilder.bytes();
            case ARRAY -> SchemaBuilder.array(builderFor(type.getElementType(), null).build());
            case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, builderFor(type.getValueType(), null).build());
            default -> throw new IllegalArgumentException("unsupported Avro type in contract: " + type);
        };
        if (optional) {
            builder.optional();
        }
        if (doc != null) {
            builder.doc(doc);
        }
        return builder;
    }

    private static SchemaBuilder longBuilder(LogicalType logical) {
        if (logical instanceof LogicalTypes.TimestampMillis) {
            return Timestamp.builder();
        }
        return SchemaBuilder.int64();
    }

    private static SchemaBuilder intBuilder(LogicalType logical) {
        if (logical instanceof LogicalTypes.Date) {
            return Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return Time.builder();
        }
        return SchemaBuilder.int32();
    }
}
