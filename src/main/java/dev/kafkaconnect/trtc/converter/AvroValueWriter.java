package dev.kafkaconnect.trtc.converter;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Type;
import org.apache.avro.io.Encoder;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes Connect values straight to Avro binary, walking the Avro schema: no intermediate GenericRecord. Struct
 * fields are matched by name, so a record can also be written with a registered schema that differs from its own
 * (use.latest.version): fields the struct lacks take the Avro default.
 *
 * <p>The bytes are exactly what Avro's {@code GenericDatumWriter} writes for the same data. What is the same from
 * record to record is worked out once: which Connect field feeds which Avro field ({@link RecordLayout}) and the
 * encoding of repeated strings ({@link EncodedStrings}); written into the converter's buffer, a record's fields that
 * hold the same objects as the last record's are copied from its bytes ({@link LastRecord}). Not thread-safe: one
 * per converter, used under its codec lock.
 */
final class AvroValueWriter {
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private final RecordLayout.Cache layouts = new RecordLayout.Cache();
    private final EncodedStrings strings = new EncodedStrings();

    void write(Schema schema, Object value, Encoder out) throws IOException {
        try {
            if (schema.getType() == Type.RECORD && value instanceof Struct struct
                    && out instanceof RecordEncoder buffer) {
                writeTopRecord(schema, struct, buffer);
            } else {
                writeValue(schema, value, out);
            }
        } catch (ClassCastException e) {
            throw new DataException("Value does not match Avro schema " + schema.getFullName() + ": " + e.getMessage(),
                    e);
        }
    }

    private void writeValue(Schema schema, Object value, Encoder out) throws IOException {
        if (value == null && schema.getType() != Type.NULL && schema.getType() != Type.UNION) {
            throw new DataException("null value for a required " + schema.getType().getName() + " (Avro "
                    + schema.getFullName() + ")");
        }
        switch (schema.getType()) {
            case NULL -> out.writeNull();
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case INT -> out.writeInt(intValue(schema.getLogicalType(), value));
            case LONG -> out.writeLong(value instanceof java.util.Date date ? date.getTime() : longValue(value));
            case FLOAT -> out.writeFloat(((Number) value).floatValue());
            case DOUBLE -> out.writeDouble(((Number) value).doubleValue());
            case STRING -> strings.write((String) value, out);
            case BYTES -> out.writeBytes(bytes(schema, value));
            case FIXED -> out.writeFixed(fixed(schema, value));
            case ENUM -> out.writeEnum(enumOrdinal(schema, (String) value));
            case ARRAY -> {
                if (value instanceof Map<?, ?> map) {
                    writeMapEntries(schema.getElementType(), map, out);
                } else {
                    writeArray(schema.getElementType(), (List<?>) value, out);
                }
            }
            case MAP -> writeMap(schema.getValueType(), (Map<?, ?>) value, out);
            case RECORD -> writeRecord(schema, (Struct) value, out);
            case UNION -> writeUnion(schema, value, out);
        }
    }

    private static int intValue(LogicalType logical, Object value) {
        if (value instanceof java.util.Date date) {
            if (logical instanceof LogicalTypes.Date) {
                return Math.toIntExact(Math.floorDiv(date.getTime(), MILLIS_PER_DAY));
            }
            return Math.toIntExact(date.getTime());
        }
        if (value instanceof Long wide) {
            if (wide != wide.intValue()) {
                throw new DataException("value " + wide + " does not fit the Avro int field");
            }
            return wide.intValue();
        }
        return ((Number) value).intValue();
    }

    private static long longValue(Object value) {
        if (value instanceof Double || value instanceof Float) {
            throw new DataException("floating-point value " + value + " for an Avro long");
        }
        return ((Number) value).longValue();
    }

    private static ByteBuffer bytes(Schema schema, Object value) {
        if (value instanceof BigDecimal decimal) {
            return ByteBuffer.wrap(unscaled(schema, decimal).toByteArray());
        }
        if (value instanceof byte[] array) {
            return ByteBuffer.wrap(array);
        }
        return ((ByteBuffer) value).duplicate();
    }

