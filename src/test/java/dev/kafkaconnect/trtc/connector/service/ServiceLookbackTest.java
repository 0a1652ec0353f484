package dev.kafkaconnect.trtc.connector.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.read.WindowPlanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLookbackTest {
    static final long DAY = 86400;

    @Test
    void aRefusedStartLowersToTheNextKnownTierBelowItsAge() {
        assertThat(ServiceLookback.below(14 * DAY - 600)).isEqualTo(7 * DAY);
        assertThat(ServiceLookback.below(10 * DAY)).isEqualTo(7 * DAY);
        assertThat(ServiceLookback.below(7 * DAY - 600)).isEqualTo(5 * DAY);
        assertThat(ServiceLookback.below(7 * DAY + 1)).as("strictly below the age").isEqualTo(7 * DAY);
        assertThat(ServiceLookback.below(7 * DAY)).isEqualTo(5 * DAY);
    }

    @Test
    void belowFiveDaysItHalvesDownToAnHourThenGivesUp() {
        List<Long> steps = new ArrayList<>();
        for (long age = 5 * DAY - 600; age > 0; ) {
            long next = ServiceLookback.below(age);
            if (next < 0) {
                break;
            }
            steps.add(next);
            age = next - ServiceLookback.MARGIN_SECONDS;
        }
        assertThat(steps).containsExactly(216_000L, 108_000L, 54_000L, 27_000L, 13_500L, 6_750L, 3_600L);
        assertThat(ServiceLookback.below(3601)).isEqualTo(3600);
        assertThat(ServiceLookback.below(3600)).as("nothing below the minimum").isEqualTo(-1);
        assertThat(ServiceLookback.below(60)).isEqualTo(-1);
    }

    @Test
    void theLookbackOnlyShrinksAndTheFloorMovesPastTheRefusedStart() {
        ServiceLookback lookback = new ServiceLookback(14 * DAY);
        WindowPlanner planner = new WindowPlanner(300, 60, lookback, Long.MAX_VALUE);
        long now = 2_000_000_000L;
        long refused = planner.floor(now);
        assertThat(lookback.refused("a start", refused, now - refused)).isTrue();
        assertThat(lookback.seconds()).isEqualTo(7 * DAY);
        assertThat(planner.floor(now)).isGreaterThan(refused).isEqualTo(now - 7 * DAY + ServiceLookback.MARGIN_SECONDS);
        assertThat(planner.lookbackSeconds()).isEqualTo(7 * DAY);
        assertThat(lookback.refused("a start", now - 1800, 1800)).as("under an hour: nothing left").isFalse();
        assertThat(lookback.seconds()).as("unchanged by a refusal it cannot follow").isEqualTo(7 * DAY);
    }

    @Test
    void lookbacksAreWrittenTheWayAnOperatorReadsThem() {
        assertThat(ServiceLookback.human(7 * DAY)).isEqualTo("7 days");
        assertThat(ServiceLookback.human(DAY)).isEqualTo("1 day");
        assertThat(ServiceLookback.human(30 * 3600)).isEqualTo("30 hours");
        assertThat(ServiceLookback.human(3600)).isEqualTo("1 hour");
        assertThat(ServiceLookback.human(6750)).isEqualTo("6750 s");
    }
}
