package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 8,
            Duration.ofMinutes(1));

    @Test
    void ceilingDoublesUntilCapped() {
        assertThat(policy.backoffCeilingNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(policy.backoffCeilingNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(policy.backoffCeilingNanos(5)).isEqualTo(Duration.ofMillis(1600).toNanos());
        assertThat(policy.backoffCeilingNanos(6)).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(policy.backoffCeilingNanos(1000)).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void fullJitterSpansZeroToCeilingAndIsReproducibleWithASeed() {
        SplittableRandom random = new SplittableRandom(42);
        long ceiling = policy.backoffCeilingNanos(3);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long d = policy.backoffNanos(3, random);
            assertThat(d).isBetween(0L, ceiling);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        // Full jitter: the whole range is used, not just a band near the ceiling.
        assertThat(min).isLessThan(ceiling / 50);
        assertThat(max).isGreaterThan(ceiling - ceiling / 50);

        long[] first = new long[5];
        long[] second = new long[5];
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int i = 0; i < 5; i++) {
            first[i] = policy.backoffNanos(i + 1, a);
            second[i] = policy.backoffNanos(i + 1, b);
        }
        assertThat(first).containsExactly(second);
    }

    @Test
    void cappedDelaysNeverExceedMaxBackoff() {
        SplittableRandom random = new SplittableRandom(1);
        for (int retry = 1; retry < 100; retry++) {
            assertThat(policy.backoffNanos(retry, random)).isLessThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        }
    }

    @Test
    void invalidSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3, Duration.ofMinutes(1)))
                .hasMessageContaining("initial backoff");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3,
                Duration.ofMinutes(1))).hasMessageContaining("max backoff");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0,
                Duration.ofMinutes(1))).hasMessageContaining("max attempts");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(-1))).hasMessageContaining("call deadline");
        assertThatThrownBy(() -> policy.backoffCeilingNanos(0)).hasMessageContaining("start at 1");
    }
}