    private static byte[] fixed(Schema schema, Object value) {
        byte[] bytes;
        if (value instanceof BigDecimal decimal) {
            // Decimals in fixed are sign-extended to the full size.
            byte[] digits = unscaled(schema, decimal).toByteArray();
            bytes = new byte[schema.getFixedSize()];
            if (digits.length > bytes.length) {
                throw new DataException("decimal " + decimal + " needs " + digits.length + " bytes; Avro fixed "
                        + schema.getFullName() + " has " + bytes.length);
            }
            byte pad = (byte) (decimal.signum() < 0 ? 0xff : 0);
            int offset = bytes.length - digits.length;
            java.util.Arrays.fill(bytes, 0, offset, pad);
            System.arraycopy(digits, 0, bytes, offset, digits.length);
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            bytes = (byte[]) value;
        }
        if (bytes.length != schema.getFixedSize()) {
            throw new DataException(bytes.length + " bytes for Avro fixed " + schema.getFullName() + " of size "
                    + schema.getFixedSize());
        }
        return bytes;
    }

    private static BigInteger unscaled(Schema schema, BigDecimal decimal) {
        if (!(schema.getLogicalType() instanceof LogicalTypes.Decimal logical)) {
            throw new DataException("BigDecimal value for Avro " + schema.getType().getName()
                    + " without a decimal logical type");
        }
        if (decimal.scale() != logical.getScale()) {
            throw new DataException("decimal " + decimal + " has scale " + decimal.scale() + ", the schema says "
                    + logical.getScale());
        }
        return decimal.unscaledValue();
    }

    private static int enumOrdinal(Schema schema, String symbol) {
        if (!schema.hasEnumSymbol(symbol)) {
            throw new DataException("'" + symbol + "' is not a symbol of Avro enum " + schema.getFullName() + " "
                    + schema.getEnumSymbols());
        }
        return schema.getEnumOrdinal(symbol);
    }

    private void writeArray(Schema elementType, List<?> list, Encoder out) throws IOException {
        out.writeArrayStart();
        out.setItemCount(list.size());
        for (Object element : list) {
            out.startItem();
            writeValue(elementType, element, out);
        }
        out.writeArrayEnd();
    }

    private void writeMapEntries(Schema entryType, Map<?, ?> map, Encoder out) throws IOException {
        Schema keyType = entryType.getField(ConnectAvroProps.KEY_FIELD).schema();
        Schema valueType = entryType.getField(ConnectAvroProps.VALUE_FIELD).schema();
        out.writeArrayStart();
        out.setItemCount(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.startItem();
            writeValue(keyType, entry.getKey(), out);
            writeValue(valueType, entry.getValue(), out);
        }
        out.writeArrayEnd();
    }

    private void writeMap(Schema valueType, Map<?, ?> map, Encoder out) throws IOException {
        out.writeMapStart();
        out.setItemCount(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.startItem();
            strings.write((String) entry.getKey(), out);
            writeValue(valueType, entry.getValue(), out);
        }
        out.writeMapEnd();
    }

    private void writeRecord(Schema schema, Struct struct, Encoder out) throws IOException {
        RecordLayout layout = layouts.get(schema, struct.schema());
        Field[] fields = layout.fields;
        for (int i = 0; i < fields.length; i++) {
            writeField(layout, i, fields[i] != null ? struct.get(fields[i]) : null, out);
        }
    }

