package dev.kafkaconnect.trtc.converter;

import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_DOC;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_NAME;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_PARAMETERS;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_TYPE;
import static dev.kafkaconnect.trtc.converter.ConnectAvroProps.CONNECT_VERSION;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Translates one Connect schema to Avro. A struct becomes a record named after the Connect schema, with the struct
 * doc as record doc and each field schema's doc as field doc, so the Connect form of an {@code .avsc} contract maps
 * back to exactly that contract. {@code connect.*} properties are added only for what Avro cannot say itself.
 * One instance per translation: it tracks the named types defined so far.
 */
final class ConnectToAvroSchema {
    private static final Set<String> LOGICAL_NAMES =
            Set.of(Date.LOGICAL_NAME, Time.LOGICAL_NAME, Timestamp.LOGICAL_NAME, Decimal.LOGICAL_NAME);
    private static final org.apache.avro.Schema NULL = org.apache.avro.Schema.create(Type.NULL);

    private record NamedType(Schema connect, org.apache.avro.Schema avro) {
    }

    private final Map<String, NamedType> namedTypes = new HashMap<>();
    private final Map<List<org.apache.avro.Schema>, org.apache.avro.Schema> mapEntries = new HashMap<>();

    private ConnectToAvroSchema() {
    }

    static org.apache.avro.Schema translate(Schema connect) {
        try {
            return new ConnectToAvroSchema().schema(connect);
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw new DataException("Connect schema " + describe(connect) + " has no Avro equivalent: "
                    + e.getMessage(), e);
        }
    }

    /** A schema outside a record field: optional becomes {@code [null, T]}, a doc becomes {@code connect.doc}. */
    private org.apache.avro.Schema schema(Schema connect) {
        org.apache.avro.Schema base = nonNull(connect, true);
        return connect.isOptional() ? nullable(base, true) : base;
    }

    /** {@code [null, T]} or {@code [T, null]}; a union's branches are merged in, as Avro does not nest unions. */
    private static org.apache.avro.Schema nullable(org.apache.avro.Schema base, boolean nullFirst) {
        List<org.apache.avro.Schema> branches = new ArrayList<>();
        if (nullFirst) {
            branches.add(NULL);
        }
        branches.addAll(base.isUnion() ? base.getTypes() : List.of(base));
        if (!nullFirst) {
            branches.add(NULL);
        }
        return org.apache.avro.Schema.createUnion(branches);
    }

    private org.apache.avro.Schema nonNull(Schema connect, boolean docAsProperty) {
        if (connect.type() == Schema.Type.STRUCT && ConnectAvroProps.UNION_NAME.equals(connect.name())) {
            return union(connect);
        }
        Map<String, String> parameters = connect.parameters() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(connect.parameters());
        org.apache.avro.Schema avro = switch (connect.type()) {
            case INT8, INT16 -> {
                org.apache.avro.Schema schema = org.apache.avro.Schema.create(Type.INT);
                schema.addProp(CONNECT_TYPE, connect.type().getName());
                yield schema;
            }
            case INT32 -> int32(connect);
            case INT64 -> Timestamp.LOGICAL_NAME.equals(connect.name())
                    ? LogicalTypes.timestampMillis().addToSchema(org.apache.avro.Schema.create(Type.LONG))
                    : org.apache.avro.Schema.create(Type.LONG);
            case FLOAT32 -> org.apache.avro.Schema.create(Type.FLOAT);
            case FLOAT64 -> org.apache.avro.Schema.create(Type.DOUBLE);
            case BOOLEAN -> org.apache.avro.Schema.create(Type.BOOLEAN);
            case STRING -> parameters.containsKey(ConnectAvroProps.ENUM_PARAMETER)
                    ? enumSchema(connect, parameters) : org.apache.avro.Schema.create(Type.STRING);
            case BYTES -> bytes(connect, parameters);
            case ARRAY -> org.apache.avro.Schema.createArray(schema(connect.valueSchema()));
            case MAP -> map(connect);
            case STRUCT -> record(connect);
        };
        if (connect.version() != null && !(LOGICAL_NAMES.contains(connect.name()) && connect.version() == 1)) {
            avro.addProp(CONNECT_VERSION, connect.version());
        }
        if (!parameters.isEmpty()) {
            avro.addProp(CONNECT_PARAMETERS, parameters);
        }
        boolean namedByAvro = avro.getType() == Type.RECORD || avro.getType() == Type.ENUM
                || avro.getType() == Type.FIXED;
        if (connect.name() != null && !namedByAvro && !LOGICAL_NAMES.contains(connect.name())) {
            avro.addProp(CONNECT_NAME, connect.name());
        }
        if (docAsProperty && connect.doc() != null && !namedByAvro) {
            avro.addProp(CONNECT_DOC, connect.doc());
        }
        return avro;
    }

