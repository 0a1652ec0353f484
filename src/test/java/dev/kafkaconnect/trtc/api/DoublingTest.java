package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoublingTest {
    @Test
    void doublesFromTheInitialValueAndReachesTheMaximumExactly() {
        assertThat(Doubling.capped(100, 5_000, 0)).isEqualTo(100);
        assertThat(Doubling.capped(100, 5_000, 5)).isEqualTo(3_200);
        assertThat(Doubling.capped(100, 5_000, 6)).as("where Kafka's floating-point term gave 4 999").isEqualTo(5_000);
        assertThat(Doubling.capped(200_000_000L, 10_000_000_000L, 6)).isEqualTo(10_000_000_000L);
    }

    @Test
    void neverOverflowsPastTheMaximum() {
        assertThat(Doubling.capped(1, Long.MAX_VALUE, 62)).isEqualTo(1L << 62);
        assertThat(Doubling.capped(1, Long.MAX_VALUE, 63)).isEqualTo(Long.MAX_VALUE);
        assertThat(Doubling.capped(3, Long.MAX_VALUE, 64)).as("a shift by 64 would be a shift by 0")
                .isEqualTo(Long.MAX_VALUE);
        assertThat(Doubling.capped(7_000, 5_000, 0)).as("initial above the maximum").isEqualTo(5_000);
        assertThatThrownBy(() -> Doubling.capped(1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
