package dev.kafkaconnect.trtc.records;

import dev.kafkaconnect.trtc.api.CallUser;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the connector's records: quality samples and participant events, keyed by (sdkAppId, commId, userId) so
 * a call's user stays in one partition. Schemas are built once; each record costs its value Struct and the
 * record itself (keys, partitions and offsets are passed in and may be shared).
 */
public final class SampleRecordBuilder {
    public static final Schema KEY_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.CALL_USER_KEY);
    public static final Schema SAMPLE_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.QUALITY_SAMPLE);
    public static final Schema PARTICIPANT_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.CALL_PARTICIPANT);

    private final long sdkAppId;
    private final String samplesTopic;
    private final String participantsTopic;
    private final ClientIpPolicy clientIp;

    public SampleRecordBuilder(long sdkAppId, String samplesTopic, String participantsTopic, ClientIpPolicy clientIp) {
        this.sdkAppId = sdkAppId;
        this.samplesTopic = samplesTopic;
        this.participantsTopic = participantsTopic;
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
        Struct v = new Struct(SAMPLE_SCHEMA)
                .put("sdkAppId", sdkAppId)
                .put("commId", key.getString("commId"))
                .put("roomId", roomId)
                .put("userId", key.getString("userId"))
                .put("peerId", peerId)
                .put("metric", metric)
                .put("time", new Date(millis))
                .put("value", value);
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

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
