package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Action, version and method checks, common to every action. */
class ActionRoutingTest {
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK).call(CallSpec.builder("7").user("a", NOW - 600, NOW - 60).build()).build()
                .start();
        commId = sim.calls().get(0).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static SignedRequest seedRequest() {
        return TestSims.request(sim, "DescribeCallDetail")
                .body(TestSims.detail(ApiGeneration.SEED, commId, NOW - 600, NOW - 60));
    }

    @Test
    void unknownActionIsInvalidAction() {
        assertThat(seedRequest().action("DescribeInstances").send().errorCode()).isEqualTo("InvalidAction");
        assertThat(sim.stats().outcome("DescribeInstances", "InvalidAction")).isEqualTo(1);
    }

    @Test
    void missingActionIsMissingParameter() {
        assertThat(seedRequest().action(null).send().errorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void otherVersionIsNoSuchVersion() {
        assertThat(seedRequest().version("2020-01-01").send().errorCode()).isEqualTo("NoSuchVersion");
        assertThat(seedRequest().version(null).send().errorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void regionMustServeTrtcWhenGiven() {
        assertThat(seedRequest().region("mars-north-1").send().errorCode()).isEqualTo("UnsupportedRegion");
        assertThat(seedRequest().region("ap-singapore").send().errorCode()).isNull();
        assertThat(seedRequest().region(null).send().errorCode()).isNull();
    }

    @Test
    void getIsUnsupported() {
        assertThat(seedRequest().method("GET").send().errorCode()).isEqualTo("UnsupportedOperation");
    }

    @Test
    void seedActionsCanBeOffline() {
        sim.settings().seedActionsOffline(true);
        try {
            assertThat(seedRequest().send().errorCode()).isEqualTo("ActionOffline");
            assertThat(TestSims.request(sim, "DescribeRoomInformation")
                    .body(TestSims.rooms(ApiGeneration.SEED, NOW - 600, NOW)).send().errorCode())
                    .isEqualTo("ActionOffline");
            assertThat(TestSims.request(sim, "DescribeCallDetailInfo")
                    .body(TestSims.detail(ApiGeneration.SUCCESSOR, commId, NOW - 600, NOW - 60)).send().errorCode())
                    .isNull();
        } finally {
            sim.settings().seedActionsOffline(false);
        }
        assertThat(seedRequest().send().errorCode()).isNull();
    }
}