    private static org.apache.avro.Schema int32(Schema connect) {
        org.apache.avro.Schema schema = org.apache.avro.Schema.create(Type.INT);
        if (Date.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.date().addToSchema(schema);
        }
        if (Time.LOGICAL_NAME.equals(connect.name())) {
            return LogicalTypes.timeMillis().addToSchema(schema);
        }
        return schema;
    }

    private org.apache.avro.Schema bytes(Schema connect, Map<String, String> parameters) {
        if (Decimal.LOGICAL_NAME.equals(connect.name())) {
            int scale = integerParameter(connect, Decimal.SCALE_FIELD);
            String precision = connect.parameters().get(ConnectAvroProps.DECIMAL_PRECISION_PARAMETER);
            int digits = precision == null
                    ? ConnectAvroProps.DEFAULT_DECIMAL_PRECISION
                    : integerParameter(connect, ConnectAvroProps.DECIMAL_PRECISION_PARAMETER);
            // The parameters stay (connect.parameters) so a Decimal without a precision reads back unchanged.
            return LogicalTypes.decimal(digits, scale).addToSchema(org.apache.avro.Schema.create(Type.BYTES));
        }
        String size = parameters.remove(ConnectAvroProps.FIXED_SIZE_PARAMETER);
        if (size != null) {
            Name name = Name.of(connect.name() == null ? "Fixed" : connect.name());
            return define(connect, org.apache.avro.Schema.createFixed(name.name, connect.doc(), name.namespace,
                    integerParameter(connect, ConnectAvroProps.FIXED_SIZE_PARAMETER)));
        }
        return org.apache.avro.Schema.create(Type.BYTES);
    }

    private org.apache.avro.Schema enumSchema(Schema connect, Map<String, String> parameters) {
        Name name = Name.of(parameters.remove(ConnectAvroProps.ENUM_PARAMETER));
        String symbolPrefix = ConnectAvroProps.ENUM_PARAMETER + ".";
        List<String> symbols = new ArrayList<>();
        parameters.entrySet().removeIf(entry -> {
            if (entry.getKey().startsWith(symbolPrefix)) {
                symbols.add(entry.getValue());
                return true;
            }
            return false;
        });
        return define(connect, org.apache.avro.Schema.createEnum(name.name, connect.doc(), name.namespace, symbols));
    }

    private org.apache.avro.Schema map(Schema connect) {
        Schema key = connect.keySchema();
        if (key.type() == Schema.Type.STRING && !key.isOptional()) {
            return org.apache.avro.Schema.createMap(schema(connect.valueSchema()));
        }
        // Avro maps only have string keys: other keys become an array of key/value records, as Confluent does.
        // Maps of the same types share one entry record. Confluent's converter recognises only the name MapEntry,
        // so a second, different entry type (MapEntry2) reads there as an array of key/value structs.
        List<org.apache.avro.Schema> types = List.of(schema(key), schema(connect.valueSchema()));
        org.apache.avro.Schema entry = mapEntries.computeIfAbsent(types, keyAndValue -> {
            org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(
                    uniqueGeneratedName(ConnectAvroProps.MAP_ENTRY_NAME), null, ConnectAvroProps.NAMESPACE, false,
                    List.of(new Field(ConnectAvroProps.KEY_FIELD, keyAndValue.get(0)),
                            new Field(ConnectAvroProps.VALUE_FIELD, keyAndValue.get(1))));
            namedTypes.put(record.getFullName(), new NamedType(null, record));
            return record;
        });
        return org.apache.avro.Schema.createArray(entry);
    }

