package dev.kafkaconnect.trtc.connector.config;

import static dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.connector.TrtcSourceConnectorTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional event streams' settings: which are read, their topics, budgets and the task shares. */
class EventStreamConfigTest {
    static final long APP = TrtcSourceConnectorTest.APP;
    static final EventStream EXPERIENCES = EventStream.ABNORMAL_EXPERIENCES;
    static final String SHARE = "trtc.task.abnormal.experiences.rate.limit";
    static final EventStream USER_EVENTS = EventStream.USER_EVENTS;
    static final String USER_SHARE = "trtc.task.user.events.rate.limit";

    static TrtcSourceConfig with(String key, String value) {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(key, value);
        return new TrtcSourceConfig(props);
    }

    static Map<String, String> taskProps(Map<String, String> connectorProps, Map<EventStream, Integer> shares) {
        return TrtcSourceTaskConfig.of(connectorProps, List.of(APP + "_218695_1789996400"), 7, shares, 0);
    }

    @Test
    void theAbnormalExperiencesStreamNamesItsActionAndSettings() {
        assertThat(EXPERIENCES.configName()).isEqualTo("abnormal-experiences");
        assertThat(EXPERIENCES.action()).isEqualTo(UnusualEventRequest.ACTION).isEqualTo("DescribeUnusualEvent");
        assertThat(EXPERIENCES.rateLimitKey()).isEqualTo(ABNORMAL_EXPERIENCES_RATE_LIMIT)
                .isEqualTo("trtc.abnormal.experiences.rate.limit");
        assertThat(EXPERIENCES.topicKey()).isEqualTo(TOPIC_ABNORMAL_EXPERIENCES)
                .isEqualTo("trtc.topic.abnormal.experiences");
        assertThat(EXPERIENCES.taskRateLimitKey()).isEqualTo(SHARE);
        for (EventStream stream : EventStream.values()) {
            assertThat(CONFIG_DEF.names()).as("settings of %s", stream)
                    .contains(stream.rateLimitKey(), stream.topicKey());
            assertThat(TrtcSourceTaskConfig.TASK_CONFIG_DEF.names()).contains(stream.taskRateLimitKey());
        }
    }

    @Test
    void theUserEventsStreamNamesItsActionAndSettings() {
        assertThat(USER_EVENTS.configName()).isEqualTo("user-events");
        assertThat(USER_EVENTS.action()).isEqualTo(UserEventRequest.ACTION).isEqualTo("DescribeUserEvent");
        assertThat(USER_EVENTS.rateLimitKey()).isEqualTo(USER_EVENTS_RATE_LIMIT)
                .isEqualTo("trtc.user.events.rate.limit");
        assertThat(USER_EVENTS.topicKey()).isEqualTo(TOPIC_USER_EVENTS).isEqualTo("trtc.topic.user.events");
        assertThat(USER_EVENTS.taskRateLimitKey()).isEqualTo(USER_SHARE);
        assertThat(EventStream.values()).containsExactly(EXPERIENCES, USER_EVENTS);
        assertThat(EventStream.configNames()).containsExactly("abnormal-experiences", "user-events");
    }

