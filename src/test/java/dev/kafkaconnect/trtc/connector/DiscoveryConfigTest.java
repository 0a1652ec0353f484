package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.config.CallsMode;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.discovery.DiscoveredCallSourceTest;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of the discovery settings, reported on the setting to change. */
class DiscoveryConfigTest {
    final MockTime clock = new MockTime(0, TrtcSourceConnectorTest.NOW * 1000, 0);

    Map<String, List<String>> errors(Map<String, String> props) {
        return ValidationErrors.of(props, clock);
    }

    static Map<String, String> discover() {
        Map<String, String> p = TrtcSourceConnectorTest.valid();
        p.remove(COMM_IDS);
        p.put(CALLS_MODE, "discover");
        return p;
    }

    @Test
    void discoverModeNeedsNoCommIdsAndAcceptsItsSettings() {
        Map<String, String> p = discover();
        p.put(DISCOVERY_ROOM_INCLUDE, "class-[0-9]+");
        p.put(DISCOVERY_ROOM_EXCLUDE, ".*-test");
        p.put(DISCOVERY_MIN_DURATION_MS, "60000");
        assertThat(errors(p)).isEmpty();
        TrtcSourceConfig config = new TrtcSourceConfig(p);
        assertThat(config.callsMode()).isEqualTo(CallsMode.DISCOVER);
        assertThat(config.discoveryRoomInclude().pattern()).isEqualTo("class-[0-9]+");
        assertThat(config.discoveryRateLimit()).isEqualTo(2);
        assertThat(new TrtcSourceConfig(TrtcSourceConnectorTest.valid()).callsMode()).isEqualTo(CallsMode.LIST);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "trtc.comm.ids; 1400188366_218695_1789990000; must be empty when trtc.calls.mode=discover",
        "trtc.calls.mode; everything; must be one of",
        "trtc.discovery.room.include; class-[0-9; not a valid regular expression",
        "trtc.discovery.room.exclude; (x; not a valid regular expression",
        "trtc.discovery.rate.limit; 0; Value must be at least 1",
        "trtc.discovery.rate.limit; 21; Value must be no more than 20",
        "trtc.discovery.interval.ms; 10; Value must be at least 1000",
        "trtc.discovery.min.duration.ms; -1; Value must be at least 0",
        "trtc.discovery.max.calls; 0; Value must be at least 1",
    })
    void eachMistakeIsReportedOnItsSetting(String key, String value, String message) {
        ValidationErrors.assertReportedOnItsKey(discover(), clock, key, value, message);
    }

    @Test
    void theCredentialCheckInDiscoverModeAsksForTheRoomList() {
        MutableClock simClock = new MutableClock(clock.milliseconds() / 1000);
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(simClock).build().start()) {
            Map<String, String> p = DiscoveredCallSourceTest.props(sim);
            p.put(VALIDATE_CREDENTIALS, "true");
            TrtcSourceConnector connector = new TrtcSourceConnector(TrtcClients.FACTORY, new SimClock(simClock));
            assertThat(connector.validate(p).configValues())
                    .allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
            assertThat(sim.stats().requests("DescribeRoomInformation")).isEqualTo(1);
            assertThat(sim.stats().requests("DescribeCallDetail")).isZero();

            p.put(SECRET_KEY, "wrong-key-000000000000000000000000");
            Map<String, List<String>> errors = connector.validate(p).configValues().stream()
                    .filter(v -> !v.errorMessages().isEmpty())
                    .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
            assertThat(errors).containsOnlyKeys(SECRET_ID, SECRET_KEY);
            assertThat(errors.get(SECRET_KEY).get(0)).contains("AuthFailure").doesNotContain("wrong-key");
        }
    }

    @Test
    void listModeWithoutCallsPointsAtDiscovery() {
        Map<String, String> p = TrtcSourceConnectorTest.valid();
        p.remove(COMM_IDS);
        assertThat(errors(p).get(COMM_IDS)).anySatisfy(m -> assertThat(m).contains(CALLS_MODE + "=discover"));
    }
}
