package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.FakeTrtcApi.LIVE;
import static dev.kafkaconnect.trtc.connector.TaskHarness.commId;
import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/**
 * More calls whose first page is full (six users, while the task cannot yet tell whether {@code Total} counts the
 * call or the page) than {@code trtc.max.in.flight}: each full page waits for the probe of the page after it, so
 * the slots can all be held by answers that wait. The probe a call's emission waits for goes out even at the bound,
 * one per call at most, and every call is read.
 */
class FullPagesAtTheBoundTest {
    static final long T0 = 1_790_000_000L;
    static final int CALLS = 6;
    static final int MAX_IN_FLIGHT = 4;

    @Test
    void callsWhoseFullPagesWaitForTheirProbesAreAllReadBeyondTheBoundByOneRequestACallAtMost() {
        MockTime clock = new MockTime(0, (T0 + 3 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock);
        List<String> calls = new ArrayList<>();
        for (int c = 0; c < CALLS; c++) {
            String call = commId("60" + c, T0 + c);
            User[] users = new User[6];
            for (int u = 0; u < users.length; u++) {
                users[u] = new User("u" + u, T0 + c + u, c % 2 == 0 ? T0 + 5400 : LIVE);
            }
            api.call(call, users);
            calls.add(call);
        }
        api.manual = true;
        Map<String, String> p = props(calls);
        p.put(TrtcSourceConfig.MAX_IN_FLIGHT, Integer.toString(MAX_IN_FLIGHT));
        p.put(TrtcSourceConfig.STREAMS, "");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            for (int i = 0; i < 400 && !readUpToTheSettleDelay(h); i++) {
                h.pollOnce();
                int held = h.task.calls().stream().mapToInt(CallReader::held).sum();
                assertThat(held).as("requests and unemitted answers").isLessThanOrEqualTo(MAX_IN_FLIGHT + CALLS);
                if (!api.held.isEmpty()) {
                    api.release(api.held.size() - 1);
                }
            }
            assertThat(readUpToTheSettleDelay(h)).as("every call read; calls: %s", h.task.calls()).isTrue();
            for (String call : calls) {
                assertThat(new HashSet<>(h.samples(call))).as(call)
                        .isEqualTo(api.truth(call, 0, clock.milliseconds() / 1000 - 300));
            }
        }
    }

    private static boolean readUpToTheSettleDelay(TaskHarness h) {
        return h.task.calls().stream().allMatch(c -> c.caughtUp() && c.idle());
    }
}
