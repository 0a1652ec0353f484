package dev.kafkaconnect.trtc.connector.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.records.ParticipantEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The records of a page share one position and their series: an offset built from those shared parts reads as the
 * full position everywhere, as a map and once stored and read back.
 */
class OffsetMapTest {
    static final EventId JOINED = new EventId("u1", 150, ParticipantEvent.JOINED);
    static final SeriesKey DOWNLINK = new SeriesKey("u1", "u2", "aBit");
    static final SeriesKey UPLINK = new SeriesKey("u3", null, "appCpu");

    @Test
    void aSharedPositionWithItsOwnIdentitiesIsThatPositionEverywhere() {
        CallPosition page = new CallPosition(100, 200, 2, 0, true, false);
        for (SeriesKey series : new SeriesKey[] {null, DOWNLINK, UPLINK}) {
            for (EventId event : new EventId[] {null, JOINED}) {
                SampleId sample = series == null ? null : new SampleId(series, 170);
                CallPosition expected = page.after(event, sample);
                Map<String, Object> shared = OffsetCodec.offset(page, event, series, 170);
                Map<String, Object> own = OffsetCodec.offset(expected);
                assertThat(shared).isEqualTo(own).hasSameHashCodeAs(own).hasSameSizeAs(new HashMap<>(own));
                assertThat(OffsetCodec.position(shared)).isEqualTo(expected);
                // As the worker stores it: a plain map read back.
                assertThat(OffsetCodec.position(new HashMap<>(shared))).isEqualTo(expected);
            }
        }
        assertThat(OffsetCodec.position(OffsetCodec.offset(page, null, null, 0))).isSameAs(page);
    }

    @Test
    void theKeysComeInTheirWrittenOrderAndAnUplinkHasNoPeer() {
        Map<String, Object> offset = OffsetCodec.offset(new CallPosition(100, 200, 2, 0, true, false), JOINED,
                UPLINK, 170);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("v", 2);
        expected.put("cursor", 100L);
        expected.put("windowEnd", 200L);
        expected.put("page", 2);
        expected.put("eventUser", "u1");
        expected.put("eventTime", 150L);
        expected.put("event", "JOINED");
        expected.put("sampleUser", "u3");
        expected.put("sampleMetric", "appCpu");
        expected.put("sampleTime", 170L);
        expected.put("first", true);
        assertThat(offset).isEqualTo(expected).doesNotContainKey("samplePeer").doesNotContainKey("skip");
        assertThat(List.copyOf(offset.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(OffsetCodec.offset(new CallPosition(100, 200, 2, 0, false, false), null, DOWNLINK, 170))
                .containsEntry("samplePeer", "u2").doesNotContainKey("eventUser").hasSize(8);
    }

    @Test
    void aPositionByCountIsNeverWritten() {
        assertThatThrownBy(() -> OffsetCodec.offset(new CallPosition(100, 200, 0, 3, false, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
    }
}
