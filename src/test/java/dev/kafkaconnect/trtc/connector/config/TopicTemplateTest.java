package dev.kafkaconnect.trtc.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.connector.TrtcSourceConnectorTest;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ${sdkAppId}} in each topic setting becomes the configured SDKAppID, wherever and however often it appears. */
class TopicTemplateTest {
    static final long APP = TrtcSourceConnectorTest.APP;

    static java.util.stream.Stream<Arguments> topicSettings() {
        return java.util.stream.Stream.of(
                Arguments.of(TrtcSourceConfig.TOPIC_SAMPLES, (Function<TrtcSourceConfig, String>) TrtcSourceConfig::samplesTopic),
                Arguments.of(TrtcSourceConfig.TOPIC_SNAPSHOTS, (Function<TrtcSourceConfig, String>) TrtcSourceConfig::snapshotsTopic),
                Arguments.of(TrtcSourceConfig.TOPIC_PARTICIPANTS, (Function<TrtcSourceConfig, String>) TrtcSourceConfig::participantsTopic),
                Arguments.of(TrtcSourceConfig.TOPIC_CALLS, (Function<TrtcSourceConfig, String>) TrtcSourceConfig::callsTopic),
                Arguments.of(TrtcSourceConfig.TOPIC_ABNORMAL_EXPERIENCES,
                        (Function<TrtcSourceConfig, String>) TrtcSourceConfig::abnormalExperiencesTopic),
                Arguments.of(TrtcSourceConfig.TOPIC_USER_EVENTS,
                        (Function<TrtcSourceConfig, String>) TrtcSourceConfig::userEventsTopic));
    }

    static TrtcSourceConfig with(String key, String template) {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(key, template);
        return new TrtcSourceConfig(props);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSettings")
    void thePlaceholderIsReplacedAtTheStartInsideAndAtTheEndAndEachTime(String key, Function<TrtcSourceConfig, String> topic) {
        assertThat(topic.apply(with(key, "${sdkAppId}"))).isEqualTo(Long.toString(APP));
        assertThat(topic.apply(with(key, "${sdkAppId}.q"))).isEqualTo(APP + ".q");
        assertThat(topic.apply(with(key, "a-${sdkAppId}_b"))).isEqualTo("a-" + APP + "_b");
        assertThat(topic.apply(with(key, "x.${sdkAppId}"))).isEqualTo("x." + APP);
        assertThat(topic.apply(with(key, "${sdkAppId}.${sdkAppId}"))).isEqualTo(APP + "." + APP);
        assertThat(topic.apply(with(key, "fixed.name"))).isEqualTo("fixed.name");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSettings")
    void theDefaultCarriesTheSdkAppId(String key, Function<TrtcSourceConfig, String> topic) {
        String resolved = topic.apply(new TrtcSourceConfig(TrtcSourceConnectorTest.valid()));
        assertThat(resolved).startsWith("trtc." + APP + ".").doesNotContain("$");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicSettings")
    void aMisspelledPlaceholderOrAnIllegalNameIsRejectedNamingTheSetting(String key, Function<TrtcSourceConfig, String> topic) {
        for (String bad : new String[] {"${sdkappid}.q", "${SdkAppId}", "{sdkAppId}", "a b", "", "..", "x".repeat(250)}) {
            assertThatThrownBy(() -> with(key, bad)).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining(key);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {239, 240})
    void theLengthLimitCountsTheSubstitutedName(int fixedChars) {
        // The SDKAppID has 10 digits: 239 + 10 = 249 is the longest legal topic name, 250 is one too long.
        String template = "t".repeat(fixedChars) + "${sdkAppId}";
        if (fixedChars + Long.toString(APP).length() <= 249) {
            assertThat(with(TrtcSourceConfig.TOPIC_SAMPLES, template).samplesTopic()).hasSize(fixedChars + 10);
        } else {
            assertThatThrownBy(() -> with(TrtcSourceConfig.TOPIC_SAMPLES, template)).isInstanceOf(ConfigException.class);
        }
    }

    @org.junit.jupiter.api.Test
    void aLongerSdkAppIdThatPushesTheNamePastTheLimitIsRejectedNamingTheSetting() {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(TrtcSourceConfig.SDK_APP_ID, "14001883660");
        props.put(TrtcSourceConfig.TOPIC_PARTICIPANTS, "t".repeat(239) + "${sdkAppId}");
        TrtcSourceConfig config = new TrtcSourceConfig(props);
        assertThatThrownBy(config::participantsTopic).isInstanceOf(ConfigException.class)
                .hasMessageContaining(TrtcSourceConfig.TOPIC_PARTICIPANTS).hasMessageContaining("250 characters");
    }
}
