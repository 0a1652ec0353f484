package dev.kafkaconnect.trtc.records;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds AbnormalExperience records (an abnormal experience TRTC diagnosed for one user, with its probable causes),
 * keyed by {@code CallUserKey} like the user's other records. Each record carries the readable names of its ids
 * from {@link EventNames} when the tables list them, and the ids always.
 */
public final class AbnormalExperienceRecordBuilder {
    public static final Schema KEY_SCHEMA = SampleRecordBuilder.KEY_SCHEMA;
    public static final Schema ABNORMAL_EXPERIENCE_SCHEMA =
            AvroSchemas.connectSchema(AvroSchemas.ABNORMAL_EXPERIENCE);
    public static final Schema ABNORMAL_EVENT_SCHEMA = ABNORMAL_EXPERIENCE_SCHEMA.field("abnormalEvents").schema()
            .valueSchema();
    /**
     * {@code EventTime} values below this are seconds, from it on milliseconds: the API's pages do not give the
     * unit, and 10^11 is 1973 in milliseconds but the year 5138 in seconds, so no real time is ambiguous.
     */
    static final long FIRST_MILLIS = 100_000_000_000L;

    /**
     * A probable cause as the API lists it ({@code AbnormalEventList} entry).
     *
     * @param peerId the remote user it comes from; empty or null when it does not come from a remote user
     */
    public record Cause(int abnormalEventId, String peerId) {
    }

    /**
     * One abnormal experience of the key's user.
     *
     * @param timeMillis         the experience's time, unix milliseconds (see {@link #eventTimeMillis})
     * @param causes             its probable causes in the API's order; null or empty when it listed none
     * @param possiblyIncomplete whether the answer it came from was full (as many experiences as the API returns
     *                           at most), so that the window may hold others
     */
    public record Experience(int experienceId, long timeMillis, List<Cause> causes, boolean possiblyIncomplete) {
        public Experience {
            causes = causes == null ? List.of() : causes;
            for (int i = 0; i < causes.size(); i++) {
                if (causes.get(i) == null) {
                    throw new IllegalArgumentException("abnormal experience cause " + i + " must not be null");
                }
            }
            causes = List.copyOf(causes);
        }
    }

    private final long sdkAppId;
    private final String topic;
    private final EventNames names;

    public AbnormalExperienceRecordBuilder(long sdkAppId, String topic) {
        this(sdkAppId, topic, EventNames.builtIn());
    }

    AbnormalExperienceRecordBuilder(long sdkAppId, String topic, EventNames names) {
        this.sdkAppId = sdkAppId;
        this.topic = topic;
        this.names = names;
    }

    public String topic() {
        return topic;
    }

    /** The key of one user of one call. */
    public Struct key(String commId, String userId) {
        return RecordChecks.callUserKey(sdkAppId, commId, userId, "abnormal experience");
    }

    /** One abnormal experience of the key's user; the record's timestamp is the experience's time. */
    public SourceRecord abnormalExperience(Map<String, ?> partition, Map<String, ?> offset, Struct key,
                                           String roomId, Experience experience) {
        RecordChecks.requireKey(key, sdkAppId, "abnormal experience");
        if (experience == null) {
            throw new IllegalArgumentException("abnormal experience must not be null");
        }
        List<Struct> causes = new ArrayList<>(experience.causes().size());
        for (Cause cause : experience.causes()) {
            causes.add(new Struct(ABNORMAL_EVENT_SCHEMA)
                    .put("abnormalEventId", cause.abnormalEventId())
                    .put("abnormalEventName", names.abnormalEvent(cause.abnormalEventId()))
                    .put("peerId", cause.peerId() == null || cause.peerId().isEmpty() ? null : cause.peerId()));
        }
        Struct v = new Struct(ABNORMAL_EXPERIENCE_SCHEMA)
                .put("sdkAppId", sdkAppId)
                .put("commId", key.getString("commId"))
                .put("roomId", RecordChecks.requireId(roomId, "roomId", "abnormal experience"))
                .put("userId", key.getString("userId"))
                .put("experienceId", experience.experienceId())
                .put("experienceName", names.experience(experience.experienceId()))
                .put("time", new Date(experience.timeMillis()))
                .put("abnormalEvents", causes)
                .put("possiblyIncomplete", experience.possiblyIncomplete());
        return new SourceRecord(partition, offset, topic, null, KEY_SCHEMA, key, ABNORMAL_EXPERIENCE_SCHEMA, v,
                experience.timeMillis());
    }

    /** The API's {@code EventTime}, seconds or milliseconds, as unix milliseconds. */
    public static long eventTimeMillis(long eventTime) {
        return eventTime < FIRST_MILLIS ? eventTime * 1000L : eventTime;
    }
}
