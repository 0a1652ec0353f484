package dev.kafkaconnect.trtc.converter;

import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_DOC;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_NAME;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_PARAMETERS;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_TYPE;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_VERSION;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates an Avro schema (ours, Confluent's, or a plain one from any producer) to Connect: {@code [null, T]}
 * unions are optional schemas, unions of several types are Confluent's union struct, enums are strings, fixed are
 * bytes (both keep their Avro names and details as parameters, so they translate back), logical types without a
 * Connect equivalent keep their base type.
 */
final class AvroToConnectSchema {
    /** Records being translated: an Avro record that contains itself has no Connect equivalent. */
    private final Set<String> recordsInProgress = new HashSet<>();

    private AvroToConnectSchema() {
    }

    static Schema translate(org.apache.avro.Schema avro) {
        return new AvroToConnectSchema().builder(avro, null).build();
    }

    private SchemaBuilder builder(org.apache.avro.Schema avro, String fieldDoc) {
        boolean optional = false;
        org.apache.avro.Schema type = avro;
        SchemaBuilder builder;
        if (avro.getType() == Type.UNION) {
            List<org.apache.avro.Schema> branches = avro.getTypes().stream()
                    .filter(branch -> branch.getType() != Type.NULL).toList();
            optional = branches.size() < avro.getTypes().size();
            if (branches.isEmpty()) {
                throw new DataException("Avro union " + avro + " has no Connect equivalent: always null");
            }
            if (branches.size() > 1) {
                type = null;
                builder = union(branches);
            } else {
                type = branches.get(0);
                builder = builderOf(type);
            }
        } else {
            builder = builderOf(type);
        }
        if (type != null) {
            applyProperties(type, builder);
        }
        String doc = fieldDoc != null ? fieldDoc : type == null ? null : docOf(type);
        if (doc != null) {
            builder.doc(doc);
        }
        if (optional) {
            builder.optional();
        }
        return builder;
    }

    private SchemaBuilder builderOf(org.apache.avro.Schema type) {
        return switch (type.getType()) {
            case RECORD -> struct(type);
            case INT -> int32(type);
            case LONG -> type.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? Timestamp.builder() : SchemaBuilder.int64();
            case FLOAT -> SchemaBuilder.float32();
            case DOUBLE -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case STRING -> SchemaBuilder.string();
            case BYTES -> bytes(type);
            case FIXED -> fixed(type);
            case ENUM -> enumeration(type);
            case ARRAY -> array(type);
            case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, builder(type.getValueType(), null).build());
            case NULL, UNION -> throw new DataException("Avro schema " + type + " has no Connect equivalent");
        };
    }

    /** A union of several types, as Confluent's converter maps it: a struct with one optional field per branch. */
    private SchemaBuilder union(List<org.apache.avro.Schema> branches) {
        SchemaBuilder struct = SchemaBuilder.struct().name(ConnectAvroProps.UNION_NAME);
        for (org.apache.avro.Schema branch : branches) {
            String member = ConnectAvroProps.unionMemberName(branch);
            if (struct.field(member) != null) {
                throw new DataException("Avro union has two branches named '" + member + "': no Connect equivalent");
            }
            struct.field(member, builder(branch, null).optional().build());
        }
        return struct;
    }

    private SchemaBuilder struct(org.apache.avro.Schema record) {
        String fullName = record.getFullName();
        boolean generated = fullName.startsWith(ConnectAvroProps.NAMESPACE + "." + ConnectAvroProps.DEFAULT_RECORD_NAME);
        SchemaBuilder struct = SchemaBuilder.struct();
        if (!generated) {
            struct.name(fullName);
        }
        if (!recordsInProgress.add(fullName)) {
            throw new DataException("Avro record " + fullName + " contains itself: recursive schemas have no Connect"
                    + " equivalent");
        }
        for (Field field : record.getFields()) {
            SchemaBuilder fieldBuilder = builder(field.schema(), field.doc());
            Schema withoutDefault = fieldBuilder.build();
            if (field.hasDefaultValue() && field.defaultVal() != JsonProperties.NULL_VALUE) {
                fieldBuilder = builder(field.schema(), field.doc());
                fieldBuilder.defaultValue(DefaultValues.toConnect(withoutDefault, field.defaultVal()));
            }
            struct.field(field.name(), fieldBuilder.build());
        }
        recordsInProgress.remove(fullName);
        return struct;
    }

    private static SchemaBuilder int32(org.apache.avro.Schema type) {
        String connectType = type.getProp(CONNECT_TYPE);
        if (Schema.Type.INT8.getName().equals(connectType)) {
            return SchemaBuilder.int8();
        }
        if (Schema.Type.INT16.getName().equals(connectType)) {
            return SchemaBuilder.int16();
        }
        LogicalType logical = type.getLogicalType();
        if (logical instanceof LogicalTypes.Date) {
            return Date.builder();
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
            return Time.builder();
        }
        return SchemaBuilder.int32();
    }

    private static SchemaBuilder bytes(org.apache.avro.Schema type) {
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return decimal(type, decimal);
        }
        return SchemaBuilder.bytes();
    }

    private static SchemaBuilder fixed(org.apache.avro.Schema type) {
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return decimal(type, decimal);
        }
        return SchemaBuilder.bytes().name(type.getFullName())
                .parameter(ConnectAvroProps.FIXED_SIZE_PARAMETER, Integer.toString(type.getFixedSize()));
    }

    private static SchemaBuilder decimal(org.apache.avro.Schema type, LogicalTypes.Decimal decimal) {
        SchemaBuilder builder = Decimal.builder(decimal.getScale());
        // Written by us or Confluent, connect.parameters restores the exact parameters; otherwise keep the precision.
        if (type.getObjectProp(CONNECT_PARAMETERS) == null) {
            builder.parameter(ConnectAvroProps.DECIMAL_PRECISION_PARAMETER, Integer.toString(decimal.getPrecision()));
        }
        return builder;
    }

    private static SchemaBuilder enumeration(org.apache.avro.Schema type) {
        SchemaBuilder builder = SchemaBuilder.string().name(type.getFullName())
                .parameter(ConnectAvroProps.ENUM_PARAMETER, type.getFullName());
        for (String symbol : type.getEnumSymbols()) {
            builder.parameter(ConnectAvroProps.ENUM_PARAMETER + "." + symbol, symbol);
        }
        return builder;
    }

    private SchemaBuilder array(org.apache.avro.Schema type) {
        org.apache.avro.Schema items = type.getElementType();
        if (isMapEntry(items)) {
            return SchemaBuilder.map(builder(items.getField(ConnectAvroProps.KEY_FIELD).schema(), null).build(),
                    builder(items.getField(ConnectAvroProps.VALUE_FIELD).schema(), null).build());
        }
        return SchemaBuilder.array(builder(items, null).build());
    }

    /** The key/value records Confluent's converter and ours write for maps with non-string keys. */
    static boolean isMapEntry(org.apache.avro.Schema items) {
        return items.getType() == Type.RECORD
                && ConnectAvroProps.NAMESPACE.equals(items.getNamespace())
                && items.getName().startsWith(ConnectAvroProps.MAP_ENTRY_NAME)
                && items.getFields().size() == 2
                && items.getField(ConnectAvroProps.KEY_FIELD) != null
                && items.getField(ConnectAvroProps.VALUE_FIELD) != null;
    }

    private static void applyProperties(org.apache.avro.Schema type, SchemaBuilder builder) {
        Object version = type.getObjectProp(CONNECT_VERSION);
        if (version instanceof Number number) {
            builder.version(number.intValue());
        }
        if (type.getObjectProp(CONNECT_PARAMETERS) instanceof Map<?, ?> parameters) {
            parameters.forEach((key, value) -> builder.parameter(String.valueOf(key), String.valueOf(value)));
        }
        String name = type.getProp(CONNECT_NAME);
        if (name != null && builder.name() == null) {
            builder.name(name);
        }
    }

    private static String docOf(org.apache.avro.Schema type) {
        // Confluent's converter puts a struct's doc in connect.doc rather than the record doc.
        String doc = switch (type.getType()) {
            case RECORD, ENUM, FIXED -> type.getDoc();
            default -> null;
        };
        return doc != null ? doc : type.getProp(CONNECT_DOC);
    }
}
