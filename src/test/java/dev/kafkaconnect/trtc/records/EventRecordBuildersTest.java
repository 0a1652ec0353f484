package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder.Cause;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder.Experience;
import dev.kafkaconnect.trtc.records.UserEventRecordBuilder.Event;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class EventRecordBuildersTest {
    static final long APP = 1400188366L;
    static final String COMM = "1400188366_218695_1714518000";
    static final Map<String, Object> PARTITION = Map.of("commId", COMM);
    static final Map<String, Object> OFFSET = Map.of("cursor", 1L);

    private final UserEventRecordBuilder events = new UserEventRecordBuilder(APP, "trtc.1400188366.user-events");
    private final AbnormalExperienceRecordBuilder experiences =
            new AbnormalExperienceRecordBuilder(APP, "trtc.1400188366.abnormal-experiences");

    @Test
    void aUserEventCarriesItsFieldsItsNameAndItsTime() {
        Struct key = events.key(COMM, "u1");
        SourceRecord r = events.userEvent(PARTITION, OFFSET, key, "218695",
                new Event("u2", 1_714_518_012_345L, 4006, 2, 1, -1));

        validate(r);
        assertThat(r.topic()).isEqualTo("trtc.1400188366.user-events");
        assertThat(r.timestamp()).isEqualTo(1_714_518_012_345L);
        assertThat(r.key()).isSameAs(key);
        assertThat(r.keySchema()).isSameAs(SampleRecordBuilder.KEY_SCHEMA);
        assertThat(r.sourcePartition()).isSameAs(PARTITION);
        assertThat(r.sourceOffset()).isSameAs(OFFSET);
        Struct v = (Struct) r.value();
        assertThat(v.getInt64("sdkAppId")).isEqualTo(APP);
        assertThat(v.getString("commId")).isEqualTo(COMM);
        assertThat(v.getString("roomId")).isEqualTo("218695");
        assertThat(v.getString("userId")).isEqualTo("u1");
        assertThat(v.getString("peerId")).isEqualTo("u2");
        assertThat(v.get("time")).isEqualTo(new Date(1_714_518_012_345L));
        assertThat(v.getInt32("eventId")).isEqualTo(4006);
        assertThat(v.getString("eventName")).isEqualTo("The user disabled video upstreaming");
        assertThat(v.getInt32("streamType")).isEqualTo(2);
        assertThat(v.getString("streamTypeName")).isEqualTo("BIG");
        assertThat(v.getInt32("paramOne")).isEqualTo(1);
        assertThat(v.getInt32("paramTwo")).isEqualTo(-1);
    }

    @Test
    void theUsersOwnEventsHaveNoPeerAndUnknownNumbersPassThroughWithoutAName() {
        Struct key = events.key(COMM, "u1");
        for (String own : new String[] {null, "", "u1"}) {
            SourceRecord r = events.userEvent(PARTITION, OFFSET, key, "218695", new Event(own, 5L, 1003, 0, 1, -1));
            assertThat(((Struct) r.value()).getString("peerId")).as("peer '%s'", own).isNull();
        }
        SourceRecord unknown = events.userEvent(PARTITION, OFFSET, key, "218695",
                new Event(null, 5L, 8888, 5, -7, 42));
        validate(unknown);
        Struct v = (Struct) unknown.value();
        assertThat(v.getInt32("eventId")).isEqualTo(8888);
        assertThat(v.getString("eventName")).isNull();
        assertThat(v.getInt32("streamType")).isEqualTo(5);
        assertThat(v.getString("streamTypeName")).isNull();
        assertThat(v.getInt32("paramOne")).isEqualTo(-7);
        assertThat(v.getInt32("paramTwo")).isEqualTo(42);
    }

    @Test
    void streamTypesHaveTheirWords() {
        assertThat(UserEventRecordBuilder.streamTypeName(0)).isEqualTo("NOT_VIDEO");
        assertThat(UserEventRecordBuilder.streamTypeName(2)).isEqualTo("BIG");
        assertThat(UserEventRecordBuilder.streamTypeName(3)).isEqualTo("SMALL");
        assertThat(UserEventRecordBuilder.streamTypeName(7)).isEqualTo("RELAYED");
        assertThat(UserEventRecordBuilder.streamTypeName(1)).isNull();
    }

    @Test
    void anAbnormalExperienceCarriesItsCausesInOrderWithTheirNames() {
        Struct key = experiences.key(COMM, "u1");
        SourceRecord r = experiences.abnormalExperience(PARTITION, OFFSET, key, "218695",
                new Experience(4, 1_714_518_060_000L,
                        List.of(new Cause(2024, "u2"), new Cause(2001, ""), new Cause(4242, null)), true));

        validate(r);
        assertThat(r.topic()).isEqualTo("trtc.1400188366.abnormal-experiences");
        assertThat(r.timestamp()).isEqualTo(1_714_518_060_000L);
        assertThat(r.key()).isSameAs(key);
        Struct v = (Struct) r.value();
        assertThat(v.getString("commId")).isEqualTo(COMM);
        assertThat(v.getString("roomId")).isEqualTo("218695");
        assertThat(v.getString("userId")).isEqualTo("u1");
        assertThat(v.getInt32("experienceId")).isEqualTo(4);
        assertThat(v.getString("experienceName")).isEqualTo("Video lagged");
        assertThat(v.get("time")).isEqualTo(new Date(1_714_518_060_000L));
        assertThat(v.getBoolean("possiblyIncomplete")).isTrue();
        List<Struct> causes = v.getArray("abnormalEvents");
        assertThat(causes).extracting(c -> c.getInt32("abnormalEventId")).containsExactly(2024, 2001, 4242);
        assertThat(causes).extracting(c -> c.getString("abnormalEventName"))
                .containsExactly("The downstream big image lagged", "The system CPU utilization was too high", null);
        assertThat(causes).extracting(c -> c.getString("peerId")).containsExactly("u2", null, null);
    }

    @Test
    void anExperienceWithoutCausesOrAKnownIdPassesThrough() {
        Struct key = experiences.key(COMM, "u1");
        for (List<Cause> none : java.util.Arrays.<List<Cause>>asList(null, List.of())) {
            SourceRecord r = experiences.abnormalExperience(PARTITION, OFFSET, key, "218695",
                    new Experience(77, 1000L, none, false));
            validate(r);
            Struct v = (Struct) r.value();
            assertThat(v.getArray("abnormalEvents")).isEmpty();
            assertThat(v.getInt32("experienceId")).isEqualTo(77);
            assertThat(v.getString("experienceName")).isNull();
            assertThat(v.getBoolean("possiblyIncomplete")).isFalse();
        }
    }

    @Test
    void theCausesAreCopiedNotShared() {
        List<Cause> causes = new ArrayList<>(List.of(new Cause(2001, "")));
        Experience experience = new Experience(5, 1000L, causes, false);
        causes.add(new Cause(2002, ""));
        assertThat(experience.causes()).hasSize(1);
        assertThatThrownBy(() -> new Experience(5, 1000L, java.util.Arrays.asList(new Cause(2001, ""), null), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cause 1 must not be null");
    }

    @Test
    void eventTimesInSecondsOrMillisecondsBecomeMilliseconds() {
        assertThat(AbnormalExperienceRecordBuilder.eventTimeMillis(1_714_518_060L)).isEqualTo(1_714_518_060_000L);
        assertThat(AbnormalExperienceRecordBuilder.eventTimeMillis(1_714_518_060_123L)).isEqualTo(1_714_518_060_123L);
        assertThat(AbnormalExperienceRecordBuilder.eventTimeMillis(99_999_999_999L)).isEqualTo(99_999_999_999_000L);
        assertThat(AbnormalExperienceRecordBuilder.eventTimeMillis(100_000_000_000L)).isEqualTo(100_000_000_000L);
    }

    @Test
    void emptyIdsAndForeignKeysAreRefusedNamingTheField() {
        Struct key = events.key(COMM, "u1");
        Event event = new Event(null, 1L, 5001, 0, -1, -1);
        assertThatThrownBy(() -> events.key("", "u1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user event field commId must not be empty");
        assertThatThrownBy(() -> events.key(COMM, null)).hasMessage("user event field userId must not be null");
        assertThatThrownBy(() -> events.userEvent(PARTITION, OFFSET, key, "", event))
                .hasMessage("user event field roomId must not be empty");
        assertThatThrownBy(() -> events.userEvent(PARTITION, OFFSET, key, "218695", null))
                .hasMessage("user event must not be null");
        assertThatThrownBy(() -> events.userEvent(PARTITION, OFFSET, null, "218695", event))
                .hasMessageContaining("key must be a CallUserKey");
        Struct callKey = new Struct(AvroSchemas.connectSchema(AvroSchemas.CALL_KEY)).put("sdkAppId", APP)
                .put("commId", COMM);
        assertThatThrownBy(() -> events.userEvent(PARTITION, OFFSET, callKey, "218695", event))
                .hasMessageContaining("key must be a CallUserKey, got dev.kafkaconnect.trtc.avro.CallKey");
        Struct otherApp = new UserEventRecordBuilder(1400000001L, "t").key(COMM, "u1");
        assertThatThrownBy(() -> events.userEvent(PARTITION, OFFSET, otherApp, "218695", event))
                .hasMessage("user event key is for application 1400000001, not 1400188366");
        Struct noUser = new Struct(SampleRecordBuilder.KEY_SCHEMA).put("sdkAppId", APP).put("commId", COMM)
                .put("userId", "");
        assertThatThrownBy(() -> events.userEvent(PARTITION, OFFSET, noUser, "218695", event))
                .hasMessage("user event field userId must not be empty");

        Struct userKey = experiences.key(COMM, "u1");
        Experience experience = new Experience(1, 1L, List.of(), false);
        assertThatThrownBy(() -> experiences.key(null, "u1"))
                .hasMessage("abnormal experience field commId must not be null");
        assertThatThrownBy(() -> experiences.abnormalExperience(PARTITION, OFFSET, userKey, null, experience))
                .hasMessage("abnormal experience field roomId must not be null");
        assertThatThrownBy(() -> experiences.abnormalExperience(PARTITION, OFFSET, userKey, "218695", null))
                .hasMessage("abnormal experience must not be null");
        assertThatThrownBy(() -> experiences.abnormalExperience(PARTITION, OFFSET, noUser, "218695", experience))
                .hasMessage("abnormal experience field userId must not be empty");
    }

    @Test
    void theSameInputIsTheSameRecord() {
        Struct key = events.key(COMM, "u1");
        Event event = new Event("u2", 7L, 3001, 0, 1, -1);
        assertThat(events.userEvent(PARTITION, OFFSET, key, "218695", event).value())
                .isEqualTo(events.userEvent(PARTITION, OFFSET, key, "218695", event).value());
        Experience experience = new Experience(4, 7L, List.of(new Cause(2024, "u2")), true);
        Struct userKey = experiences.key(COMM, "u1");
        assertThat(experiences.abnormalExperience(PARTITION, OFFSET, userKey, "218695", experience).value())
                .isEqualTo(experiences.abnormalExperience(PARTITION, OFFSET, userKey, "218695", experience).value());
    }

    private static void validate(SourceRecord r) {
        ConnectSchema.validateValue(r.keySchema(), r.key());
        ConnectSchema.validateValue(r.valueSchema(), r.value());
    }
}
