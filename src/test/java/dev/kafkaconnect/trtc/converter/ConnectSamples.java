package dev.kafkaconnect.trtc.converter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/** Connect schemas and values covering every Connect type, shared by the converter's unit tests and ITs. */
public final class ConnectSamples {
    public static final long DAY_MS = 24L * 60 * 60 * 1000;

    public static final Schema INNER = SchemaBuilder.struct().name("test.Inner").doc("A nested struct.")
            .field("label", Schema.STRING_SCHEMA)
            .field("weight", SchemaBuilder.float64().defaultValue(1.5).build())
            .build();

    public static final Schema ANONYMOUS = SchemaBuilder.struct()
            .field("x", Schema.INT32_SCHEMA)
            .build();

    public static final Schema DECIMAL = Decimal.schema(3);
    public static final Schema DECIMAL_WITH_PRECISION =
            Decimal.builder(2).parameter(ConnectAvroProps.DECIMAL_PRECISION_PARAMETER, "10").build();

    /** One field per Connect type and shape, with docs, defaults, optionals, version and parameters. */
    public static final Schema ALL_TYPES = SchemaBuilder.struct().name("test.AllTypes").doc("Every type.").version(3)
            .parameter("owner", "team-a")
            .field("int8", Schema.INT8_SCHEMA)
            .field("int16", Schema.INT16_SCHEMA)
            .field("int32", SchemaBuilder.int32().doc("An int.").build())
            .field("int64", Schema.INT64_SCHEMA)
            .field("float32", Schema.FLOAT32_SCHEMA)
            .field("float64", Schema.FLOAT64_SCHEMA)
            .field("boolean", Schema.BOOLEAN_SCHEMA)
            .field("string", Schema.STRING_SCHEMA)
            .field("bytes", Schema.BYTES_SCHEMA)
            .field("date", Date.SCHEMA)
            .field("time", Time.SCHEMA)
            .field("timestamp", Timestamp.SCHEMA)
            .field("decimal", DECIMAL)
            .field("decimalPrecise", DECIMAL_WITH_PRECISION)
            .field("optionalString", Schema.OPTIONAL_STRING_SCHEMA)
            .field("optionalTimestamp", Timestamp.builder().optional().build())
            .field("optionalWithDefault", SchemaBuilder.int64().optional().defaultValue(42L).build())
            .field("stringWithDefault", SchemaBuilder.string().defaultValue("none").doc("Defaulted.").build())
            .field("int8WithDefault", SchemaBuilder.int8().defaultValue((byte) -3).build())
            .field("array", SchemaBuilder.array(Schema.INT32_SCHEMA).build())
            .field("arrayOfOptional", SchemaBuilder.array(Schema.OPTIONAL_STRING_SCHEMA).build())
            .field("stringMap", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
            .field("intKeyMap", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("structKeyMap", SchemaBuilder.map(ANONYMOUS, Schema.OPTIONAL_FLOAT64_SCHEMA).build())
            .field("inner", INNER)
            .field("optionalInner", SchemaBuilder.struct().name("test.Inner2").optional()
                    .field("flag", Schema.BOOLEAN_SCHEMA).build())
            .field("anonymous", ANONYMOUS)
            .field("arrayOfStructs", SchemaBuilder.array(INNER).build())
            .field("namedString", SchemaBuilder.string().name("test.Code").version(2).build())
            .field("bytesWithDefault", SchemaBuilder.bytes().defaultValue(new byte[] {1, 2}).build())
            .field("dateWithDefault", Date.builder().defaultValue(new java.util.Date(3 * DAY_MS)).build())
            .build();

    private ConnectSamples() {
    }

    public static Struct allTypesValue() {
        Map<String, Long> stringMap = new LinkedHashMap<>();
        stringMap.put("a", 1L);
        stringMap.put("b", -2L);
        Map<Integer, String> intKeyMap = new LinkedHashMap<>();
        intKeyMap.put(7, "seven");
        intKeyMap.put(-1, "minus one");
        Map<Struct, Double> structKeyMap = new LinkedHashMap<>();
        structKeyMap.put(new Struct(ANONYMOUS).put("x", 1), 0.25);
        structKeyMap.put(new Struct(ANONYMOUS).put("x", 2), null);
        return new Struct(ALL_TYPES)
                .put("int8", (byte) -8)
                .put("int16", (short) 1600)
                .put("int32", Integer.MIN_VALUE)
                .put("int64", Long.MAX_VALUE)
                .put("float32", 3.25f)
                .put("float64", -1.0e300)
                .put("boolean", true)
                .put("string", "héllo, 世界")
                .put("bytes", "raw".getBytes(StandardCharsets.UTF_8))
                .put("date", new java.util.Date(19_000 * DAY_MS))
                .put("time", new java.util.Date(45_296_789L))
                .put("timestamp", new java.util.Date(1_764_000_000_123L))
                .put("decimal", new BigDecimal("-12345.678"))
                .put("decimalPrecise", new BigDecimal("99.01"))
                .put("optionalString", null)
                .put("optionalTimestamp", new java.util.Date(1_000L))
                .put("optionalWithDefault", 7L)
                .put("stringWithDefault", "set")
                .put("int8WithDefault", (byte) 1)
                .put("array", List.of(1, 2, 3))
                .put("arrayOfOptional", java.util.Arrays.asList("x", null, "z"))
                .put("stringMap", stringMap)
                .put("intKeyMap", intKeyMap)
                .put("structKeyMap", structKeyMap)
                .put("inner", new Struct(INNER).put("label", "in").put("weight", 2.0))
                .put("optionalInner", null)
                .put("anonymous", new Struct(ANONYMOUS).put("x", 5))
                .put("arrayOfStructs", List.of(new Struct(INNER).put("label", "a").put("weight", 0.0)))
                .put("namedString", "C-1")
                .put("bytesWithDefault", new byte[] {9})
                .put("dateWithDefault", new java.util.Date(0));
    }
}
