package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-action limit per calendar second of real time; the test drives "real time" itself. */
class ActionRateLimitTest {
    static final String ACTION = "DescribeCallDetailInfo";
    final AtomicLong realMillis = new AtomicLong(1_000_000_500L);
    final MutableClock clock = new MutableClock(NOW);
    TrtcSimulator sim;
    String commId;

    @BeforeEach
    void start() {
        sim = TestSims.builder(clock).rateLimitPerSecond(20).realTimeMillis(realMillis::get)
                .call(CallSpec.builder("1").user("a", NOW - 600, NOW - 60).build()).build().start();
        commId = sim.calls().get(0).commId();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String send(String action) {
        ApiGeneration g = ApiGeneration.ofAction(action);
        return TestSims.request(sim, action).body(action.equals(g.callDetailAction())
                ? TestSims.detail(g, commId, NOW - 600, NOW - 60) : TestSims.rooms(g, NOW - 600, NOW)).send()
                .errorCode();
    }

    @Test
    void twentyPerSecondThenRequestLimitExceededUntilTheNextSecond() {
        for (int i = 0; i < 20; i++) {
            assertThat(send(ACTION)).as("request %s", i).isNull();
        }
        assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
        assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
        realMillis.addAndGet(499); // still the same calendar second
        assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
        realMillis.addAndGet(1); // next second
        assertThat(send(ACTION)).isNull();

        assertThat(sim.stats().throttled(ACTION)).isEqualTo(3);
        assertThat(sim.stats().outcome(ACTION, "RequestLimitExceeded")).isEqualTo(3);
        assertThat(sim.stats().ok(ACTION)).isEqualTo(21);
        assertThat(sim.stats().maxRequestsInAnySecond(ACTION)).isEqualTo(20);
    }

    @Test
    void eachActionHasItsOwnBudget() {
        for (int i = 0; i < 20; i++) {
            send(ACTION);
        }
        assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
        assertThat(send("DescribeRoomInfo")).isNull();
        assertThat(sim.stats().maxRequestsInAnySecond("DescribeRoomInfo")).isEqualTo(1);
    }

    @Test
    void dataClockDoesNotResetTheWindow() {
        for (int i = 0; i < 20; i++) {
            send(ACTION);
        }
        clock.advanceSeconds(5);
        assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
    }

    @Test
    void limitIsConfigurableWhileServing() {
        sim.settings().rateLimitPerSecond(2);
        assertThat(send(ACTION)).isNull();
        assertThat(send(ACTION)).isNull();
        assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
        sim.settings().rateLimitPerSecond(0);
        assertThat(send(ACTION)).isNull();
    }

    @Test
    void aRequestCountsOnArrivalNotWhenItsSlowAnswerLeaves() throws Exception {
        sim.settings().rateLimitPerSecond(1);
        sim.faults().action(ACTION).next(1, Fault.latency(java.time.Duration.ofMinutes(1)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> slow = pool.submit(() -> send(ACTION));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (sim.stats().maxRequestsInAnySecond(ACTION) == 0) {
                assertThat(System.nanoTime()).as("the slow request counted within 20 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(slow).as("still being answered").isNotDone();
            // Same (driven) second: the slow request already took this second's budget.
            assertThat(send(ACTION)).isEqualTo("RequestLimitExceeded");
            slow.cancel(true);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsNeverExceedTheLimitInAnyRealSecond() throws Exception {
        try (TrtcSimulator real = TestSims.builder(clock).rateLimitPerSecond(20)
                .call(CallSpec.builder("1").user("a", NOW - 600, NOW - 60).build()).build().start()) {
            String id = real.calls().get(0).commId();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    answers.add(pool.submit(() -> TestSims.request(real, ACTION)
                            .body(TestSims.detail(ApiGeneration.SUCCESSOR, id, NOW - 600, NOW - 60)).send()
                            .errorCode()));
                }
                for (Future<String> a : answers) {
                    assertThat(a.get(30, TimeUnit.SECONDS)).isIn(null, "RequestLimitExceeded");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(real.stats().maxRequestsInAnySecond(ACTION)).isBetween(1, 20);
            assertThat(real.stats().ok(ACTION) + real.stats().throttled(ACTION)).isEqualTo(60);
            assertThat(real.stats().requests(ACTION)).isEqualTo(60);
        }
    }
}
