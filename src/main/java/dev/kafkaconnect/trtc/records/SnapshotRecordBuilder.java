package dev.kafkaconnect.trtc.records;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds QualitySnapshot records (the wide shape: every metric of one user, direction and instant in one record),
 * keyed like the samples by {@link SampleRecordBuilder#key} so a call's user stays in one partition. Schemas and
 * field handles are resolved once; a record costs its value Struct, one boxed double per metric present, and the
 * {@code otherMetrics} map only when the row has a metric the schema does not know.
 */
public final class SnapshotRecordBuilder {
    public static final Schema SNAPSHOT_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.QUALITY_SNAPSHOT);
    private static final Field APP = SNAPSHOT_SCHEMA.field("sdkAppId");
    private static final Field COMM = SNAPSHOT_SCHEMA.field("commId");
    private static final Field ROOM = SNAPSHOT_SCHEMA.field("roomId");
    private static final Field USER = SNAPSHOT_SCHEMA.field("userId");
    private static final Field PEER = SNAPSHOT_SCHEMA.field("peerId");
    private static final Field TIME = SNAPSHOT_SCHEMA.field("time");
    private static final Field OTHER_METRICS = SNAPSHOT_SCHEMA.field("otherMetrics");
    /** The field of each {@link SnapshotValues} slot. */
    private static final Field[] METRIC_FIELDS = metricFields();

    private final Long boxedAppId;
    private final String topic;

    public SnapshotRecordBuilder(long sdkAppId, String topic) {
        this.boxedAppId = sdkAppId;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /**
     * One row of measurements. {@code values} is read, not kept: the caller may clear and refill it for the next row.
     *
     * @param key    from {@link SampleRecordBuilder#key}, shared by the user's records
     * @param peerId null for the user's uplink
     * @param time   unix seconds
     */
    public SourceRecord snapshot(Map<String, ?> partition, Map<String, ?> offset, Struct key, String roomId,
                                 String peerId, long time, SnapshotValues values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one metric value");
        }
        long millis = time * 1000L;
        // Every value below has its field's type by construction: see StructFill.
        Struct v = new Struct(SNAPSHOT_SCHEMA);
        StructFill.set(v, APP, boxedAppId);
        StructFill.set(v, COMM, requireText(key.getString("commId"), "commId"));
        StructFill.set(v, ROOM, requireText(roomId, "roomId"));
        StructFill.set(v, USER, requireText(key.getString("userId"), "userId"));
        StructFill.set(v, PEER, peerId);
        StructFill.set(v, TIME, new Date(millis));
        int present = values.presentMask();
        while (present != 0) {
            int slot = Integer.numberOfTrailingZeros(present);
            present &= present - 1;
            StructFill.set(v, METRIC_FIELDS[slot], values.get(slot));
        }
        int others = values.otherCount();
        if (others > 0) {
            Map<String, Double> other = new LinkedHashMap<>(others * 2);
            for (int i = 0; i < others; i++) {
                other.put(values.otherName(i), values.otherValue(i));
            }
            StructFill.set(v, OTHER_METRICS, other);
        }
        return new SourceRecord(partition, offset, topic, null, SampleRecordBuilder.KEY_SCHEMA, key,
                SNAPSHOT_SCHEMA, v, millis);
    }

    private static String requireText(String s, String field) {
        if (s == null) {
            throw new IllegalArgumentException("snapshot field " + field + " must not be null");
        }
        return s;
    }

    private static Field[] metricFields() {
        Field[] fields = new Field[SnapshotValues.KNOWN.size()];
        for (int i = 0; i < fields.length; i++) {
            String metric = SnapshotValues.KNOWN.get(i);
            fields[i] = SNAPSHOT_SCHEMA.field(metric);
            if (fields[i] == null || fields[i].schema().type() != Schema.Type.FLOAT64) {
                throw new IllegalStateException("schemas/QualitySnapshot.avsc has no optional double field "
                        + metric + " for a known metric");
            }
        }
        return fields;
    }
}
