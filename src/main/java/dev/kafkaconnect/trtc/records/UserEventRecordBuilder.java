package dev.kafkaconnect.trtc.records;

import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds UserEvent records (one event of one user's timeline), keyed by {@code CallUserKey} like the samples, so a
 * call's user stays in one partition and the user's events keep their order beside the user's samples. Each record
 * carries the event's readable name from {@link EventNames} when the tables list it, and its numbers always.
 */
public final class UserEventRecordBuilder {
    public static final Schema KEY_SCHEMA = SampleRecordBuilder.KEY_SCHEMA;
    public static final Schema USER_EVENT_SCHEMA = AvroSchemas.connectSchema(AvroSchemas.USER_EVENT);

    /**
     * One event as the API lists it: an {@code EventMessage} and the {@code PeerId} of its {@code EventList}.
     *
     * @param peerId     the sender the event is about; empty, null or the user's own id for the user's own events
     * @param timeMillis the event's {@code Time}, unix milliseconds
     * @param streamType the event's {@code Type}
     */
    public record Event(String peerId, long timeMillis, int eventId, int streamType, int paramOne, int paramTwo) {
    }

    private final long sdkAppId;
    private final String topic;
    private final EventNames names;

    public UserEventRecordBuilder(long sdkAppId, String topic) {
        this(sdkAppId, topic, EventNames.builtIn());
    }

    UserEventRecordBuilder(long sdkAppId, String topic, EventNames names) {
        this.sdkAppId = sdkAppId;
        this.topic = topic;
        this.names = names;
    }

    public String topic() {
        return topic;
    }

    /** The key of one user of one call; build once per user and share it across that user's records. */
    public Struct key(String commId, String userId) {
        return RecordChecks.callUserKey(sdkAppId, commId, userId, "user event");
    }

    /** One event of the key's user; the record's timestamp is the event's time. */
    public SourceRecord userEvent(Map<String, ?> partition, Map<String, ?> offset, Struct key, String roomId,
                                  Event event) {
        RecordChecks.requireKey(key, sdkAppId, "user event");
        if (event == null) {
            throw new IllegalArgumentException("user event must not be null");
        }
        String userId = key.getString("userId");
        Struct v = new Struct(USER_EVENT_SCHEMA)
                .put("sdkAppId", sdkAppId)
                .put("commId", key.getString("commId"))
                .put("roomId", RecordChecks.requireId(roomId, "roomId", "user event"))
                .put("userId", userId)
                .put("peerId", peerOf(event.peerId(), userId))
                .put("time", new Date(event.timeMillis()))
                .put("eventId", event.eventId())
                .put("eventName", names.userEvent(event.eventId(), event.paramOne(), event.paramTwo()))
                .put("streamType", event.streamType())
                .put("streamTypeName", streamTypeName(event.streamType()))
                .put("paramOne", event.paramOne())
                .put("paramTwo", event.paramTwo());
        return new SourceRecord(partition, offset, topic, null, KEY_SCHEMA, key, USER_EVENT_SCHEMA, v,
                event.timeMillis());
    }

    /** The API's {@code Type} as a word; null for a value its pages do not name. */
    public static String streamTypeName(int streamType) {
        return switch (streamType) {
            case 0 -> "NOT_VIDEO";
            case 2 -> "BIG";
            case 3 -> "SMALL";
            case 7 -> "RELAYED";
            default -> null;
        };
    }

    /** The user's own events come with the user's own id or none; the record says null for both. */
    private static String peerOf(String peerId, String userId) {
        return peerId == null || peerId.isEmpty() || peerId.equals(userId) ? null : peerId;
    }
}
