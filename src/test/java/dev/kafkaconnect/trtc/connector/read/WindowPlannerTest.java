package dev.kafkaconnect.trtc.connector.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import org.junit.jupiter.api.Test;

class WindowPlannerTest {
    final WindowPlanner planner = new WindowPlanner(300, 60, 14 * 86400, Long.MAX_VALUE);

    @Test
    void aCallBeingCaughtUpGetsWholeHours() {
        // Asked for from a second before its start: a span of exactly the hour the service accepts.
        Window w = planner.next(1000, 100_000);
        assertThat(w).isEqualTo(new Window(1000, 4599));
        assertThat(w.requestStart()).isEqualTo(999);
        assertThat(w.requestSpan()).isEqualTo(3600);
    }

    @Test
    void windowsAreASecondShorterThanTheLengthLearnt() {
        planner.windowLength().refused(3600);
        assertThat(planner.next(1000, 100_000)).as("a service that counts both bounds")
                .isEqualTo(new Window(1000, 4598));
        assertThat(planner.next(1000, 100_000, 120)).as("a call's own shorter window")
                .isEqualTo(new Window(1000, 1120));
    }

    @Test
    void aResumedWindowIsAskedForASecondEarlierOnlyWhenTheSpanStillFits() {
        assertThat(Window.resumed(1000, 4599, 3600).requestStart()).isEqualTo(999);
        Window fullHour = Window.resumed(1000, 4600, 3600);
        assertThat(fullHour.requestStart()).as("a full hour, written before windows were asked for early")
                .isEqualTo(1000);
        assertThat(fullHour.requestSpan()).isEqualTo(3600);
        assertThat(fullHour).isNotEqualTo(new Window(1000, 4600));
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
