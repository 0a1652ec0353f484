package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each fault kind, scripted and by rate, and the counters that record them. */
class FaultInjectionTest {
    static final String ACTION = "DescribeCallDetailInfo";
    static final MutableClock CLOCK = new MutableClock(NOW);
    static TrtcSimulator sim;
    static String commId;

    @BeforeAll
    static void start() {
        sim = TestSims.builder(CLOCK).call(CallSpec.builder("1").user("a", NOW - 600, NOW - 60)
                .user("b", NOW - 500, NOW - 60).build()).build().start();
        commId = sim.calls().get(0).commId();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
        sim.stats().reset();
    }

    private static SignedRequest request() {
        Map<String, Object> p = TestSims.detail(ApiGeneration.SUCCESSOR, commId, NOW - 600, NOW - 60);
        p.put("DataType", List.of("aBit"));
        return TestSims.request(sim, ACTION).body(p);
    }

    @Test
    void scriptedErrorCodesApplyToTheNextRequestsInOrder() {
        sim.faults().action(ACTION).script(Fault.error("InternalError"), Fault.none(),
                Fault.error("RequestLimitExceeded.UinLimitExceeded"));
        assertThat(request().send().errorCode()).isEqualTo("InternalError");
        assertThat(request().send().errorCode()).isNull();
        SignedRequest.Answer third = request().send();
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.errorCode()).isEqualTo("RequestLimitExceeded.UinLimitExceeded");
        assertThat(request().send().errorCode()).isNull();
        assertThat(sim.stats().outcomes(ACTION)).containsEntry("InternalError", 1L)
                .containsEntry("RequestLimitExceeded.UinLimitExceeded", 1L).containsEntry(SimulatorStats.OK, 2L);
        assertThat(sim.stats().faults(ACTION, Fault.Kind.ERROR)).isEqualTo(2);
        assertThat(sim.stats().throttled(ACTION)).isZero();
    }

    @Test
    void faultsOfOneActionLeaveOthersAlone() {
        sim.faults().action("DescribeRoomInfo").next(5, Fault.error("InternalError"));
        assertThat(request().send().errorCode()).isNull();
        assertThat(sim.faults().action("DescribeRoomInfo").scriptRemaining()).isEqualTo(5);
    }

    @Test
    void allActionsPlanAppliesToEveryAction() {
        sim.faults().allActions().next(1, Fault.error("FailedOperation"));
        assertThat(request().send().errorCode()).isEqualTo("FailedOperation");
        assertThat(request().send().errorCode()).isNull();
    }

    @Test
    void httpErrorStatuses() {
        sim.faults().action(ACTION).script(Fault.httpStatus(500), Fault.httpStatus(502), Fault.httpStatus(503));
        for (int status : new int[] {500, 502, 503}) {
            SignedRequest.Answer a = request().send();
            assertThat(a.status()).isEqualTo(status);
            assertThat(a.body()).contains(Integer.toString(status)).doesNotContain("\"Response\"");
        }
        assertThat(sim.stats().outcome(ACTION, "fault:http-502")).isEqualTo(1);
    }

    @Test
    void latencyDelaysANormalAnswer() {
        sim.faults().action(ACTION).next(1, Fault.latency(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        assertThat(request().send().errorCode()).isNull();
        // A lower bound only, which no scheduling hiccup can break: the answer cannot beat the injected delay.
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(sim.stats().faults(ACTION, Fault.Kind.LATENCY)).isEqualTo(1);
        assertThat(sim.stats().ok(ACTION)).isEqualTo(1);
    }

    @Test
    void latencyRangeDrawsWithinTheRange() {
        Faults faults = new Faults(7);
        Fault f = Fault.latency(Duration.ofMillis(10), Duration.ofMillis(20));
        for (int i = 0; i < 100; i++) {
            assertThat(faults.delay(f)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
        }
    }

    @Test
    void slowBodyStillDeliversTheWholeAnswer() {
        String normal = request().send().body();
        sim.faults().action(ACTION).next(1, Fault.slowBody(512, Duration.ofMillis(5)));
        SignedRequest.Answer slow = request().send();
        assertThat(slow.errorCode()).isNull();
        assertThat(slow.response().path("Data")).isEqualTo(new SignedRequest.Answer(200, normal).response().path("Data"));
        assertThat(sim.stats().faults(ACTION, Fault.Kind.SLOW_BODY)).isEqualTo(1);
    }

    @Test
    void truncatedJsonIsACompleteHttpAnswerThatDoesNotParse() {
        sim.faults().action(ACTION).next(1, Fault.truncatedJson());
        SignedRequest.Answer a = request().send();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).startsWith("{\"Response\":{");
        assertThatThrownBy(() -> SignedRequest.MAPPER.readTree(a.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(sim.stats().outcome(ACTION, "fault:truncated-json")).isEqualTo(1);
    }

    @Test
    void malformedJson() {
        sim.faults().action(ACTION).next(1, Fault.malformedJson());
        SignedRequest.Answer a = request().send();
        assertThat(a.status()).isEqualTo(200);
        assertThatThrownBy(() -> SignedRequest.MAPPER.readTree(a.body())).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void truncatedBodyBreaksTheTransfer() {
        sim.faults().action(ACTION).next(1, Fault.truncatedBody());
        assertThatThrownBy(() -> request().send()).isInstanceOf(SignedRequest.TransportFailure.class);
        assertThat(request().send().errorCode()).isNull();
        assertThat(sim.stats().outcome(ACTION, "fault:truncated-body")).isEqualTo(1);
    }

    @Test
    void connectionResetGivesNoAnswer() {
        sim.faults().action(ACTION).next(1, Fault.connectionReset());
        assertThatThrownBy(() -> request().send()).isInstanceOf(SignedRequest.TransportFailure.class);
        assertThat(request().send().errorCode()).isNull();
        assertThat(sim.stats().outcome(ACTION, "fault:connection-reset")).isEqualTo(1);
        assertThat(sim.stats().requests(ACTION)).isEqualTo(2);
    }

    @Test
    void ratesAreSeededAndRoughlyHonoured() {
        sim.faults().action(ACTION).rate(0.5, Fault.error("InternalError"));
        int errors = 0;
        for (int i = 0; i < 40; i++) {
            if ("InternalError".equals(request().send().errorCode())) {
                errors++;
            }
        }
        // Seeded, so the count is fixed; the bounds only say "about half".
        assertThat(errors).isBetween(8, 32);
        assertThat(sim.stats().outcome(ACTION, "InternalError")).isEqualTo(errors);
    }

    @Test
    void rateSequenceIsTheSameForTheSameSeed() {
        Faults a = new Faults(3);
        Faults b = new Faults(3);
        a.action("X").rate(0.3, Fault.error("InternalError")).rate(0.2, Fault.httpStatus(503));
        b.action("X").rate(0.3, Fault.error("InternalError")).rate(0.2, Fault.httpStatus(503));
        for (int i = 0; i < 200; i++) {
            assertThat(a.next("X").toString()).isEqualTo(b.next("X").toString());
        }
    }

    @Test
    void ratesMayNotAddUpToMoreThanOne() {
        assertThatThrownBy(() -> new Faults(1).action("X").rate(0.7, Fault.none()).rate(0.4, Fault.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vanishedCallAnswersResourceNotFoundUntilRestored() {
        assertThat(request().send().errorCode()).isNull();
        sim.faults().vanish(commId);
        assertThat(request().send().errorCode()).isEqualTo("ResourceNotFound");
        sim.settings().unknownCommId(SimulatorSettings.UnknownCommId.EMPTY_RESULT);
        try {
            assertThat(request().send().errorCode()).isEqualTo("ResourceNotFound");
        } finally {
            sim.settings().unknownCommId(SimulatorSettings.UnknownCommId.RESOURCE_NOT_FOUND);
        }
        Map<String, Object> rooms = TestSims.rooms(ApiGeneration.SUCCESSOR, NOW - 900, NOW);
        assertThat(TestSims.request(sim, "DescribeRoomInfo").body(rooms).send().ok().path("RoomList")).isEmpty();
        sim.faults().restore(commId);
        assertThat(request().send().errorCode()).isNull();
        assertThat(TestSims.request(sim, "DescribeRoomInfo").body(rooms).send().ok().path("RoomList")).hasSize(1);
    }
}
