package dev.kafkaconnect.trtc.converter;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Field defaults between Connect values and the plain Java form Avro keeps them in (maps for records, lists,
 * byte arrays, boxed numbers, {@link JsonProperties#NULL_VALUE} for null).
 */
final class DefaultValues {
    private DefaultValues() {
    }

    /** A Connect default as Avro's Java form of a JSON default. */
    static Object toAvro(Schema schema, Object value) {
        if (value == null) {
            return JsonProperties.NULL_VALUE;
        }
        return switch (schema.type()) {
            case INT8, INT16 -> ((Number) value).intValue();
            case INT32 -> value instanceof java.util.Date date
                    ? (Object) (Date.LOGICAL_NAME.equals(schema.name())
                            ? Date.fromLogical(schema, date) : Time.fromLogical(schema, date))
                    : (Object) ((Number) value).intValue();
            case INT64 -> value instanceof java.util.Date date
                    ? Timestamp.fromLogical(schema, date) : ((Number) value).longValue();
            case FLOAT32 -> ((Number) value).floatValue();
            case FLOAT64 -> ((Number) value).doubleValue();
            case BOOLEAN, STRING -> value;
            case BYTES -> bytes(schema, value);
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    list.add(toAvro(schema.valueSchema(), element));
                }
                yield list;
            }
            case MAP -> map(schema, (Map<?, ?>) value);
            case STRUCT -> {
                Struct struct = (Struct) value;
                Map<String, Object> record = new LinkedHashMap<>();
                for (Field field : schema.fields()) {
                    record.put(field.name(), toAvro(field.schema(), struct.get(field)));
                }
                yield record;
            }
        };
    }

    /** Avro's JSON form of bytes: one char per byte (ISO-8859-1), as the Avro spec defines for defaults. */
    private static Object bytes(Schema schema, Object value) {
        byte[] bytes;
        if (value instanceof BigDecimal decimal) {
            bytes = Decimal.fromLogical(schema, decimal);
        } else if (value instanceof ByteBuffer buffer) {
            bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
        } else {
            bytes = (byte[]) value;
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static Object map(Schema schema, Map<?, ?> map) {
        boolean stringKeys = schema.keySchema().type() == Schema.Type.STRING && !schema.keySchema().isOptional();
        if (stringKeys) {
            Map<String, Object> avro = new LinkedHashMap<>();
            map.forEach((key, value) -> avro.put((String) key, toAvro(schema.valueSchema(), value)));
            return avro;
        }
        List<Object> entries = new ArrayList<>();
        map.forEach((key, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(ConnectAvroProps.KEY_FIELD, toAvro(schema.keySchema(), key));
            entry.put(ConnectAvroProps.VALUE_FIELD, toAvro(schema.valueSchema(), value));
            entries.add(entry);
        });
        return entries;
    }

    /** An Avro default (as {@code Schema.Field.defaultVal()} gives it) as a value of the Connect schema. */
    static Object toConnect(Schema schema, Object value) {
        if (value == null || value == JsonProperties.NULL_VALUE) {
            return null;
        }
        try {
            return switch (schema.type()) {
                case INT8 -> ((Number) value).byteValue();
                case INT16 -> ((Number) value).shortValue();
                case INT32 -> Date.LOGICAL_NAME.equals(schema.name())
                        ? Date.toLogical(schema, ((Number) value).intValue())
                        : Time.LOGICAL_NAME.equals(schema.name())
                                ? Time.toLogical(schema, ((Number) value).intValue())
                                : (Object) ((Number) value).intValue();
                case INT64 -> Timestamp.LOGICAL_NAME.equals(schema.name())
                        ? Timestamp.toLogical(schema, ((Number) value).longValue())
                        : (Object) ((Number) value).longValue();
                case FLOAT32 -> ((Number) value).floatValue();
                case FLOAT64 -> ((Number) value).doubleValue();
                case BOOLEAN -> value;
                case STRING -> value.toString();
                case BYTES -> {
                    byte[] bytes = value instanceof CharSequence text
                            ? text.toString().getBytes(StandardCharsets.ISO_8859_1) : (byte[]) value;
                    yield Decimal.LOGICAL_NAME.equals(schema.name())
                            ? new BigDecimal(new BigInteger(bytes), Integer.parseInt(
                                    schema.parameters().get(Decimal.SCALE_FIELD)))
                            : bytes;
                }
                case ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    for (Object element : (List<?>) value) {
                        list.add(toConnect(schema.valueSchema(), element));
                    }
                    yield list;
                }
                case MAP -> mapToConnect(schema, value);
                case STRUCT -> {
                    Map<?, ?> record = (Map<?, ?>) value;
                    Struct struct = new Struct(schema);
                    for (Field field : schema.fields()) {
                        Object fieldValue = record.containsKey(field.name())
                                ? toConnect(field.schema(), record.get(field.name()))
                                : field.schema().defaultValue();
                        struct.put(field, fieldValue);
                    }
                    yield struct;
                }
            };
        } catch (ClassCastException | DataException e) {
            throw new DataException("Avro default " + value + " does not fit Connect schema " + schema + ": "
                    + e.getMessage(), e);
        }
    }

    private static Map<Object, Object> mapToConnect(Schema schema, Object value) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> avroMap) {
            avroMap.forEach((key, element) -> map.put(toConnect(schema.keySchema(), key),
                    toConnect(schema.valueSchema(), element)));
        } else {
            for (Object entry : (List<?>) value) {
                Map<?, ?> pair = (Map<?, ?>) entry;
                map.put(toConnect(schema.keySchema(), pair.get(ConnectAvroProps.KEY_FIELD)),
                        toConnect(schema.valueSchema(), pair.get(ConnectAvroProps.VALUE_FIELD)));
            }
        }
        return map;
    }
}