    /** The struct Confluent's converter uses for an Avro union of several types: back to that union. */
    private org.apache.avro.Schema union(Schema connect) {
        List<org.apache.avro.Schema> branches = new ArrayList<>();
        for (org.apache.kafka.connect.data.Field member : connect.fields()) {
            org.apache.avro.Schema branch = nonNull(member.schema(), true);
            if (!member.name().equals(ConnectAvroProps.unionMemberName(branch))) {
                throw new DataException("Field '" + member.name() + "' of the union struct " + ConnectAvroProps.UNION_NAME
                        + " must be named after its type ('" + ConnectAvroProps.unionMemberName(branch) + "')");
            }
            branches.add(branch);
        }
        return org.apache.avro.Schema.createUnion(branches);
    }

    private org.apache.avro.Schema record(Schema connect) {
        NamedType existing = connect.name() == null ? null : namedTypes.get(connect.name());
        if (existing != null && connect.equals(existing.connect)) {
            return existing.avro;
        }
        Name name = connect.name() == null
                ? new Name(ConnectAvroProps.NAMESPACE, uniqueGeneratedName(ConnectAvroProps.DEFAULT_RECORD_NAME))
                : Name.of(connect.name());
        org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(name.name, connect.doc(), name.namespace,
                false);
        define(connect, record);
        List<Field> fields = new ArrayList<>(connect.fields().size());
        for (org.apache.kafka.connect.data.Field field : connect.fields()) {
            fields.add(field(connect, field));
        }
        record.setFields(fields);
        return record;
    }

    private Field field(Schema struct, org.apache.kafka.connect.data.Field field) {
        Schema connect = field.schema();
        org.apache.avro.Schema base = nonNull(connect, false);
        Object defaultValue = connect.defaultValue();
        try {
            if (connect.isOptional()) {
                // Avro requires a union's default to match its first branch.
                return defaultValue == null
                        ? new Field(field.name(), nullable(base, true), connect.doc(), JsonProperties.NULL_VALUE)
                        : new Field(field.name(), nullable(base, false), connect.doc(),
                                DefaultValues.toAvro(connect, defaultValue));
            }
            return new Field(field.name(), base, connect.doc(),
                    defaultValue == null ? null : DefaultValues.toAvro(connect, defaultValue));
        } catch (AvroRuntimeException | IllegalArgumentException e) {
            throw new DataException("Field '" + field.name() + "' of " + describe(struct) + ": " + e.getMessage(), e);
        }
    }

    /** Registers a named type; a different schema under a name already used cannot be expressed in Avro. */
    private org.apache.avro.Schema define(Schema connect, org.apache.avro.Schema avro) {
        NamedType previous = namedTypes.putIfAbsent(avro.getFullName(), new NamedType(connect, avro));
        if (previous != null) {
            if (connect.equals(previous.connect)) {
                return previous.avro;
            }
            throw new DataException("Connect schema uses the name '" + avro.getFullName() + "' for two different"
                    + " schemas; Avro needs distinct names for distinct record, enum and fixed types");
        }
        return avro;
    }

    private String uniqueGeneratedName(String base) {
        String name = base;
        for (int n = 2; namedTypes.containsKey(ConnectAvroProps.NAMESPACE + "." + name); n++) {
            name = base + n;
        }
        return name;
    }

    private static int integerParameter(Schema connect, String parameter) {
        String value = connect.parameters() == null ? null : connect.parameters().get(parameter);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DataException("Connect schema " + describe(connect) + " has parameter " + parameter + "='"
                    + value + "', not an integer");
        }
    }

    static String describe(Schema connect) {
        return connect.name() != null ? "'" + connect.name() + "'" : "of type " + connect.type();
    }

    /** A full name split into namespace (null when none) and simple name. */
    private record Name(String namespace, String name) {
        static Name of(String fullName) {
            int dot = fullName.lastIndexOf('.');
            return dot < 0 ? new Name(null, fullName) : new Name(fullName.substring(0, dot), fullName.substring(dot + 1));
        }
    }
}
