package dev.kafkaconnect.trtc.converter;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Reads Avro binary straight into Connect values, walking the writer's Avro schema next to its Connect translation
 * (from {@link AvroToConnectSchema}): the Connect schema says which Java form a value takes.
 */
final class AvroValueReader {
    private static final long MILLIS_PER_DAY = 24L * 60 * 60 * 1000;

    private AvroValueReader() {
    }

    static Object read(Schema avro, org.apache.kafka.connect.data.Schema connect, Decoder in) throws IOException {
        return switch (avro.getType()) {
            case NULL -> {
                in.readNull();
                yield null;
            }
            case UNION -> {
                Schema branch = avro.getTypes().get(in.readIndex());
                if (branch.getType() == Schema.Type.NULL) {
                    yield readNull(in);
                }
                yield isUnionStruct(connect) ? readUnionMember(branch, connect, in) : read(branch, connect, in);
            }
            case BOOLEAN -> in.readBoolean();
            case INT -> readInt(connect, in.readInt());
            case LONG -> {
                long value = in.readLong();
                yield Timestamp.LOGICAL_NAME.equals(connect.name()) ? new java.util.Date(value) : value;
            }
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case STRING -> in.readString();
            case ENUM -> avro.getEnumSymbols().get(in.readEnum());
            case BYTES -> {
                java.nio.ByteBuffer buffer = in.readBytes(null);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield decimalOrBytes(avro, bytes);
            }
            case FIXED -> {
                byte[] bytes = new byte[avro.getFixedSize()];
                in.readFixed(bytes);
                yield decimalOrBytes(avro, bytes);
            }
            case ARRAY -> AvroToConnectSchema.isMapEntry(avro.getElementType())
                    ? readMapEntries(avro.getElementType(), connect, in)
                    : readArray(avro.getElementType(), connect.valueSchema(), in);
            case MAP -> readMap(avro.getValueType(), connect.valueSchema(), in);
            case RECORD -> readRecord(avro, connect, in);
        };
    }

    private static boolean isUnionStruct(org.apache.kafka.connect.data.Schema connect) {
        return connect.type() == org.apache.kafka.connect.data.Schema.Type.STRUCT
                && ConnectAvroProps.UNION_NAME.equals(connect.name());
    }

    private static Struct readUnionMember(Schema branch, org.apache.kafka.connect.data.Schema connect, Decoder in)
            throws IOException {
        org.apache.kafka.connect.data.Field member = connect.field(ConnectAvroProps.unionMemberName(branch));
        return new Struct(connect).put(member, read(branch, member.schema(), in));
    }

    private static Object readNull(Decoder in) throws IOException {
        in.readNull();
        return null;
    }

    private static Object readInt(org.apache.kafka.connect.data.Schema connect, int value) {
        return switch (connect.type()) {
            case INT8 -> (byte) value;
            case INT16 -> (short) value;
            default -> {
                if (Date.LOGICAL_NAME.equals(connect.name())) {
                    yield new java.util.Date(value * MILLIS_PER_DAY);
                }
                yield Time.LOGICAL_NAME.equals(connect.name()) ? new java.util.Date(value) : (Object) value;
            }
        };
    }

    private static Object decimalOrBytes(Schema avro, byte[] bytes) {
        if (avro.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal(new BigInteger(bytes), decimal.getScale());
        }
        return bytes;
    }

    private static List<Object> readArray(Schema elementType, org.apache.kafka.connect.data.Schema connect,
                                          Decoder in) throws IOException {
        List<Object> list = new ArrayList<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                list.add(read(elementType, connect, in));
            }
        }
        return list;
    }

    private static Map<Object, Object> readMapEntries(Schema entryType, org.apache.kafka.connect.data.Schema connect,
                                                      Decoder in) throws IOException {
        Schema keyType = entryType.getField(ConnectAvroProps.KEY_FIELD).schema();
        Schema valueType = entryType.getField(ConnectAvroProps.VALUE_FIELD).schema();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
            for (long i = 0; i < n; i++) {
                Object key = read(keyType, connect.keySchema(), in);
                map.put(key, read(valueType, connect.valueSchema(), in));
            }
        }
        return map;
    }

    private static Map<Object, Object> readMap(Schema valueType, org.apache.kafka.connect.data.Schema connect,
                                               Decoder in) throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (long n = in.readMapStart(); n > 0; n = in.mapNext()) {
            for (long i = 0; i < n; i++) {
                String key = in.readString();
                map.put(key, read(valueType, connect, in));
            }
        }
        return map;
    }

    private static Struct readRecord(Schema avro, org.apache.kafka.connect.data.Schema connect, Decoder in)
            throws IOException {
        Struct struct = new Struct(connect);
        List<Schema.Field> avroFields = avro.getFields();
        List<org.apache.kafka.connect.data.Field> fields = connect.fields();
        for (int i = 0; i < avroFields.size(); i++) {
            struct.put(fields.get(i), read(avroFields.get(i).schema(), fields.get(i).schema(), in));
        }
        return struct;
    }
}