    @Test
    void parsingIgnoresCaseAndBlanksAndAnUnknownNameListsTheValidOnes() {
        assertThat(EventStream.parse(" Abnormal-Experiences ")).isEqualTo(EXPERIENCES);
        assertThat(EventStream.parse(" User-Events ")).isEqualTo(USER_EVENTS);
        assertThatThrownBy(() -> EventStream.parse("abnormal_experiences")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown stream 'abnormal_experiences'")
                .hasMessageContaining("valid values: abnormal-experiences, user-events");
    }

    @Test
    void byDefaultBothStreamsAreReadEachUnderItsOwnBudgetOnItsOwnTopic() {
        TrtcSourceConfig config = new TrtcSourceConfig(TrtcSourceConnectorTest.valid());
        assertThat(config.streams()).containsExactly(EXPERIENCES, USER_EVENTS);
        assertThat(config.rateLimit(EXPERIENCES)).isEqualTo(SERVICE_RATE_LIMIT).isEqualTo(20);
        assertThat(config.rateLimit(USER_EVENTS)).isEqualTo(SERVICE_RATE_LIMIT).isEqualTo(20);
        assertThat(config.abnormalExperiencesTopic()).isEqualTo("trtc." + APP + ".abnormal-experiences");
        assertThat(config.streamTopic(EXPERIENCES)).isEqualTo(config.abnormalExperiencesTopic());
        assertThat(config.userEventsTopic()).isEqualTo("trtc." + APP + ".user-events");
        assertThat(config.streamTopic(USER_EVENTS)).isEqualTo(config.userEventsTopic());
        assertThat(config.eventActionRateLimits()).containsExactly(Map.entry(UnusualEventRequest.ACTION, 20),
                Map.entry(UserEventRequest.ACTION, 20));
    }

    @Test
    void userEventsNotListedAreNotReadButHaveTheirOwnBudgetAndTopic() {
        TrtcSourceConfig config = with(STREAMS, "abnormal-experiences");
        assertThat(config.streams()).containsExactly(EXPERIENCES);
        assertThat(config.rateLimit(USER_EVENTS)).isEqualTo(SERVICE_RATE_LIMIT);
        assertThat(config.userEventsTopic()).isEqualTo("trtc." + APP + ".user-events");
        assertThat(config.streamTopic(USER_EVENTS)).isEqualTo(config.userEventsTopic());
        assertThat(config.eventActionRateLimits()).doesNotContainKey(UserEventRequest.ACTION);
    }

    @Test
    void bothStreamsAreReadEachUnderItsOwnBudgetWhateverTheirOrderInTheList() {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(STREAMS, "user-events,abnormal-experiences");
        props.put(USER_EVENTS_RATE_LIMIT, "5");
        TrtcSourceConfig config = new TrtcSourceConfig(props);
        assertThat(config.streams()).containsExactly(EXPERIENCES, USER_EVENTS);
        assertThat(config.rateLimit(USER_EVENTS)).isEqualTo(5);
        assertThat(config.rateLimit(EXPERIENCES)).as("the other stream's budget is untouched").isEqualTo(20);
        assertThat(config.rateLimit()).as("the call-detail budget is untouched").isEqualTo(20);
        assertThat(config.eventActionRateLimits()).containsExactly(Map.entry(UnusualEventRequest.ACTION, 20),
                Map.entry(UserEventRequest.ACTION, 5));
        assertThat(with(STREAMS, " User-Events ").streams()).containsExactly(USER_EVENTS);
    }

    @Test
    void anEmptyListReadsTheCallDetailRecordsOnly() {
        TrtcSourceConfig config = with(STREAMS, "");
        assertThat(config.streams()).isEmpty();
        assertThat(config.eventActionRateLimits()).isEmpty();
        assertThat(with(STREAMS, " , ").streams()).as("blank entries").isEmpty();
    }

    @Test
    void theStreamSetCannotBeChangedByItsReader() {
        Set<EventStream> streams = new TrtcSourceConfig(TrtcSourceConnectorTest.valid()).streams();
        assertThatThrownBy(() -> streams.remove(EXPERIENCES)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new TrtcSourceConfig(TrtcSourceConnectorTest.valid()).eventActionRateLimits()
                .clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theBudgetIsTheConfiguredOne() {
        TrtcSourceConfig config = with(ABNORMAL_EXPERIENCES_RATE_LIMIT, "3");
        assertThat(config.rateLimit(EXPERIENCES)).isEqualTo(3);
        assertThat(config.rateLimit()).as("the call-detail budget is untouched").isEqualTo(20);
        assertThat(config.rateLimit(USER_EVENTS)).as("the other stream's budget is untouched").isEqualTo(20);
        assertThat(config.eventActionRateLimits()).containsExactly(Map.entry(UnusualEventRequest.ACTION, 3),
                Map.entry(UserEventRequest.ACTION, 20));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "trtc.streams; user_events; unknown stream 'user_events'; valid values: abnormal-experiences, user-events",
        "trtc.streams; abnormal-experiences,Abnormal-Experiences; listed twice; abnormal-experiences",
        "trtc.streams; user-events,abnormal-experiences,User-Events; 'User-Events' is listed twice; user-events",
        "trtc.abnormal.experiences.rate.limit; 0; Value must be at least 1; 0",
        "trtc.abnormal.experiences.rate.limit; many; Not a number of type INT; many",
        "trtc.topic.abnormal.experiences; bad topic; not a valid topic name; bad topic",
        "trtc.topic.abnormal.experiences; ${sdkappid}.x; not a valid topic name; sdkappid",
        "trtc.user.events.rate.limit; 0; Value must be at least 1; 0",
        "trtc.user.events.rate.limit; -1; Value must be at least 1; -1",
        "trtc.user.events.rate.limit; many; Not a number of type INT; many",
        "trtc.topic.user.events; bad topic; not a valid topic name; bad topic",
        "trtc.topic.user.events; ${sdkappid}.x; not a valid topic name; sdkappid",
    })
    void aBadValueIsRejectedNamingTheSetting(String key, String value, String message, String echoed) {
        assertThatThrownBy(() -> with(key, value)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key).hasMessageContaining(message).hasMessageContaining(echoed);
    }

    @Test
    void theTaskCarriesItsShareOfEachEnabledStream() {
        TrtcSourceTaskConfig task = new TrtcSourceTaskConfig(taskProps(TrtcSourceConnectorTest.valid(),
                Map.of(EXPERIENCES, 3, USER_EVENTS, 2)));
        assertThat(task.taskRateLimit()).isEqualTo(7);
        assertThat(task.taskRateLimit(EXPERIENCES)).isEqualTo(3);
        assertThat(task.taskRateLimit(USER_EVENTS)).isEqualTo(2);
        assertThat(task.rateLimit(EXPERIENCES)).as("the connector-wide budget").isEqualTo(20);
        assertThat(task.rateLimit(USER_EVENTS)).as("the connector-wide budget").isEqualTo(20);
        assertThat(task.streamsWithoutShare()).isEmpty();
        assertThat(task.eventActionRateLimits()).as("the task's shares, not the connector's budgets")
                .containsExactly(Map.entry(UnusualEventRequest.ACTION, 3), Map.entry(UserEventRequest.ACTION, 2));
    }

    @Test
    void theTaskCarriesItsShareOfBothStreams() {
        Map<String, String> connector = TrtcSourceConnectorTest.valid();
        connector.put(STREAMS, "user-events,abnormal-experiences");
        Map<String, String> props = taskProps(connector, Map.of(EXPERIENCES, 3, USER_EVENTS, 2));
        assertThat(props).containsEntry(SHARE, "3").containsEntry(USER_SHARE, "2");
        TrtcSourceTaskConfig task = new TrtcSourceTaskConfig(props);
        assertThat(task.taskRateLimit(EXPERIENCES)).isEqualTo(3);
        assertThat(task.taskRateLimit(USER_EVENTS)).isEqualTo(2);
        assertThat(task.streamsWithoutShare()).isEmpty();
        assertThat(task.eventActionRateLimits()).containsExactly(Map.entry(UnusualEventRequest.ACTION, 3),
                Map.entry(UserEventRequest.ACTION, 2));
    }

    @Test
    void aTaskNotReadingUserEventsHasNoShareOfThem() {
        Map<String, String> connector = TrtcSourceConnectorTest.valid();
        connector.put(STREAMS, "abnormal-experiences");
        TrtcSourceTaskConfig task = new TrtcSourceTaskConfig(taskProps(connector, Map.of(EXPERIENCES, 3)));
        assertThat(task.eventActionRateLimits()).containsExactly(Map.entry(UnusualEventRequest.ACTION, 3));
        assertThat(task.originalsStrings()).doesNotContainKey(USER_SHARE);
        assertThatThrownBy(() -> task.taskRateLimit(USER_EVENTS)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(USER_SHARE).hasMessageContaining("does not list user-events");
    }

    @Test
    void aTaskConfigWrittenBeforeTheStreamExistedReadsItAtOneRequestASecond() {
        Map<String, String> props = taskProps(TrtcSourceConnectorTest.valid(), Map.of());
        assertThat(props).doesNotContainKeys(SHARE, USER_SHARE);
        TrtcSourceTaskConfig config = new TrtcSourceTaskConfig(props);
        assertThat(config.streamsWithoutShare()).as("both streams, read by default")
                .containsExactly(EXPERIENCES, USER_EVENTS);
        assertThat(config.taskRateLimit(EXPERIENCES)).isEqualTo(TrtcSourceTaskConfig.SHARE_WITHOUT_ASSIGNMENT);
        assertThat(config.taskRateLimit(USER_EVENTS)).isEqualTo(TrtcSourceTaskConfig.SHARE_WITHOUT_ASSIGNMENT);

        Map<String, String> experiencesOnly = TrtcSourceConnectorTest.valid();
        experiencesOnly.put(STREAMS, "abnormal-experiences");
        TrtcSourceTaskConfig one = new TrtcSourceTaskConfig(taskProps(experiencesOnly, Map.of()));
        assertThat(one.streamsWithoutShare()).containsExactly(EXPERIENCES);
        assertThat(one.taskRateLimit(EXPERIENCES)).isEqualTo(TrtcSourceTaskConfig.SHARE_WITHOUT_ASSIGNMENT);

        // Written when the default read the abnormal experiences only: the user events, read now, lack their share.
        TrtcSourceTaskConfig older = new TrtcSourceTaskConfig(taskProps(TrtcSourceConnectorTest.valid(),
                Map.of(EXPERIENCES, 3)));
        assertThat(older.streamsWithoutShare()).containsExactly(USER_EVENTS);
        assertThat(older.taskRateLimit(USER_EVENTS)).isEqualTo(TrtcSourceTaskConfig.SHARE_WITHOUT_ASSIGNMENT);
        assertThat(older.taskRateLimit(EXPERIENCES)).isEqualTo(3);

        Map<String, String> connector = TrtcSourceConnectorTest.valid();
        connector.put(STREAMS, "abnormal-experiences,user-events");
        TrtcSourceTaskConfig both = new TrtcSourceTaskConfig(taskProps(connector, Map.of(EXPERIENCES, 3)));
        assertThat(both.streamsWithoutShare()).as("only the stream lacking its share").containsExactly(USER_EVENTS);
        assertThat(both.taskRateLimit(USER_EVENTS)).isEqualTo(TrtcSourceTaskConfig.SHARE_WITHOUT_ASSIGNMENT);
        assertThat(both.taskRateLimit(EXPERIENCES)).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-2", "x"})
    void aShareThatIsNotAWholePositiveRateIsRejectedNamingTheKey(String share) {
        Map<String, String> props = taskProps(TrtcSourceConnectorTest.valid(), Map.of(EXPERIENCES, 3));
        props.put(SHARE, share);
        assertThatThrownBy(() -> new TrtcSourceTaskConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SHARE);

        Map<String, String> connector = TrtcSourceConnectorTest.valid();
        connector.put(STREAMS, "abnormal-experiences,user-events");
        Map<String, String> both = taskProps(connector, Map.of(EXPERIENCES, 3, USER_EVENTS, 2));
        both.put(USER_SHARE, share);
        assertThatThrownBy(() -> new TrtcSourceTaskConfig(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(USER_SHARE);
    }

    @Test
    void aTaskReadingNoStreamNeedsNoShareAndHasNone() {
        Map<String, String> connector = TrtcSourceConnectorTest.valid();
        connector.put(STREAMS, "");
        TrtcSourceTaskConfig task = new TrtcSourceTaskConfig(taskProps(connector, Map.of()));
        assertThat(task.streams()).isEmpty();
        assertThat(task.eventActionRateLimits()).isEmpty();
        assertThatThrownBy(() -> task.taskRateLimit(EXPERIENCES)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SHARE);
    }
}
