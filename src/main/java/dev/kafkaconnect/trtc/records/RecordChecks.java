package dev.kafkaconnect.trtc.records;

import org.apache.kafka.connect.data.Struct;

/**
 * The keys and input checks the event builders share: a record with an empty id or a foreign key would mislead
 * consumers.
 */
final class RecordChecks {
    private RecordChecks() {
    }

    static String requireId(String id, String field, String record) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(record + " field " + field + " must not be "
                    + (id == null ? "null" : "empty"));
        }
        return id;
    }

    /** A new {@code CallUserKey} of application {@code sdkAppId}; {@code record} names the stream in errors. */
    static Struct callUserKey(long sdkAppId, String commId, String userId, String record) {
        return new Struct(SampleRecordBuilder.KEY_SCHEMA).put("sdkAppId", sdkAppId)
                .put("commId", requireId(commId, "commId", record))
                .put("userId", requireId(userId, "userId", record));
    }

    /** A {@code CallUserKey} of this application, with a call and a user. */
    static void requireKey(Struct key, long sdkAppId, String record) {
        if (key == null || !SampleRecordBuilder.KEY_SCHEMA.equals(key.schema())) {
            throw new IllegalArgumentException(record + " key must be a CallUserKey, got "
                    + (key == null ? "null" : key.schema().name()));
        }
        Long keyApp = key.getInt64("sdkAppId");
        if (keyApp == null || keyApp != sdkAppId) {
            throw new IllegalArgumentException(record + " key is for application " + keyApp + ", not " + sdkAppId);
        }
        requireId(key.getString("commId"), "commId", record);
        requireId(key.getString("userId"), "userId", record);
    }
}
