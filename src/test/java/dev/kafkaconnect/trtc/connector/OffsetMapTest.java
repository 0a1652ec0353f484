package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records of a page share one position: an offset with a replaced skip reads as the full position. */
class OffsetMapTest {

    @Test
    void aSharedPositionWithItsOwnSkipIsThatPositionEverywhere() {
        CallPosition page = new CallPosition(100, 200, 2, 0, true, false);
        for (int skip : new int[] {0, 1, 7, 356_399}) {
            CallPosition expected = new CallPosition(100, 200, 2, skip, true, false);
            Map<String, Object> shared = OffsetCodec.offset(page, skip);
            Map<String, Object> own = OffsetCodec.offset(expected);
            assertThat(shared).isEqualTo(own).hasSameHashCodeAs(own).containsEntry("skip", skip).hasSize(6);
            assertThat(OffsetCodec.position(shared)).isEqualTo(expected);
            // As the worker stores it: a plain map read back.
            assertThat(OffsetCodec.position(new HashMap<>(shared))).isEqualTo(expected);
        }
        assertThat(OffsetCodec.position(OffsetCodec.offset(page, 0))).isSameAs(page);
    }
}
