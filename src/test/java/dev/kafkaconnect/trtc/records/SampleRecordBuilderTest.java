package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.CallUser;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SampleRecordBuilderTest {
    static final CallUser USER = new CallUser("218695", "u1", 1000, 1600, true, "", "4.3.14", "203.0.113.7");
    static final Map<String, Object> PARTITION = Map.of("commId", "c");
    static final Map<String, Object> OFFSET = Map.of("cursor", 1L);

    @Test
    void samplesMatchTheContractAndCarryTheSampleTime() {
        SampleRecordBuilder b = new SampleRecordBuilder(1400188366L, "q", "p", "c",
                new ClientIpPolicy(ClientIpMode.DROP, null));
        Struct key = b.key("1400188366_218695_1000", "u1");
        SourceRecord r = b.sample(PARTITION, OFFSET, key, "218695", null, "aBit", 1002, 108.09);
        ConnectSchema.validateValue(r.keySchema(), r.key());
        ConnectSchema.validateValue(r.valueSchema(), r.value());
        Struct v = (Struct) r.value();
        assertThat(r.topic()).isEqualTo("q");
        assertThat(r.timestamp()).isEqualTo(1_002_000L);
        assertThat(v.getFloat64("value")).isEqualTo(108.09);
        assertThat(v.getString("peerId")).isNull();
        assertThat(v.getString("metric")).isEqualTo("aBit");
        assertThat(r.key()).isSameAs(key);
        assertThat(r.sourcePartition()).isSameAs(PARTITION);
    }

    @Test
    void participantsCarryJoinOrLeaveTimeAndEmptyStringsBecomeNull() {
        SampleRecordBuilder b = new SampleRecordBuilder(1400188366L, "q", "p", "c",
                new ClientIpPolicy(ClientIpMode.KEEP, null));
        Struct key = b.key("c", "u1");
        SourceRecord joined = b.participant(PARTITION, OFFSET, key, USER, ParticipantEvent.JOINED);
        SourceRecord left = b.participant(PARTITION, OFFSET, key, USER, ParticipantEvent.LEFT);
        ConnectSchema.validateValue(joined.valueSchema(), joined.value());
        assertThat(joined.topic()).isEqualTo("p");
        assertThat(joined.timestamp()).isEqualTo(1_000_000L);
        assertThat(left.timestamp()).isEqualTo(1_600_000L);
        Struct v = (Struct) joined.value();
        assertThat(v.getString("deviceType")).isNull();
        assertThat(v.getString("sdkVersion")).isEqualTo("4.3.14");
        assertThat(v.getString("clientIp")).isEqualTo("203.0.113.7");
        assertThat(v.get("leaveTime")).isEqualTo(new java.util.Date(1_600_000L));

        CallUser live = new CallUser("218695", "u2", 1000, 5000, false, "", "", "");
        assertThat(((Struct) b.participant(PARTITION, OFFSET, key, live, ParticipantEvent.JOINED).value())
                .get("leaveTime")).as("no leave time while in the call").isNull();
    }

    @Test
    void callEndsAreKeyedByTheCallAndCarryTheEndTime() {
        SampleRecordBuilder b = new SampleRecordBuilder(1400188366L, "q", "p", "c",
                new ClientIpPolicy(ClientIpMode.DROP, null));
        SourceRecord r = b.callEnd(PARTITION, OFFSET, "1400188366_218695_1000", "218695", 1600);
        ConnectSchema.validateValue(r.keySchema(), r.key());
        ConnectSchema.validateValue(r.valueSchema(), r.value());
        assertThat(r.topic()).isEqualTo("c");
        assertThat(r.timestamp()).isEqualTo(1_600_000L);
        assertThat(r.keySchema()).isEqualTo(AvroSchemas.connectSchema(AvroSchemas.CALL_KEY));
        assertThat(r.key()).isEqualTo(new Struct(r.keySchema()).put("sdkAppId", 1400188366L)
                .put("commId", "1400188366_218695_1000"));
        Struct v = (Struct) r.value();
        assertThat(v.getString("roomId")).isEqualTo("218695");
        assertThat(v.get("endTime")).isEqualTo(new java.util.Date(1_600_000L));
        assertThat(r.sourceOffset()).isSameAs(OFFSET);
        assertThat(b.isCallEnd(r)).isTrue();
        assertThat(b.isCallEnd(b.participant(PARTITION, OFFSET, b.key("c", "u1"), USER, ParticipantEvent.LEFT)))
                .isFalse();
        assertThat(b.callEnd(PARTITION, OFFSET, "1400188366_218695_1000", "218695", 1600).value())
                .as("the same call end is the same record").isEqualTo(v);
    }

    @Test
    void clientIpsAreKeptHashedWithTheKeyOrDropped() {
        assertThat(new ClientIpPolicy(ClientIpMode.KEEP, null).apply("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(new ClientIpPolicy(ClientIpMode.DROP, "k").apply("203.0.113.7")).isNull();
        ClientIpPolicy hash = new ClientIpPolicy(ClientIpMode.HASH, "key");
        // HMAC-SHA256("key", "203.0.113.7"), computed independently.
        assertThat(hash.apply("203.0.113.7")).hasSize(64)
                .isEqualTo(new ClientIpPolicy(ClientIpMode.HASH, "key").apply("203.0.113.7"))
                .isNotEqualTo(new ClientIpPolicy(ClientIpMode.HASH, "other").apply("203.0.113.7"))
                .isEqualTo(hmac("key", "203.0.113.7"));
        assertThat(hash.apply("")).isNull();
        assertThatThrownBy(() -> new ClientIpPolicy(ClientIpMode.HASH, ""))
                .hasMessageContaining("trtc.client.ip.hash.key");
    }

    private static String hmac(String key, String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
