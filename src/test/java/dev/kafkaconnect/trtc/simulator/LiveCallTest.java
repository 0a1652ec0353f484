package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live calls grow as the clock advances; the newest seconds stay hidden for the data delay. */
class LiveCallTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK).dataDelay(Duration.ofSeconds(20))
                .call(CallSpec.builder("42").liveUser("host", NOW - 300).user("guest", NOW - 200, NOW + 100).build())
                .build().start();
        commId = sim.calls().get(0).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static JsonNode query(long start, long end) {
        Map<String, Object> p = TestSims.detail(ApiGeneration.SUCCESSOR, commId, start, end);
        p.put("DataType", List.of("appCpu"));
        return TestSims.request(sim, "DescribeCallDetailInfo").body(p).send().ok();
    }

    private static long lastTime(JsonNode r, String user) {
        for (JsonNode s : r.path("Data")) {
            if (s.path("UserId").asText().equals(user)) {
                JsonNode c = s.path("Content");
                return c.get(c.size() - 1).path("Time").asLong();
            }
        }
        return -1;
    }

    @Test
    void dataGrowsWithTheClockAndLagsByTheDelay() {
        try {
            JsonNode before = query(NOW - 300, NOW + 200);
            assertThat(lastTime(before, "host")).isBetween(NOW - 21, NOW - 20);
            CLOCK.advanceSeconds(60);
            JsonNode after = query(NOW - 300, NOW + 200);
            assertThat(lastTime(after, "host")).isBetween(NOW + 39, NOW + 40);
            assertThat(after.path("UserList").get(0).path("LeaveTs").asLong()).isEqualTo(NOW + 60);
            assertThat(after.path("UserList").get(0).path("Finished").asBoolean()).isFalse();
        } finally {
            CLOCK.set(NOW);
        }
    }

    @Test
    void plannedLeaveInTheFutureBecomesAFinishedStayOnceTheClockPassesIt() {
        try {
            JsonNode live = query(NOW - 300, NOW + 200).path("UserList").get(1);
            assertThat(live.path("UserId").asText()).isEqualTo("guest");
            assertThat(live.path("Finished").asBoolean()).isFalse();
            assertThat(live.path("LeaveTs").asLong()).isEqualTo(NOW);
            CLOCK.advanceSeconds(200);
            JsonNode r = TestSims.request(sim, "DescribeCallDetailInfo")
                    .body(TestSims.detail(ApiGeneration.SUCCESSOR, commId, NOW - 200, NOW + 200)).send().ok();
            JsonNode done = r.path("UserList").get(1);
            assertThat(done.path("Finished").asBoolean()).isTrue();
            assertThat(done.path("LeaveTs").asLong()).isEqualTo(NOW + 100);
            assertThat(sim.calls().get(0).isLive(CLOCK.nowSeconds())).isTrue();
        } finally {
            CLOCK.set(NOW);
        }
    }

    @Test
    void dataDelayIsConfigurableWhileServing() {
        sim.settings().dataDelay(Duration.ZERO);
        try {
            assertThat(lastTime(query(NOW - 300, NOW + 200), "host")).isEqualTo(NOW);
        } finally {
            sim.settings().dataDelay(Duration.ofSeconds(20));
        }
    }
}
