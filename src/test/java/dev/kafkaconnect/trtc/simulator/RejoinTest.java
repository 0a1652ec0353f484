package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static dev.kafkaconnect.trtc.simulator.TestSims.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user who rejoins while the simulator serves: the new stay is served and in the ground truth, and which stay
 * the user list shows for a window already answered follows {@link SimulatorSettings.ListedStay}.
 */
class RejoinTest {
    static final long T0 = NOW - 7200;

    private static TrtcSimulator sim(MutableClock clock) {
        CallSpec spec = CallSpec.builder("4242").created(T0).user("a", T0, T0 + 600).user("b", T0 + 10, T0 + 3000)
                .build();
        return TestSims.builder(clock).dataDelay(Duration.ofSeconds(10)).call(spec).build().start();
    }

    private static JsonNode userA(TrtcSimulator sim, String commId, long start, long end) {
        Map<String, Object> params = detail(ApiGeneration.SEED, commId, start, end);
        params.put("UserIds", List.of("a"));
        return TestSims.request(sim, ApiGeneration.SEED.callDetailAction()).body(params).send().ok()
                .path("UserList").get(0);
    }

    @Test
    void aRejoinIsServedAndChangesEarlierWindowsOnlyWhenTheLatestStayIsListed() {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = sim(clock)) {
            String commId = sim.calls().get(0).commId();
            long before = sim.groundTruth().count(commId, T0, NOW);
            assertThat(userA(sim, commId, T0, T0 + 3599).path("JoinTs").asLong()).isEqualTo(T0);

            SimulatedCall changed = sim.rejoin(commId, "a", new Presence(NOW - 1200, NOW - 600));
            assertThat(changed.user("a").presences()).hasSize(2);
            assertThat(sim.call(commId)).isEqualTo(changed);
            assertThat(sim.groundTruth().count(commId, T0, NOW)).as("the new stay's points").isGreaterThan(before);
            assertThat(ServedData.fetch(sim, ApiGeneration.SEED, commId, T0, NOW - 20))
                    .containsExactlyInAnyOrderElementsOf(sim.groundTruth().points(commId, T0, NOW - 20));

            JsonNode first = userA(sim, commId, T0, T0 + 3599);
            assertThat(first.path("JoinTs").asLong()).as("default: the latest stay begun by EndTime").isEqualTo(T0);
            assertThat(first.path("Finished").asBoolean()).isTrue();

            sim.settings().listedStay(SimulatorSettings.ListedStay.LATEST);
            JsonNode latest = userA(sim, commId, T0, T0 + 3599);
            assertThat(latest.path("JoinTs").asLong()).as("the latest stay, whatever the window")
                    .isEqualTo(NOW - 1200);
            assertThat(latest.path("LeaveTs").asLong()).isEqualTo(NOW - 600);
        }
    }

    @Test
    void aRejoinMustNotOverlapTheUsersOtherStays() {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = sim(clock)) {
            String commId = sim.calls().get(0).commId();
            assertThatThrownBy(() -> sim.rejoin(commId, "a", new Presence(T0 + 300, T0 + 900)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejoins");
            assertThatThrownBy(() -> sim.rejoin(commId, "nobody", new Presence(NOW - 100, NOW)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no user nobody");
        }
    }
}
