package dev.kafkaconnect.trtc.records;

import dev.kafkaconnect.trtc.api.CallUser;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the connector's records: quality samples and participant events, keyed by (sdkAppId, commId, userId) so
 * a call's user stays in one partition, and call-end records, keyed by (sdkAppId, commId). Schemas are built once;
 * each record costs its value Struct and the record itself (keys, partitions and offsets are passed in and may be
 * shared).
 */
public final class SampleRecordBuilder {
    public static final Schema KEY_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.CALL_USER_KEY);
    public static final Schema SAMPLE_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.QUALITY_SAMPLE);
    public static final Schema PARTICIPANT_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.CALL_PARTICIPANT);
    public static final Schema CALL_KEY_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.CALL_KEY);
    public static final Schema CALL_END_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.CALL_END);
    private static final Field KEY_COMM = KEY_SCHEMA.field("commId");
    private static final Field KEY_USER = KEY_SCHEMA.field("userId");
    private static final Field SAMPLE_APP = SAMPLE_SCHEMA.field("sdkAppId");
    private static final Field SAMPLE_COMM = SAMPLE_SCHEMA.field("commId");
    private static final Field SAMPLE_ROOM = SAMPLE_SCHEMA.field("roomId");
    private static final Field SAMPLE_USER = SAMPLE_SCHEMA.field("userId");
    private static final Field SAMPLE_PEER = SAMPLE_SCHEMA.field("peerId");
    private static final Field SAMPLE_METRIC = SAMPLE_SCHEMA.field("metric");
    private static final Field SAMPLE_TIME = SAMPLE_SCHEMA.field("time");
    private static final Field SAMPLE_VALUE = SAMPLE_SCHEMA.field("value");

    private final long sdkAppId;
    /** Boxed once: every record shares it. */
    private final Long boxedAppId;
    private final String samplesTopic;
    private final String participantsTopic;
    private final String callsTopic;
    private final ClientIpPolicy clientIp;

    public SampleRecordBuilder(long sdkAppId, String samplesTopic, String participantsTopic, String callsTopic,
                               ClientIpPolicy clientIp) {
        this.sdkAppId = sdkAppId;
        this.boxedAppId = sdkAppId;
        this.samplesTopic = samplesTopic;
        this.participantsTopic = participantsTopic;
        this.callsTopic = callsTopic;
        this.clientIp = clientIp;
    }

    /** The key of one user of one call; build once per user and share it across that user's records. */
    public Struct key(String commId, String userId) {
        return new Struct(KEY_SCHEMA).put("sdkAppId", sdkAppId).put("commId", commId).put("userId", userId);
    }

    /**
     * One measurement.
     *
     * @param peerId null for the user's uplink
     * @param time   unix seconds
     */
    public SourceRecord sample(Map<String, ?> partition, Map<String, ?> offset, Struct key, String roomId,
                               String peerId, String metric, long time, double value) {
        long millis = time * 1000L;
        // Every value below has its field's type by construction: see StructFill.
        Struct v = new Struct(SAMPLE_SCHEMA);
        StructFill.set(v, SAMPLE_APP, boxedAppId);
        StructFill.set(v, SAMPLE_COMM, keyText(key, KEY_COMM));
        StructFill.set(v, SAMPLE_ROOM, requireText(roomId, "roomId"));
        StructFill.set(v, SAMPLE_USER, keyText(key, KEY_USER));
        StructFill.set(v, SAMPLE_PEER, peerId);
        StructFill.set(v, SAMPLE_METRIC, requireText(metric, "metric"));
        StructFill.set(v, SAMPLE_TIME, new Date(millis));
        StructFill.set(v, SAMPLE_VALUE, value);
        return new SourceRecord(partition, offset, samplesTopic, null, KEY_SCHEMA, key, SAMPLE_SCHEMA, v, millis);
    }

    /** A participant event; its timestamp is the join time (JOINED) or the leave time (LEFT). */
    public SourceRecord participant(Map<String, ?> partition, Map<String, ?> offset, Struct key, CallUser user,
                                    ParticipantEvent event) {
        long joinMillis = user.joinTs() * 1000L;
        Date leave = user.finished() ? new Date(user.leaveTs() * 1000L) : null;
        Struct v = new Struct(PARTICIPANT_SCHEMA)
                .put("sdkAppId", sdkAppId)
                .put("commId", key.getString("commId"))
                .put("roomId", user.roomStr())
                .put("userId", user.userId())
                .put("event", event.name())
                .put("joinTime", new Date(joinMillis))
                .put("leaveTime", leave)
                .put("finished", user.finished())
                .put("deviceType", emptyToNull(user.deviceType()))
                .put("sdkVersion", emptyToNull(user.sdkVersion()))
                .put("clientIp", clientIp.apply(user.clientIp()));
        long timestamp = event == ParticipantEvent.LEFT ? user.leaveTs() * 1000L : joinMillis;
        return new SourceRecord(partition, offset, participantsTopic, null, KEY_SCHEMA, key, PARTICIPANT_SCHEMA, v,
                timestamp);
    }

    /**
     * The end of a call. Every value comes from the service's answers, never from the clock, so a repeat after a
     * crash (or an exactly-once retry) is the same record.
     *
     * @param endTime unix seconds: the last user's LeaveTs, or when nobody was listed any more
     */
    public SourceRecord callEnd(Map<String, ?> partition, Map<String, ?> offset, String commId, String roomId,
                                long endTime) {
        long millis = endTime * 1000L;
        Struct key = new Struct(CALL_KEY_SCHEMA).put("sdkAppId", sdkAppId).put("commId", commId);
        Struct v = new Struct(CALL_END_SCHEMA)
                .put("sdkAppId", sdkAppId)
                .put("commId", commId)
                .put("roomId", roomId)
                .put("endTime", new Date(millis));
        return new SourceRecord(partition, offset, callsTopic, null, CALL_KEY_SCHEMA, key, CALL_END_SCHEMA, v,
                millis);
    }

    /** Whether a record built here is a call-end record. */
    public boolean isCallEnd(SourceRecord record) {
        return record.valueSchema() == CALL_END_SCHEMA;
    }

    /** The one check the unchecked fill must keep: required strings are never null. */
    /**
     * A key field by position when the key has the key schema: {@code Struct.getString} looks the field up by name
     * in a hash map, and this runs for every sample.
     */
    private static String keyText(Struct key, Field field) {
        Object value = key.schema() == KEY_SCHEMA ? key.get(field) : key.get(field.name());
        return requireText((String) value, field.name());
    }

    private static String requireText(String s, String field) {
        if (s == null) {
            throw new IllegalArgumentException("sample field " + field + " must not be null");
        }
        return s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
