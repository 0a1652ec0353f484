package dev.kafkaconnect.trtc.simulator;

import static dev.kafkaconnect.trtc.simulator.TestSims.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Call specs, the generator, the sample grid and metric values, without HTTP. */
class DataModelTest {

    @Test
    void specRejectsOverlappingStaysJoinsBeforeCreationAndEmptyCalls() {
        assertThatThrownBy(() -> CallSpec.builder("r").user("u", 100, 200).user("u", 150, 300).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejoins");
        assertThatThrownBy(() -> CallSpec.builder("r").created(100).user("u", 50, 200).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it was created");
        assertThatThrownBy(() -> CallSpec.builder("r").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallSpec.builder("r").user("u", 200, 200).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specCreationDefaultsToFirstJoinAndStringRoomsGetANumericCommId() {
        SimulatedCall call = CallSpec.builder("my-room").user("b", 120, 200).user("a", 100, 300).build().toCall(7);
        assertThat(call.createTime()).isEqualTo(100);
        assertThat(call.commId()).matches("7_\\d+_100");
        assertThat(call.creatorUserId()).isEqualTo("a");
        assertThat(CallSpec.builder("218695").user("a", 5, 9).build().toCall(7).commId()).isEqualTo("7_218695_5");
    }

    @Test
    void sampleGridCountsFromTheJoinInTwoSecondStepsBothEndsInclusive() {
        SimulatedUser u = new SimulatedUser("u", List.of(new Presence(1590065777, 1590065790)), "", "", "");
        assertThat(SampleTimes.of(u, 0, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE))
                .containsExactly(1590065779, 1590065781, 1590065783, 1590065785, 1590065787, 1590065789);
        assertThat(SampleTimes.of(u, 1590065781, 1590065785, Long.MAX_VALUE, Long.MAX_VALUE))
                .containsExactly(1590065781, 1590065783, 1590065785);
        assertThat(SampleTimes.of(u, 1590065780, 1590065784, Long.MAX_VALUE, Long.MAX_VALUE))
                .containsExactly(1590065781, 1590065783);
        assertThat(SampleTimes.count(u, 1590065780, 1590065784, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void rejoinStartsANewGridAndLiveStaysEndAtNowAndTheDelay() {
        SimulatedUser u = new SimulatedUser("u", List.of(new Presence(100, 105), new Presence(111, Presence.LIVE)),
                "", "", "");
        assertThat(SampleTimes.of(u, 0, 1000, 120, 118)).containsExactly(102, 104, 113, 115, 117);
        assertThat(SampleTimes.count(u, 0, 1000, 120, 118)).isEqualTo(5);
    }

    @Test
    void metricValuesArePureAndResolutionsPair() {
        MetricModel m = new MetricModel(42);
        MetricModel again = new MetricModel(42);
        Set<String> pairs = Set.of("320x180", "640x360", "960x540", "1280x720", "1920x1080");
        for (long t = NOW; t < NOW + 4000; t += 2) {
            assertThat(m.value("c", "u", "p", "bigvBit", t)).isEqualTo(again.value("c", "u", "p", "bigvBit", t));
            String res = (long) m.value("c", "u", null, "bigvWidth", t) + "x"
                    + (long) m.value("c", "u", null, "bigvHeight", t);
            assertThat(pairs).contains(res);
        }
        assertThat(m.value("c", "u", null, "aBit", NOW)).isNotEqualTo(m.value("c", "u", "p", "aBit", NOW));
        assertThat(m.value("c", "u", "", "aBit", NOW)).isEqualTo(m.value("c", "u", null, "aBit", NOW));
    }

    @Test
    void jsonNumbersArePlainIntegersOrShortDecimals() {
        assertThat(JsonNumbers.format(0.0)).isEqualTo("0");
        assertThat(JsonNumbers.format(108.09)).isEqualTo("108.09");
        assertThat(JsonNumbers.format(1_500_000.0)).isEqualTo("1500000");
        assertThat(JsonNumbers.format(0.01)).isEqualTo("0.01");
        assertThat(JsonNumbers.format(12345678.5)).isEqualTo("12345678.5");
        assertThat(JsonNumbers.format(-0.5)).isEqualTo("-0.5");
        assertThat(JsonNumbers.format(-1.25)).isEqualTo("-1.25");
        assertThat(JsonNumbers.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    }

    @Test
    void generatorSpreadsFinishedCallsOverTheLookbackAndKeepsLiveOnesLive() {
        List<SimulatedCall> calls = new CallGenerator(42, 1400188366L).generate(300, 20, NOW, 14 * 86_400L);
        assertThat(calls).hasSize(320);
        assertThat(calls.stream().map(SimulatedCall::commId).distinct()).hasSize(320);
        List<SimulatedCall> finished = calls.subList(0, 300);
        assertThat(finished).allSatisfy(c -> {
            assertThat(c.isFinished(NOW)).isTrue();
            assertThat(c.createTime()).isGreaterThanOrEqualTo(NOW - 14 * 86_400L);
        });
        assertThat(finished.stream().mapToLong(SimulatedCall::createTime).min().orElseThrow())
                .isLessThan(NOW - 10 * 86_400L);
        assertThat(calls.subList(300, 320)).allSatisfy(c -> assertThat(c.isLive(NOW)).isTrue());
        assertThat(calls).anySatisfy(c -> assertThat(c.users()).hasSizeGreaterThan(6));
        assertThat(calls).anySatisfy(c -> assertThat(c.users())
                .anySatisfy(u -> assertThat(u.presences()).hasSize(2)));
        assertThat(calls).anySatisfy(c -> assertThat(c.roomString()).startsWith("room-"));
    }
}