    /**
     * A record written straight into the converter's buffer: each run of fields that hold what they held in the
     * layout's last record is one copy of that record's bytes ({@link LastRecord}); the other fields are encoded.
     */
    private void writeTopRecord(Schema schema, Struct struct, RecordEncoder out) throws IOException {
        RecordLayout layout = layouts.get(schema, struct.schema());
        LastRecord last = layout.last;
        Field[] fields = layout.fields;
        int start = out.bytesBuffered();
        // Where the run of repeated fields not yet copied starts in the last record's bytes; -1 when there is none.
        int runFrom = -1;
        // How many of the record's bytes precede its first field that is not a repeat; -1 while all are.
        int same = -1;
        boolean whole = false;
        try {
            for (int i = 0; i < fields.length; i++) {
                // A field the struct lacks writes its layout's default: null stands for it, the same in every record.
                Object value = fields[i] != null ? struct.get(fields[i]) : null;
                if (last.repeats(i, value)) {
                    if (runFrom < 0) {
                        runFrom = last.start(i);
                    }
                    last.ends(i, out.bytesBuffered() - start + last.end(i) - runFrom);
                } else {
                    if (runFrom >= 0) {
                        out.writeFixed(last.bytes(), runFrom, last.start(i) - runFrom);
                        runFrom = -1;
                    }
                    if (same < 0) {
                        same = out.bytesBuffered() - start;
                    }
                    writeField(layout, i, value, out);
                    last.wrote(i, value, out.bytesBuffered() - start);
                }
            }
            whole = true;
        } finally {
            if (!whole) {
                last.forget();
            }
        }
        if (runFrom >= 0) {
            out.writeFixed(last.bytes(), runFrom, last.end(fields.length - 1) - runFrom);
        }
        if (same >= 0) {
            last.complete(out.array(), start, same, out.bytesBuffered() - start);
        }
    }

    private void writeField(RecordLayout layout, int i, Object value, Encoder out) throws IOException {
        try {
            if (layout.fields[i] != null) {
                writeValue(layout.schemas[i], value, out);
            } else if (layout.defaults[i] != null) {
                out.writeFixed(layout.defaults[i]);
            } else {
                throw new DataException("the struct has no such field and the Avro schema gives no default");
            }
        } catch (DataException | ClassCastException e) {
            throw new DataException("Field '" + layout.names[i] + "' of " + layout.avro.getFullName() + ": "
                    + e.getMessage(), e);
        }
    }

    private void writeUnion(Schema union, Object value, Encoder out) throws IOException {
        if (value instanceof Struct struct
                && ConnectAvroProps.UNION_NAME.equals(struct.schema().name())) {
            writeUnionStruct(union, struct, out);
            return;
        }
        List<Schema> branches = union.getTypes();
        for (int i = 0; i < branches.size(); i++) {
            Schema branch = branches.get(i);
            if (value == null ? branch.getType() == Type.NULL : accepts(branch, value)) {
                out.writeIndex(i);
                writeValue(branch, value, out);
                return;
            }
        }
        throw new DataException(value == null ? "null value for a required " + union
                : "no branch of " + union + " takes a " + value.getClass().getSimpleName());
    }

    /** A union struct (one optional field per branch) writes the branch of its one non-null field. */
    private void writeUnionStruct(Schema union, Struct struct, Encoder out) throws IOException {
        for (Field member : struct.schema().fields()) {
            Object value = struct.get(member);
            if (value != null) {
                List<Schema> branches = union.getTypes();
                for (int i = 0; i < branches.size(); i++) {
                    if (branches.get(i).getType() != Type.NULL
                            && ConnectAvroProps.unionMemberName(branches.get(i)).equals(member.name())) {
                        out.writeIndex(i);
                        writeValue(branches.get(i), value, out);
                        return;
                    }
                }
                throw new DataException("union " + union + " has no branch '" + member.name() + "'");
            }
        }
        throw new DataException("union struct with no field set, for " + union);
    }

    /** Whether a non-null Connect value can be written as this branch; the first that can is used. */
    private static boolean accepts(Schema branch, Object value) {
        return switch (branch.getType()) {
            case NULL -> false;
            case BOOLEAN -> value instanceof Boolean;
            case INT -> value instanceof Integer || value instanceof Short || value instanceof Byte
                    || (value instanceof java.util.Date && branch.getLogicalType() != null);
            case LONG -> value instanceof Long || value instanceof java.util.Date;
            case FLOAT -> value instanceof Float;
            case DOUBLE -> value instanceof Double;
            case STRING -> value instanceof String;
            case ENUM -> value instanceof String symbol && branch.hasEnumSymbol(symbol);
            case BYTES, FIXED -> value instanceof byte[] || value instanceof ByteBuffer || value instanceof BigDecimal;
            case ARRAY -> value instanceof List || value instanceof Map;
            case MAP -> value instanceof Map;
            case RECORD -> value instanceof Struct;
            case UNION -> false;
        };
    }
}
