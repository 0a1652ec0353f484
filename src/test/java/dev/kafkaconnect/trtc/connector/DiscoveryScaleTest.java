package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.discovery.DiscoveredCallSource;
import dev.kafkaconnect.trtc.connector.discovery.DiscoveredCallSourceTest;
import dev.kafkaconnect.trtc.connector.discovery.RoomLister;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The size the connector is built for: 10,000 calls over the 14-day lookback (about 700 a day) plus a few live
 * ones. Task configurations stay bounded (trtc.discovery.max.calls), fully read calls leave them, and after the
 * first listing a round costs a request or two however many calls the lookback holds.
 */
class DiscoveryScaleTest {
    static final long NOW = 1714521600L;
    static final int FINISHED = 10_000;
    static final int LIVE = 5;
    static final long APP = TrtcSimulator.DEFAULT_SDK_APP_ID;

    static MutableClock clock;
    static TrtcSimulator sim;

    @BeforeAll
    static void build() {
        clock = new MutableClock(NOW);
        sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(100_000).build().start();
        long first = NOW - 14 * 86400 + 3600;
        long spacing = (NOW - 7200 - first) / FINISHED;
        for (int i = 0; i < FINISHED; i++) {
            long created = first + i * spacing;
            sim.addCall(CallSpec.builder("room-" + i).created(created).user("a", created, created + 600)
                    .user("b", created + 10, created + 590).build());
        }
        for (int i = 0; i < LIVE; i++) {
            sim.addCall(CallSpec.builder("live-" + i).created(NOW - 1800).liveUser("a", NOW - 1800).build());
        }
    }

    @AfterAll
    static void close() {
        sim.close();
    }

    private static Map<String, String> props() {
        Map<String, String> p = DiscoveredCallSourceTest.props(sim);
        p.put(TrtcSourceConfig.DISCOVERY_MAX_CALLS, "5000");
        return p;
    }

    private static TrtcApiFactory fastClient() {
        return (config, rate, c) -> TrtcClients.create(config, 100_000, c);
    }

    private static List<String> live() {
        return sim.calls().stream().filter(c -> c.roomString().startsWith("live-")).map(SimulatedCall::commId)
                .toList();
    }

    @Test
    void fullyReadCallsRetireAndLaterRoundsCostARequestOrTwo() {
        TestConnectorContext context = new TestConnectorContext();
        DiscoveredCallSource source = new DiscoveredCallSource(new TrtcSourceConfig(props()), context,
                context.offsetStorageReader(), fastClient(), new SimClock(clock));
        try {
            source.step();
            long firstRound = sim.stats().requests("DescribeRoomInformation");
            // 15 windows of a day (the lookback is not a whole number of days from now), ~715 rooms each:
            // 8 pages per window, the last short.
            assertThat(firstRound).as("first listing of 10,005 calls").isLessThanOrEqualTo(
                    (FINISHED + LIVE) / RoomLister.PAGE_SIZE + 15);
            Set<String> retiredSoFar = new HashSet<>();
            List<String> assigned = source.calls();
            assertThat(assigned).hasSize(5000).containsAll(live());
            for (int round = 0; round < 3; round++) {
                for (String id : assigned) {
                    SimulatedCall call = sim.call(id);
                    if (call.isFinished(clock.nowSeconds())) {
                        // Half say "finished", half stand at a window boundary past the room's destroy time.
                        boolean flag = id.hashCode() % 2 == 0;
                        context.commit(APP, id, CallPosition.boundary(call.destroyTime(clock.nowSeconds())
                                + (flag ? 300 : 1), flag));
                        retiredSoFar.add(id);
                    }
                }
                long before = sim.stats().requests("DescribeRoomInformation");
                int partitionsBefore = context.partitionsRead.get();
                clock.advanceSeconds(60);
                source.step();
                assertThat(sim.stats().requests("DescribeRoomInformation") - before)
                        .as("round %d: listing cost", round).isLessThanOrEqualTo(2);
                assertThat(context.partitionsRead.get() - partitionsBefore)
                        .as("round %d: offsets read only for assigned finished calls", round)
                        .isLessThanOrEqualTo(assigned.size());
                assigned = source.calls();
                assertThat(assigned).as("round %d: retired calls are never assigned again", round)
                        .doesNotContainAnyElementsOf(retiredSoFar).containsAll(live());
            }
            assertThat(assigned).as("only the live calls are left").containsExactlyInAnyOrderElementsOf(live());
            assertThat(context.errors).isEmpty();
        } finally {
            source.close();
        }
    }

    @Test
    void taskConfigsStayBoundedWithTenThousandCalls() {
        TestConnectorContext context = new TestConnectorContext();
        TrtcSourceConnector connector = new TrtcSourceConnector(fastClient(), new SimClock(clock));
        connector.initialize(context);
        connector.start(props());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (context.reconfigurations.get() == 0 && context.errors.isEmpty()) {
                assertThat(System.nanoTime()).as("first discovery round within 60 s").isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            assertThat(context.errors).isEmpty();
            for (int maxTasks : new int[] {1, 20}) {
                List<Map<String, String>> configs = connector.taskConfigs(maxTasks);
                assertThat(configs).hasSize(maxTasks);
                Set<String> assigned = new HashSet<>();
                int largest = 0;
                for (Map<String, String> c : configs) {
                    assigned.addAll(new TrtcSourceTaskConfig(c).taskCalls().stream().map(CommId::value).toList());
                    largest = Math.max(largest, c.toString().length());
                }
                assertThat(assigned).as("the cap").hasSize(5000);
                assertThat(assigned).as("live calls first").containsAll(live());
                assertThat(largest).as("largest task config, %d tasks", maxTasks).isLessThan(256 * 1024);
            }
        } finally {
            connector.stop();
        }
    }
}
