package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SnapshotRecordBuilderTest {
    static final Map<String, Object> PARTITION = Map.of("commId", "c");
    static final Map<String, Object> OFFSET = Map.of("cursor", 1L);
    static final SampleRecordBuilder SAMPLES = new SampleRecordBuilder(1400188366L, "q", "p", "c",
            new ClientIpPolicy(ClientIpMode.DROP, null));
    final SnapshotRecordBuilder builder = new SnapshotRecordBuilder(1400188366L, "s");
    final Struct key = SAMPLES.key("1400188366_218695_1000", "u1");

    @Test
    void everyFieldIsFilledFromTheRowAndTheRecordCarriesTheSampleTime() {
        SnapshotValues row = new SnapshotValues();
        for (int slot = 0; slot < SnapshotValues.KNOWN.size(); slot++) {
            assertThat(row.put(slot, 100 + slot)).isTrue();
        }

        SourceRecord r = builder.snapshot(PARTITION, OFFSET, key, "218695", "u2", 1002, row);

        ConnectSchema.validateValue(r.keySchema(), r.key());
        ConnectSchema.validateValue(r.valueSchema(), r.value());
        assertThat(r.topic()).isEqualTo("s");
        assertThat(r.timestamp()).isEqualTo(1_002_000L);
        assertThat(r.key()).isSameAs(key);
        assertThat(r.keySchema()).isSameAs(SampleRecordBuilder.KEY_SCHEMA);
        assertThat(r.valueSchema()).isSameAs(SnapshotRecordBuilder.SNAPSHOT_SCHEMA);
        assertThat(r.sourcePartition()).isSameAs(PARTITION);
        assertThat(r.sourceOffset()).isSameAs(OFFSET);
        Struct v = (Struct) r.value();
        assertThat(v.getInt64("sdkAppId")).isEqualTo(1400188366L);
        assertThat(v.getString("commId")).isEqualTo("1400188366_218695_1000");
        assertThat(v.getString("roomId")).isEqualTo("218695");
        assertThat(v.getString("userId")).isEqualTo("u1");
        assertThat(v.getString("peerId")).isEqualTo("u2");
        assertThat(v.get("time")).isEqualTo(new Date(1_002_000L));
        for (int slot = 0; slot < SnapshotValues.KNOWN.size(); slot++) {
            assertThat(v.getFloat64(SnapshotValues.KNOWN.get(slot))).as(SnapshotValues.KNOWN.get(slot))
                    .isEqualTo(100.0 + slot);
        }
        assertThat(v.get("otherMetrics")).as("no unknown metric: null, not an empty map").isNull();
    }

    @Test
    void metricsWithoutAFieldGoIntoTheMapAndAbsentOnesStayNull() {
        SnapshotValues row = new SnapshotValues();
        row.put(SnapshotValues.slot("aBit"), 54_000);
        assertThat(SnapshotValues.slot("aJitter")).isEqualTo(SnapshotValues.OTHER);
        row.putOther("aJitter", 12.5);
        row.putOther("vMos", 4.25);

        Struct v = (Struct) builder.snapshot(PARTITION, OFFSET, key, "218695", null, 1000, row).value();

        ConnectSchema.validateValue(v.schema(), v);
        assertThat(v.getFloat64("aBit")).isEqualTo(54_000.0);
        assertThat(v.getMap("otherMetrics")).containsExactly(Map.entry("aJitter", 12.5), Map.entry("vMos", 4.25));
        for (Field f : v.schema().fields()) {
            if (SnapshotValues.KNOWN.contains(f.name()) && !f.name().equals("aBit")) {
                assertThat(v.get(f)).as(f.name()).isNull();
            }
        }
    }

    @Test
    void theUplinkHasANullPeer() {
        SnapshotValues row = new SnapshotValues();
        row.put(SnapshotValues.slot("appCpu"), 12);
        Struct v = (Struct) builder.snapshot(PARTITION, OFFSET, key, "218695", null, 1000, row).value();
        assertThat(v.getString("peerId")).isNull();
        ConnectSchema.validateValue(v.schema(), v);
    }

    @Test
    void valuesArriveExactlyAsTheApiSentThem() {
        SnapshotValues row = new SnapshotValues();
        row.put(SnapshotValues.slot("aLoss"), 108.09);
        row.put(SnapshotValues.slot("bigvBit"), 0.1 + 0.2);
        row.putOther("future", 108.09);
        Struct v = (Struct) builder.snapshot(PARTITION, OFFSET, key, "218695", null, 1000, row).value();
        assertThat(v.getFloat64("aLoss")).isEqualTo(108.09);
        assertThat(Double.doubleToRawLongBits(v.getFloat64("aLoss"))).isEqualTo(Double.doubleToRawLongBits(108.09));
        assertThat(v.getFloat64("bigvBit")).isEqualTo(0.1 + 0.2);
        assertThat(v.getMap("otherMetrics").get("future")).isEqualTo(108.09);
    }

    @Test
    void theRowIsReadNotKeptSoItCanBeClearedAndRefilled() {
        SnapshotValues row = new SnapshotValues();
        row.put(SnapshotValues.slot("aBit"), 1);
        row.putOther("x", 2);
        SourceRecord first = builder.snapshot(PARTITION, OFFSET, key, "r", null, 1000, row);
        row.clear();
        assertThat(row.isEmpty()).isTrue();
        row.put(SnapshotValues.slot("rtt"), 3);
        SourceRecord second = builder.snapshot(PARTITION, OFFSET, key, "r", null, 1002, row);

        Struct a = (Struct) first.value();
        Struct b = (Struct) second.value();
        assertThat(a.getFloat64("aBit")).isEqualTo(1.0);
        assertThat(a.getMap("otherMetrics")).containsExactly(Map.entry("x", 2.0));
        assertThat(b.get("aBit")).isNull();
        assertThat(b.getFloat64("rtt")).isEqualTo(3.0);
        assertThat(b.get("otherMetrics")).isNull();
    }

    @Test
    void aMetricTakesOneValuePerRow() {
        SnapshotValues row = new SnapshotValues();
        int slot = SnapshotValues.slot("aBit");
        assertThat(row.put(slot, 1)).isTrue();
        assertThat(row.put(slot, 2)).isFalse();
        assertThat(row.get(slot)).isEqualTo(1.0);
        assertThat(row.putOther("x", 1)).isTrue();
        assertThat(row.putOther("x", 2)).isFalse();
        for (int i = 0; i < 10; i++) {
            assertThat(row.putOther("m" + i, i)).isTrue();
        }
        assertThat(row.otherCount()).isEqualTo(11);
        assertThat(row.otherValue(0)).isEqualTo(1.0);
    }

    @Test
    void anEmptyRowOrAMissingIdentityIsRefused() {
        assertThatThrownBy(() -> builder.snapshot(PARTITION, OFFSET, key, "r", null, 1000, new SnapshotValues()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one metric");
        SnapshotValues row = new SnapshotValues();
        row.put(0, 1);
        assertThatThrownBy(() -> builder.snapshot(PARTITION, OFFSET, key, null, null, 1000, row))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("roomId");
    }
}
