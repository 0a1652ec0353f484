package dev.kafkaconnect.trtc.connector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.RoomInfo;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.SimClock;
import dev.kafkaconnect.trtc.connector.config.GenerationMode;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings.RoomFilter;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings.RoomTotal;
import dev.kafkaconnect.trtc.simulator.SimulatorSettings.StartTime;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paging the room list over real HTTP, whatever the server's Total means and whichever rooms a window lists. */
class RoomListerTest {
    static final long NOW = 1714521600L;
    static final long DAY = 86400;

    @ParameterizedTest(name = "Total {0}, rooms {1}")
    @CsvSource({"PAGE, CREATED_IN_WINDOW", "OVERALL, CREATED_IN_WINDOW", "PAGE, ACTIVE_IN_WINDOW",
            "OVERALL, ACTIVE_IN_WINDOW"})
    void listsEveryRoomPagingToAShortPageInWindowsOfADay(RoomTotal total, RoomFilter filter) {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(10_000)
                .settings(s -> s.roomTotal(total).roomFilter(filter)).build().start()) {
            // Per day back from now: 30 rooms, exactly 100 (a full last page), 250; short calls, clear of the
            // window edges, so each is listed in one window under either reading.
            int[] perDay = {250, 100, 30};
            List<String> expected = new ArrayList<>();
            for (int d = 0; d < perDay.length; d++) {
                long dayStart = NOW - (perDay.length - d) * DAY;
                for (int i = 0; i < perDay[d]; i++) {
                    long created = dayStart + 600 + i * 60L;
                    expected.add(sim.addCall(CallSpec.builder("room-" + d + "-" + i).created(created)
                            .user("u", created, created + 30).build()).commId());
                }
            }
            try (TrtcApi api = TrtcClients.create(new TrtcSourceConfig(DiscoveredCallSourceTest.props(sim)),
                    10_000, new SimClock(clock))) {
                RoomLister lister = new RoomLister(api, sim.sdkAppId(),
                        new GenerationSwitch(GenerationMode.AUTO));
                List<RoomInfo> rooms = new ArrayList<>();
                lister.list(NOW - 3 * DAY, NOW, rooms::add);
                Set<String> ids = new HashSet<>();
                rooms.forEach(r -> ids.add(r.commId()));
                assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
                assertThat(rooms).as("each room once: windows do not overlap").hasSize(expected.size());
                // 250: pages of 100, 100, 50; 100: 100 then an empty page; 30: one page. Windows are a second
                // shorter than a day (each asked for from a second before its start): a fourth, of the last 3 s.
                assertThat(lister.requests()).isEqualTo(3 + 2 + 1 + 1);
                SimulatedCall first = sim.call(expected.get(0));
                RoomInfo listed = rooms.stream().filter(r -> r.commId().equals(first.commId())).findFirst()
                        .orElseThrow();
                assertThat(listed.roomString()).isEqualTo("room-0-0");
                assertThat(listed.finished()).isTrue();
                assertThat(listed.destroyTime()).isEqualTo(first.createTime() + 30);
            }
        }
    }

    /**
     * Rooms created exactly at the listing's start and around the starts of its windows (a day less a second
     * apart), whether the service lists rooms from {@code StartTime} on or only after it, and with no window refused.
     */
    @ParameterizedTest(name = "StartTime {0}")
    @CsvSource({"EXCLUSIVE", "INCLUSIVE"})
    void listsRoomsCreatedAtAWindowsStartWhicheverBoundTheStartIs(StartTime start) {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(10_000)
                .settings(s -> s.startTime(start)).build().start()) {
            long from = NOW - 2 * DAY;
            List<String> expected = new ArrayList<>();
            for (long created : new long[] {from, from + 1, NOW - DAY - 2, NOW - DAY - 1, NOW - DAY, NOW - 3,
                    NOW - 1}) {
                expected.add(sim.addCall(CallSpec.builder("edge-" + (created - from)).created(created)
                        .user("u", created, created + 1).build()).commId());
            }
            try (TrtcApi api = TrtcClients.create(new TrtcSourceConfig(DiscoveredCallSourceTest.props(sim)),
                    10_000, new SimClock(clock))) {
                RoomLister lister = new RoomLister(api, sim.sdkAppId(), new GenerationSwitch(GenerationMode.AUTO));
                Set<String> ids = new HashSet<>();
                lister.list(from, NOW, r -> ids.add(r.commId()));
                assertThat(ids).as("every room, none lost at a window's start")
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(lister.windowLength().seconds()).as("no window refused").isEqualTo(DAY);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aServiceThatRefusesAWindowOfExactlyADayIsListedInShorterWindows() {
        MutableClock clock = new MutableClock(NOW);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(10_000)
                .settings(s -> s.windowCount(dev.kafkaconnect.trtc.simulator.SimulatorSettings.WindowCount.INCLUSIVE))
                .build().start()) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long created = NOW - 3 * DAY + 600 + i * 5000L;
                expected.add(sim.addCall(CallSpec.builder("inclusive-" + i).created(created)
                        .user("u", created, created + 30).build()).commId());
            }
            try (TrtcApi api = TrtcClients.create(new TrtcSourceConfig(DiscoveredCallSourceTest.props(sim)),
                    10_000, new SimClock(clock))) {
                RoomLister lister = new RoomLister(api, sim.sdkAppId(), new GenerationSwitch(GenerationMode.AUTO));
                Set<String> ids = new HashSet<>();
                lister.list(NOW - 3 * DAY, NOW, r -> ids.add(r.commId()));
                assertThat(ids).as("every room, none skipped").containsExactlyInAnyOrderElementsOf(expected);
                assertThat(lister.windowLength().seconds()).as("just under a day").isEqualTo(DAY - 1);
            }
        }
    }
}
