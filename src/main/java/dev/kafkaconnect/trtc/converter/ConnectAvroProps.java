package dev.kafkaconnect.trtc.converter;

/**
 * Avro schema properties and names that carry what Avro cannot express about a Connect schema. They match
 * Confluent's AvroData, so records written by either converter read back to the same Connect schemas by the other.
 */
final class ConnectAvroProps {
    /** int8/int16, which Avro stores as int. */
    static final String CONNECT_TYPE = "connect.type";
    /** Doc of a schema that is neither a record nor a record field (those use Avro's own doc). */
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    /** Name of a Connect schema that Avro cannot name (a named primitive, array or map). */
    static final String CONNECT_NAME = "connect.name";

    static final String NAMESPACE = "io.confluent.connect.avro";
    /** Record name of a struct without a name. */
    static final String DEFAULT_RECORD_NAME = "ConnectDefault";
    /** Record of a map entry, for maps whose keys are not strings (Avro maps have string keys only). */
    static final String MAP_ENTRY_NAME = "MapEntry";
    static final String KEY_FIELD = "key";
    static final String VALUE_FIELD = "value";

    /**
     * Struct standing for an Avro union of several non-null types: one optional field per branch, exactly one set.
     */
    static final String UNION_NAME = "io.confluent.connect.avro.Union";
    /** Connect parameters that record an Avro enum: the enum's full name, and one parameter per symbol. */
    static final String ENUM_PARAMETER = "io.confluent.connect.avro.Enum";
    /** Connect parameter recording that bytes were an Avro fixed of this size. */
    static final String FIXED_SIZE_PARAMETER = "connect.fixed.size";
    /** Connect Decimal parameter for the precision (Connect's Decimal has only a scale). */
    static final String DECIMAL_PRECISION_PARAMETER = "connect.decimal.precision";
    /** Precision used when a Connect Decimal does not state one, as in Confluent's converter. */
    static final int DEFAULT_DECIMAL_PRECISION = 64;

    private ConnectAvroProps() {
    }

    /** Field name of a union branch in the {@link #UNION_NAME} struct: the simple name or the type name. */
    static String unionMemberName(org.apache.avro.Schema branch) {
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> branch.getName();
            default -> branch.getType().getName();
        };
    }
}
