package dev.kafkaconnect.trtc.connector.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
    final WindowPlanner planner = new WindowPlanner(300, 60, 14 * 86400, Long.MAX_VALUE);

    @Test
    void aCallBeingCaughtUpGetsWholeHours() {
        assertThat(planner.next(1000, 100_000)).isEqualTo(new Window(1000, 4600));
    }

    @Test
    void windowsEndASettleDelayBeforeNow() {
        assertThat(planner.next(1000, 1000 + 3000)).isEqualTo(new Window(1000, 3700));
        assertThat(planner.next(1000, 1000 + 300 + 59)).as("less than a poll interval settled").isNull();
        assertThat(planner.next(1000, 1000 + 300 + 60)).isEqualTo(new Window(1000, 1060));
    }

    @Test
    void readingStopsAtTheEnd() {
        WindowPlanner ending = new WindowPlanner(300, 60, 14 * 86400, 1030);
        assertThat(ending.next(1000, 100_000)).as("a short last window up to the end").isEqualTo(new Window(1000, 1030));
        assertThat(ending.next(1030, 100_000)).isNull();
        assertThat(ending.ended(1030)).isTrue();
    }

    @Test
    void theFloorKeepsAMarginInsideTheLookback() {
        assertThat(planner.floor(2_000_000)).isEqualTo(2_000_000 - 14 * 86400 + ServiceLookback.MARGIN_SECONDS);
    }
}
