package dev.kafkaconnect.trtc.connector.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    static final double ALMOST_ONE = Math.nextDown(1.0);

    static Backoff backoff(long initial, long max, double random) {
        return new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), () -> random);
    }

    @Test
    void theCapDoublesPerFailureUntilTheMaximum() {
        Backoff low = backoff(100, 5_000, 0.0);
        Backoff high = backoff(100, 5_000, ALMOST_ONE);
        long[] caps = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (int i = 0; i < caps.length; i++) {
            int failures = i + 1;
            // The jitter draws from [cap/2, cap]: the lowest draw waits half the cap, the highest all of it.
            assertThat(low.delayMillis(failures)).as("lowest draw, failure %d", failures).isEqualTo(caps[i] / 2);
            assertThat(high.delayMillis(failures)).as("highest draw, failure %d", failures).isEqualTo(caps[i] - 1);
        }
        assertThat(backoff(100, 5_000, 0.5).delayMillis(3)).isEqualTo(300);
    }

    @Test
    void everyDrawStaysWithinHalfTheCapAndTheCap() {
        SplittableRandom random = new SplittableRandom(42);
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), random::nextDouble);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int n = 0; n < 10_000; n++) {
            long delay = backoff.delayMillis(9);
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        // Failure 9: 250 * 2^8 = 64 s, capped at 30 s.
        assertThat(min).isGreaterThanOrEqualTo(15_000).isLessThan(15_100);
        assertThat(max).isLessThanOrEqualTo(30_000).isGreaterThan(29_900);
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheMaximum() {
        Backoff backoff = backoff(1_000, 60_000, ALMOST_ONE);
        for (int failures : new int[] {31, 32, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayMillis(failures)).as("failures=%d", failures).isEqualTo(59_999);
        }
    }

    @Test
    void zeroOrNegativeFailureCountsWaitLikeTheFirstFailure() {
        Backoff backoff = backoff(400, 10_000, 0.0);
        assertThat(backoff.delayMillis(0)).isEqualTo(200);
        assertThat(backoff.delayMillis(-5)).isEqualTo(200);
        assertThat(backoff.delayMillis(1)).isEqualTo(200);
    }

    @Test
    void aZeroInitialWaitStillBacksOffAndAMaximumBelowTheInitialIsRaisedToIt() {
        assertThat(backoff(0, 10, ALMOST_ONE).delayMillis(1)).isEqualTo(0); // cap 1 ms: the wait rounds to 0..1 ms
        assertThat(backoff(0, 10, ALMOST_ONE).delayMillis(4)).isEqualTo(7);
        assertThat(backoff(500, 100, 0.0).delayMillis(1)).isEqualTo(250);
        assertThat(backoff(500, 100, 0.0).delayMillis(5)).isEqualTo(250);
    }

    @Test
    void theWaitStartsOverWhenTheFailureCountIsReset() {
        // Back-off keeps no state: callers count consecutive failures and a success resets the count to zero.
        Backoff backoff = backoff(100, 5_000, 0.0);
        assertThat(backoff.delayMillis(6)).isEqualTo(1_600);
        assertThat(backoff.delayMillis(1)).isEqualTo(50);
    }
}
