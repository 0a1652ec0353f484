package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.commId;
import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/**
 * What the task does when an answer can never be read, or the service keeps refusing a call it should know: a
 * bounded number of attempts, then the documented policy, always loud; never a silent stall or a silent skip.
 */
class UnreadableAnswersTest {
    static final long T0 = TrtcSourceTaskTest.T0;
    static final String CALL = TrtcSourceTaskTest.CALL;
    static final String OTHER = TrtcSourceTaskTest.OTHER;

    private static TrtcApiException unreadable() {
        return new TrtcApiException(ErrorKind.PROTOCOL, null, "req-unreadable", "DescribeCallDetail", 200,
                "Data[0].Content[3]: Time missing", null);
    }

    /**
     * Fails every request of {@code call}'s window starting at {@code start} (asked for from a second before it),
     * {@code times} times. Windows are 3,599 s long: the second starts at T0 + 3599.
     */
    private static void failWindow(FakeTrtcApi api, String call, long start, int times,
                                   Function<CallDetailRequest, TrtcApiException> error) {
        for (int i = 0; i < times; i++) {
            api.failOnce(r -> r.commId().equals(call) && r.startTime() == start - 1 ? error.apply(r) : null);
        }
    }

    @Test
    void anAnswerThatCanNeverBeReadFailsTheTaskNamingCallWindowPageAndRequestId() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 2 * 3600));
        failWindow(api, CALL, T0 + 3599, 100, r -> unreadable());
        Map<String, String> p = props(List.of(CALL));
        p.put(TrtcSourceConfig.UNREADABLE_MAX_ATTEMPTS, "3");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 200; i++) {
                    h.pollOnce();
                    clock.sleep(10_000);
                }
            }).isInstanceOf(ConnectException.class).hasMessageContaining("Call " + CALL)
                    .hasMessageContaining("[" + (T0 + 3599) + ", " + (T0 + 7198) + ")").hasMessageContaining("page 0")
                    .hasMessageContaining("req-unreadable").hasMessageContaining("3 attempts")
                    .hasMessageContaining(TrtcSourceConfig.UNREADABLE_POLICY);
            assertThat(api.requests.stream().filter(r -> r.startTime() == T0 + 3598)).hasSize(3);
        }
    }

    @Test
    void withSkipWindowTheUnreadableWindowIsSkippedCountedAndTheCallGoesOn() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 2 * 3600 + 600));
        failWindow(api, CALL, T0 + 3599, 100, r -> unreadable());
        Map<String, String> p = props(List.of(CALL));
        p.put(TrtcSourceConfig.UNREADABLE_MAX_ATTEMPTS, "3");
        p.put(TrtcSourceConfig.UNREADABLE_POLICY, "skip-window");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            for (int i = 0; i < 100 && !h.allCallsDone(); i++) {
                h.drain(2, 20);
                clock.sleep(10_000);
            }
            assertThat(h.allCallsDone()).as("the call is read to its end").isTrue();
            assertThat(h.task.counters().windowsSkipped).hasValue(1);
            assertThat(h.task.counters().skippedSeconds).hasValue(3599);
            assertThat(h.context.metric("windows-skipped-total")).isEqualTo(1L);
            HashSet<String> expected = new HashSet<>(api.truth(CALL, T0, T0 + 3599));
            expected.addAll(api.truth(CALL, T0 + 7198, Long.MAX_VALUE));
            assertThat(new HashSet<>(h.samples(CALL))).as("every window but the skipped one").isEqualTo(expected);
        }
    }

    @Test
    void aCallTheServiceDoesNotKnowYetIsRetriedForABoundedTimeThenSkippedLoudly() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 600));
        // Not indexed for the first two attempts (a call just discovered), then served.
        failWindow(api, CALL, T0, 2, r -> FakeTrtcApi.error(ErrorKind.CALL_NOT_FOUND, "ResourceNotFound"));
        String unknown = commId("999", T0);
        Map<String, String> p = props(List.of(CALL, unknown));
        p.put(TrtcSourceConfig.UNKNOWN_RETRY_MS, "120000");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            for (int i = 0; i < 100 && !h.allCallsDone(); i++) {
                h.drain(2, 20);
                clock.sleep(5_000);
            }
            assertThat(h.allCallsDone()).isTrue();
            assertThat(new HashSet<>(h.samples(CALL))).as("read once the service knows it")
                    .isEqualTo(api.truth(CALL, T0, Long.MAX_VALUE));
            assertThat(api.requestsFor(unknown)).as("retried for the bounded time, then given up")
                    .isGreaterThan(2).isLessThan(60);
            assertThat(h.task.counters().skippedByReason.get("call-not-found")).hasValue(1);
        }
    }

    @Test
    void anErrorCodeNobodyDocumentedIsRetriedForABoundedTimeThenSkipsTheCall() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 600))
                .call(OTHER, new User("b", T0 + 100, T0 + 700));
        failWindow(api, CALL, T0, 1000, r -> FakeTrtcApi.error(ErrorKind.INVALID_REQUEST, "Brand.NewCode"));
        Map<String, String> p = props(List.of(CALL, OTHER));
        p.put(TrtcSourceConfig.UNKNOWN_RETRY_MS, "60000");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            for (int i = 0; i < 100 && !h.allCallsDone(); i++) {
                h.drain(2, 20);
                clock.sleep(5_000);
            }
            assertThat(h.allCallsDone()).isTrue();
            assertThat(api.requestsFor(CALL)).as("retried, not skipped at the first refusal").isGreaterThan(1);
            assertThat(h.task.counters().skippedByReason.get("unknown-error")).hasValue(1);
            assertThat(new HashSet<>(h.samples(OTHER))).isEqualTo(api.truth(OTHER, T0, Long.MAX_VALUE));
        }
    }

    @Test
    void theAgeOfTheOldestUnreadWindowShowsACallStuckOnAWindow() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 2 * 3600));
        failWindow(api, CALL, T0, 1000, r -> FakeTrtcApi.error(ErrorKind.SERVER, "InternalError"));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.drain(2, 20);
            long first = (Long) h.context.metric("oldest-unread-window-age-seconds");
            assertThat(first).isGreaterThanOrEqualTo(4 * 3600);
            clock.sleep(600_000);
            h.drain(2, 20);
            assertThat((Long) h.context.metric("oldest-unread-window-age-seconds")).as("grows while stuck")
                    .isGreaterThanOrEqualTo(first + 600);
        }
    }

    @Test
    void anAnswerStillTooLargeForAMinuteFailsTheTaskNamingTheSetting() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 600));
        failWindow(api, CALL, T0, 100, r -> FakeTrtcApi.error(ErrorKind.ANSWER_TOO_LARGE, null));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 200; i++) {
                    h.pollOnce();
                }
            }).isInstanceOf(ConnectException.class).hasMessageContaining("Call " + CALL)
                    .hasMessageContaining("window of only 60 s").hasMessageContaining(TrtcSourceConfig.MAX_ANSWER_BYTES)
                    .hasMessageContaining(TrtcSourceConfig.METRICS);
            // Fewer users a page first (6, 3, 2, 1), then windows of 3,599 s halved down to a minute, each asked for
            // with a span a second longer.
            assertThat(api.requests).extracting(r -> r.pageSize() + "x" + (r.endTime() - r.startTime()))
                    .as("smaller pages, then shorter windows").containsSubsequence("6x3600", "3x3600", "2x3600", "1x3600",
                            "1x1800", "1x900", "1x450", "1x225", "1x113", "1x61");
        }
    }

    @Test
    void aWindowOfAMinuteRefusedAsTooLongFailsTheTaskNamingTheCause() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 600));
        failWindow(api, CALL, T0, 100,
                r -> FakeTrtcApi.error(ErrorKind.WINDOW_TOO_LONG, "InvalidParameter.QueryScaleOversize"));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 200; i++) {
                    h.pollOnce();
                }
            }).isInstanceOf(ConnectException.class).hasMessageContaining("Call " + CALL)
                    .hasMessageContaining("refuses a window of only 60 s").hasMessageContaining("QueryScaleOversize");
            assertThat(h.context.metric("window-seconds")).as("the shortest length tried").isEqualTo(60L);
        }
    }
}
