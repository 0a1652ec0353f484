package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/**
 * An answer that lists nobody and carries no sample for a window a user must be in (the call was created in it, or
 * a user listed in the window before stays past its start): the data may be late, or the service may answer a
 * window longer than it serves with nothing at all. Neither may lose the window silently, and an empty range that
 * is really empty must not teach the task a shorter window.
 */
class EmptyAnswersTest {
    static final long T0 = TrtcSourceTaskTest.T0;
    static final String CALL = TrtcSourceTaskTest.CALL;

    @Test
    void aRecentWindowThatListsNobodyIsAskedForAgainOnceItsDataHadTimeToArrive() {
        // A live call; the first window is due 5 minutes after its end, its answer blank until 10 minutes after.
        MockTime clock = new MockTime(0, (T0 + 3599 + 301) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 2 * 3600));
        long visible = T0 + 3599 + 600;
        api.blank = r -> clock.milliseconds() / 1000 < visible;
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.drain(3, 50);
            assertThat(h.records.stream().filter(TaskHarness::isSample)).as("nothing taken from a blank answer")
                    .isEmpty();
            clock.sleep(200_000);
            h.drain(3, 50);
            assertThat(h.records.stream().filter(TaskHarness::isSample)).as("still waiting for the data").isEmpty();
            clock.sleep(100_000);
            h.pollUntil(() -> h.records.stream().anyMatch(TaskHarness::isSample), 50, "the window read again");
            h.drain(3, 50);
            List<String> samples = h.records.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey)
                    .toList();
            assertThat(samples).as("no sample twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(samples.stream().filter(k -> Long.parseLong(k.replaceAll(".*\\|", ""))
                    < T0 + 3599).toList())).as("every sample of the window").isEqualTo(api.truth(CALL, T0, T0 + 3599));
            assertThat(h.context.metric("window-seconds")).as("no window length learnt").isEqualTo(3600L);
            assertThat(api.requests).as("the window asked for twice, no trial window of a minute")
                    .filteredOn(r -> r.startTime() == T0 - 1).hasSize(2)
                    .allMatch(r -> r.endTime() - r.startTime() == 3600);
        }
    }

    @Test
    void anOldRangeThatIsReallyEmptyCostsOneTrialAndTeachesNoShorterWindow() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 3 * 3600));
        // The service lists nobody in the second hour, whatever the window: not a matter of length.
        api.blank = r -> r.startTime() >= T0 + 3598 && r.startTime() < T0 + 2 * 3599 - 1;
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.drain(5, 200);
            assertThat(h.context.metric("window-seconds")).as("no window length learnt").isEqualTo(3600L);
            assertThat(api.requests).as("one trial of a minute at the empty window's start")
                    .filteredOn(r -> r.endTime() - r.startTime() == 61).hasSize(1)
                    .allMatch(r -> r.startTime() == T0 + 3599 - 1);
            long lastSample = h.records.stream().filter(TaskHarness::isSample)
                    .mapToLong(r -> Long.parseLong(TaskHarness.sampleKey(r).replaceAll(".*\\|", ""))).max()
                    .orElseThrow();
            assertThat(lastSample).as("the call is read on past the empty range").isGreaterThan(T0 + 2 * 3600);
        }
    }

    @Test
    void aServiceThatAnswersLongWindowsWithNothingTeachesTheLengthItServes() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 3 * 3600),
                new User("b", T0 + 100, T0 + 2 * 3600));
        api.blank = r -> r.endTime() - r.startTime() > 1200;
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2000, "the call read to its end");
            assertThat(h.records.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                    .as("every sample once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(api.truth(CALL, T0, T0 + 4 * 3600));
            assertThat(h.context.metric("window-seconds")).as("3600, 3599, 1799, then 899").isEqualTo(899L);
        }
    }
}
