package dev.kafkaconnect.trtc.connector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.SimClock;
import dev.kafkaconnect.trtc.connector.TestConnectorContext;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.SampleId;
import dev.kafkaconnect.trtc.connector.offsets.SeriesKey;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Discovery against the simulator over real HTTP, driven step by step on a shared simulated clock: what is
 * found, when the tasks are reconfigured, which calls retire, and what failures do.
 */
public class DiscoveredCallSourceTest {
    static final long NOW = 1714521600L;
    static final long INTERVAL = 60;

    private final MutableClock clock = new MutableClock(NOW);
    private final TestConnectorContext context = new TestConnectorContext();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final AtomicInteger discoveryRate = new AtomicInteger();
    private TrtcSimulator sim;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private TrtcSimulator simulator(TrtcSimulator.Builder builder) {
        sim = builder.clock(clock).rateLimitPerSecond(10_000).build().start();
        open.add(sim);
        return sim;
    }

    public static Map<String, String> props(TrtcSimulator sim) {
        Map<String, String> p = new HashMap<>();
        p.put(TrtcSourceConfig.ENDPOINT, sim.endpoint());
        p.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
        p.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
        p.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(sim.sdkAppId()));
        p.put(TrtcSourceConfig.CALLS_MODE, "discover");
        p.put(TrtcSourceConfig.DISCOVERY_INTERVAL_MS, Long.toString(INTERVAL * 1000));
        p.put(TrtcSourceConfig.DISCOVERY_MIN_RECONFIGURE_INTERVAL_MS, "0");
        p.put(TrtcSourceConfig.DISCOVERY_RATE_LIMIT, "3");
        p.put(TrtcSourceConfig.RETRY_BACKOFF_MS, "1000");
        p.put(TrtcSourceConfig.RETRY_BACKOFF_MAX_MS, "8000");
        p.put(TrtcSourceConfig.RETRY_MAX_ATTEMPTS, "1");
        return p;
    }

    private DiscoveredCallSource source(Map<String, String> props) {
        return source(props, context.offsetStorageReader());
    }

    private DiscoveredCallSource source(Map<String, String> props, OffsetStorageReader offsets) {
        // The real client, with the limiter at the tested budget ignored: seconds here are simulated.
        TrtcApiFactory factory = (config, rate, c) -> {
            discoveryRate.set(rate);
            return TrtcClients.create(config, 10_000, c);
        };
        DiscoveredCallSource source = new DiscoveredCallSource(new TrtcSourceConfig(props), context,
                offsets, factory, new SimClock(clock));
        open.add(source);
        return source;
    }

    private static CallSpec call(String room, long created, long minutes) {
        return CallSpec.builder(room).created(created).user("u1", created, created + minutes * 60)
                .user("u2", created + 5, created + minutes * 60).build();
    }

    private static CallSpec liveCall(String room, long created) {
        return CallSpec.builder(room).created(created).liveUser("u1", created).build();
    }

    @Test
    void findsEveryCallOfTheLookbackOnceAndNewCallsWithinOneInterval() {
        simulator(TrtcSimulator.builder().seed(7).generatedCalls(30, 4));
        DiscoveredCallSource source = source(props(sim));
        assertThat(source.calls()).as("nothing before the first listing").isEmpty();

        long delay = source.step();
        List<String> all = sim.calls().stream().map(SimulatedCall::commId).sorted().toList();
        assertThat(source.calls()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(context.reconfigurations).hasValue(1);
        assertThat(delay).isEqualTo(INTERVAL * 1000);
        assertThat(discoveryRate).as("discovery's own budget").hasValue(3);

        clock.advanceSeconds(20);
        SimulatedCall fresh = sim.addCall(call("late-room", clock.nowSeconds(), 10));
        clock.advanceSeconds(INTERVAL - 20);
        source.step();
        assertThat(source.calls()).contains(fresh.commId()).hasSize(all.size() + 1);
        assertThat(context.reconfigurations).hasValue(2);

        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(context.reconfigurations).as("no change, no reconfiguration").hasValue(2);
        assertThat(context.errors).isEmpty();
    }

    @Test
    void reconfigurationsAreBatchedAndSpacedByTheMinimumInterval() {
        simulator(TrtcSimulator.builder().seed(3).generatedCalls(5, 1));
        Map<String, String> props = props(sim);
        props.put(TrtcSourceConfig.DISCOVERY_MIN_RECONFIGURE_INTERVAL_MS, "300000");
        DiscoveredCallSource source = source(props);
        source.step();
        assertThat(context.reconfigurations).hasValue(1);
        int first = source.calls().size();

        List<String> added = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advanceSeconds(INTERVAL);
            added.add(sim.addCall(call("room-" + i, clock.nowSeconds() - 10, 30)).commId());
            long delay = source.step();
            assertThat(delay).isBetween(0L, INTERVAL * 1000);
            assertThat(context.reconfigurations).as("round %d: within the minimum interval", i).hasValue(1);
            assertThat(source.calls()).as("tasks keep the published set until then").hasSize(first);
        }
        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(context.reconfigurations).as("one reconfiguration for four changes").hasValue(2);
        assertThat(source.calls()).containsAll(added).hasSize(first + 4);
    }

    @Test
    void fullyReadCallsRetireAndUnfinishedOnesStay() {
        long app = TrtcSimulator.DEFAULT_SDK_APP_ID;
        simulator(TrtcSimulator.builder());
        SimulatedCall flagged = sim.addCall(call("flagged", NOW - 7200, 20));
        SimulatedCall pastDestroy = sim.addCall(call("past-destroy", NOW - 7000, 20));
        SimulatedCall behind = sim.addCall(call("behind", NOW - 6800, 20));
        SimulatedCall inWindow = sim.addCall(call("in-window", NOW - 6600, 20));
        SimulatedCall live = sim.addCall(liveCall("live", NOW - 600));
        DiscoveredCallSource source = source(props(sim));
        source.step();
        assertThat(source.calls()).hasSize(5);

        context.commit(app, flagged.commId(), CallPosition.boundary(NOW - 3600, true));
        context.commit(app, pastDestroy.commId(), CallPosition.boundary(pastDestroy.destroyTime(NOW) + 1, false));
        context.commit(app, behind.commId(), CallPosition.boundary(behind.destroyTime(NOW), false));
        context.commit(app, inWindow.commId(),
                new CallPosition(inWindow.destroyTime(NOW), inWindow.destroyTime(NOW) + 60, 0, 0, false, false)
                        .after(null, new SampleId(new SeriesKey("u", null, "aBit"), inWindow.destroyTime(NOW) + 1)));
        context.commit(app, live.commId(), CallPosition.boundary(NOW - 300, false));
        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(source.calls()).containsExactly(behind.commId(), inWindow.commId(), live.commId());
        assertThat(context.reconfigurations).hasValue(2);

        clock.advanceSeconds(INTERVAL);
        int reads = context.partitionsRead.get();
        source.step();
        assertThat(context.partitionsRead.get() - reads).as("only assigned finished calls are checked")
                .isEqualTo(2);
        assertThat(source.calls()).hasSize(3);
    }

    @Test
    void throttlingAndServerErrorsKeepTheKnownCallsAndRetryWithBackoff() {
        simulator(TrtcSimulator.builder().seed(11).generatedCalls(8, 2));
        DiscoveredCallSource source = source(props(sim));
        source.step();
        List<String> known = source.calls();
        assertThat(known).isNotEmpty();

        SimulatedCall fresh = sim.addCall(call("during-outage", clock.nowSeconds(), 30));
        sim.faults().action("DescribeRoomInformation").next(2, Fault.error("RequestLimitExceeded"))
                .next(1, Fault.httpStatus(503));
        clock.advanceSeconds(INTERVAL);
        long first = source.step();
        long second;
        clock.advanceSeconds(first / 1000 + 1);
        second = source.step();
        assertThat(first).as("back-off, not the full interval").isLessThan(INTERVAL * 1000);
        assertThat(second).as("doubling").isGreaterThanOrEqualTo(first / 2).isLessThanOrEqualTo(INTERVAL * 1000);
        assertThat(source.calls()).as("last known set kept").isEqualTo(known);
        assertThat(context.errors).isEmpty();

        clock.advanceSeconds(second / 1000 + 1);
        source.step();
        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(source.calls()).contains(fresh.commId());
        assertThat(context.errors).isEmpty();
    }

    @Test
    void rejectedCredentialsFailTheConnectorNamingTheSettings() {
        simulator(TrtcSimulator.builder());
        Map<String, String> props = props(sim);
        props.put(TrtcSourceConfig.SECRET_KEY, "not-the-key-00000000000000000000");
        DiscoveredCallSource source = source(props);
        assertThat(source.step()).isEqualTo(-1);
        assertThat(context.errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("Call discovery failed", TrtcSourceConfig.SECRET_ID, TrtcSourceConfig.SECRET_KEY)
                .doesNotContain("not-the-key"));
        assertThat(context.reconfigurations).hasValue(0);
    }

    @Test
    void followsTheGenerationSettingToTheSuccessorRoomList() {
        simulator(TrtcSimulator.builder().seed(5).generatedCalls(3, 1).seedActionsOffline(true));
        DiscoveredCallSource auto = source(props(sim));
        auto.step();
        assertThat(auto.calls()).hasSize(4);
        assertThat(sim.stats().requests("DescribeRoomInfo")).isPositive();
        auto.close();

        Map<String, String> seedOnly = props(sim);
        seedOnly.put(TrtcSourceConfig.API_GENERATION, "seed");
        DiscoveredCallSource seed = source(seedOnly);
        assertThat(seed.step()).isEqualTo(-1);
        assertThat(context.errors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains(TrtcSourceConfig.API_GENERATION));
    }

    @Test
    void discoveryReportsWhatItDidAsConnectorMetrics() {
        long app = TrtcSimulator.DEFAULT_SDK_APP_ID;
        simulator(TrtcSimulator.builder());
        SimulatedCall done = sim.addCall(call("class-1", NOW - 7200, 20));
        SimulatedCall longer = sim.addCall(call("class-2", NOW - 6000, 30));
        sim.addCall(call("class-3", NOW - 5000, 1));
        sim.addCall(call("lobby-1", NOW - 4000, 30));
        SimulatedCall live = sim.addCall(liveCall("class-4", NOW - 3000));
        Map<String, String> props = props(sim);
        props.put(TrtcSourceConfig.DISCOVERY_ROOM_INCLUDE, "class-[0-9]+");
        props.put(TrtcSourceConfig.DISCOVERY_MIN_DURATION_MS, "300000");
        props.put(TrtcSourceConfig.DISCOVERY_MAX_CALLS, "2");
        DiscoveredCallSource source = source(props);
        assertThat(context.metric("last-listing-age-seconds")).as("before the first listing").isEqualTo(-1L);
        assertThat(context.metric("last-listing-time-ms")).isEqualTo(0L);

        source.step();
        String action = "DescribeRoomInformation";
        assertThat(context.metric("room-list-requests-total", "outcome", "ok"))
                .isEqualTo(sim.stats().ok(action)).isEqualTo(sim.stats().requests(action));
        assertThat((Long) context.metric("rooms-listed-total")).as("each room listed at least once")
                .isGreaterThanOrEqualTo(5L);
        assertThat(context.metric("calls-known")).isEqualTo(5L);
        assertThat(context.metric("calls-discovered-total")).isEqualTo(5L);
        assertThat(context.metric("calls-filtered", "reason", "room-pattern")).as("lobby-1").isEqualTo(1L);
        assertThat(context.metric("calls-filtered", "reason", "min-duration")).as("class-3").isEqualTo(1L);
        assertThat(source.calls()).as("live first, then the oldest").containsExactly(done.commId(), live.commId());
        assertThat(context.metric("calls-assigned")).isEqualTo(2L);
        assertThat(context.metric("calls-waiting")).as("class-2, beyond max.calls").isEqualTo(1L);
        assertThat(context.metric("reconfigurations-total")).isEqualTo(1L);
        assertThat(context.metric("calls-retired-total")).isEqualTo(0L);
        assertThat(context.metric("last-listing-time-ms")).isEqualTo(NOW * 1000);
        assertThat(context.metric("listing-failures-consecutive")).isEqualTo(0L);
        clock.advanceSeconds(30);
        assertThat(context.metric("last-listing-age-seconds")).isEqualTo(30L);

        // The first call is read to its end: it retires and the waiting one takes its place.
        context.commit(app, done.commId(), CallPosition.boundary(NOW - 3600, true));
        clock.advanceSeconds(INTERVAL - 30);
        source.step();
        assertThat(context.metric("calls-retired-total")).isEqualTo(1L);
        assertThat(source.calls()).containsExactly(longer.commId(), live.commId());
        assertThat(context.metric("calls-waiting")).isEqualTo(0L);
        assertThat(context.metric("calls-discovered-total")).as("nothing new").isEqualTo(5L);
        assertThat(context.metric("reconfigurations-total")).isEqualTo(2L);

        // A failing round: counted by outcome, the failures in a row and the listing's age grow.
        sim.faults().action(action).next(2, Fault.error("RequestLimitExceeded"));
        clock.advanceSeconds(INTERVAL);
        long delay = source.step();
        assertThat(context.metric("room-list-requests-total", "outcome", "throttled"))
                .isEqualTo(sim.stats().outcome(action, "RequestLimitExceeded")).isEqualTo(1L);
        assertThat(context.metric("listing-failures-consecutive")).isEqualTo(1L);
        clock.advanceSeconds(delay / 1000 + 1);
        source.step();
        assertThat(context.metric("listing-failures-consecutive")).isEqualTo(2L);
        assertThat((Long) context.metric("last-listing-age-seconds")).isEqualTo(INTERVAL + delay / 1000 + 1);
        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(context.metric("listing-failures-consecutive")).isEqualTo(0L);
        assertThat(context.metric("last-listing-age-seconds")).isEqualTo(0L);
        assertThat(context.metric("room-list-requests-total", "outcome", "ok")).isEqualTo(sim.stats().ok(action));
        assertThat(context.errors).isEmpty();

        source.close();
        assertThat(context.metrics.metrics().keySet()).as("the connector's metrics go when it stops")
                .noneMatch(n -> n.name().equals("calls-known"));
    }

    @Test
    void aRoomListingRefusedInsideTheLookbackListsAgainWithinTheNextTier() {
        simulator(TrtcSimulator.builder().lookback(java.time.Duration.ofDays(7)));
        sim.addCall(call("gone", NOW - 10 * 86400, 20));
        SimulatedCall recent = sim.addCall(call("recent", NOW - 3 * 86400, 20));
        SimulatedCall edge = sim.addCall(liveCall("edge", NOW - 7 * 86400 + 3600));
        DiscoveredCallSource source = source(props(sim));
        source.step();
        assertThat(context.errors).as("the connector goes on").isEmpty();
        assertThat(source.discovery().lookbackSeconds()).isEqualTo(7 * 86400);
        assertThat(source.calls()).containsExactly(edge.commId(), recent.commId());
        String action = "DescribeRoomInformation";
        assertThat(sim.stats().outcome(action, "InvalidParameter.StartTsOversize")).as("refused once").isEqualTo(1);
        assertThat(context.metric("room-list-requests-total", "outcome", "start-too-old")).isEqualTo(1L);

        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(sim.stats().outcome(action, "InvalidParameter.StartTsOversize")).as("never again").isEqualTo(1);
        assertThat(context.metric("listing-failures-consecutive")).isEqualTo(0L);
    }

    /** The context's offsets, except that the next {@link #failures} reads throw, as a broker hiccup does. */
    private final class FlakyOffsets implements OffsetStorageReader {
        private final OffsetStorageReader offsets = context.offsetStorageReader();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return offsets(List.of(partition)).get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new ConnectException("Failed to fetch offsets: broker not available");
            }
            return offsets.offsets(partitions);
        }
    }

    @Test
    void aFailedOffsetReadKeepsTheConnectorRunningAndRetiresInTheNextRound() {
        long app = TrtcSimulator.DEFAULT_SDK_APP_ID;
        simulator(TrtcSimulator.builder());
        SimulatedCall done = sim.addCall(call("done", NOW - 7200, 20));
        SimulatedCall other = sim.addCall(call("other", NOW - 6000, 20));
        SimulatedCall live = sim.addCall(liveCall("live", NOW - 600));
        FlakyOffsets offsets = new FlakyOffsets();
        DiscoveredCallSource source = source(props(sim), offsets);
        source.step();
        assertThat(source.calls()).hasSize(3);

        context.commit(app, done.commId(), CallPosition.boundary(NOW - 3600, true));
        offsets.failures.set(1);
        clock.advanceSeconds(INTERVAL);
        long delay = source.step();
        assertThat(context.errors).as("the connector goes on").isEmpty();
        assertThat(delay).as("the next round, at the interval").isEqualTo(INTERVAL * 1000);
        assertThat(source.calls()).as("undecided calls keep their assignment").hasSize(3);
        assertThat(context.metric("offset-read-failures-total")).isEqualTo(1L);
        assertThat(context.metric("listing-failures-consecutive")).as("the listing itself succeeded")
                .isEqualTo(0L);

        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(source.calls()).as("retired in the next round").containsExactly(other.commId(), live.commId());
        assertThat(context.metric("calls-retired-total")).isEqualTo(1L);
        assertThat(context.metric("offset-read-failures-total")).isEqualTo(1L);
        assertThat(context.errors).isEmpty();
    }

    @Test
    void aFailedOffsetReadInTheFirstRoundHoldsBackTheCallsThatMayBeDoneUntilTheNextRound() {
        long app = TrtcSimulator.DEFAULT_SDK_APP_ID;
        simulator(TrtcSimulator.builder());
        SimulatedCall done = sim.addCall(call("done", NOW - 7200, 20));
        SimulatedCall other = sim.addCall(call("other", NOW - 6000, 20));
        SimulatedCall live = sim.addCall(liveCall("live", NOW - 600));
        context.commit(app, done.commId(), CallPosition.boundary(NOW - 3600, true));
        FlakyOffsets offsets = new FlakyOffsets();
        offsets.failures.set(1);
        DiscoveredCallSource source = source(props(sim), offsets);
        source.step();
        assertThat(context.errors).isEmpty();
        assertThat(source.calls()).as("only the live call: the others may be done").containsExactly(live.commId());
        assertThat(context.metric("offset-read-failures-total")).isEqualTo(1L);

        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(source.calls()).containsExactly(other.commId(), live.commId());
        assertThat(context.metric("calls-retired-total")).isEqualTo(1L);
        assertThat(context.errors).isEmpty();
    }

    /**
     * With a one-hour lookback, discovery's listing floor passes the creation of a call that lasts longer than 50
     * minutes. A service that lists rooms by creation time no longer returns it; it still retires on its finished
     * offset, and an unlisted call whose offset is not finished stays.
     */
    @ParameterizedTest
    @EnumSource(SimulatorSettings.RoomFilter.class)
    void aCallCreatedBeforeTheListingFloorRetiresOnItsFinishedOffset(SimulatorSettings.RoomFilter filter) {
        long app = TrtcSimulator.DEFAULT_SDK_APP_ID;
        simulator(TrtcSimulator.builder().settings(s -> s.roomFilter(filter)));
        SimulatedCall ending = sim.addCall(call("ending", NOW - 2900, 60));
        SimulatedCall longer = sim.addCall(liveCall("longer", NOW - 2800));
        Map<String, String> props = props(sim);
        props.put(TrtcSourceConfig.LOOKBACK_MS, "3600000");
        DiscoveredCallSource source = source(props);
        source.step();
        assertThat(source.calls()).containsExactly(ending.commId(), longer.commId());

        for (int i = 0; i < 15; i++) {
            clock.advanceSeconds(INTERVAL);
            source.step();
        }
        assertThat(clock.nowSeconds()).as("the room has ended").isGreaterThan(ending.destroyTime(clock.nowSeconds()));
        assertThat(source.calls()).containsExactly(ending.commId(), longer.commId());

        context.commit(app, ending.commId(), CallPosition.boundary(clock.nowSeconds() - 300, true));
        context.commit(app, longer.commId(), CallPosition.boundary(clock.nowSeconds() - 300, false));
        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(source.calls()).as("retired on its finished offset").containsExactly(longer.commId());
        assertThat(context.metric("calls-retired-total")).isEqualTo(1L);

        clock.advanceSeconds(INTERVAL);
        source.step();
        assertThat(source.calls()).as("the unfinished call stays").containsExactly(longer.commId());
        assertThat(context.errors).isEmpty();
    }
}
