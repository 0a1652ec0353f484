package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
    private static final Schema RECORD = Schema.createRecord("QualitySample", null, "dev.avro", false,
            java.util.List.of());

    @Test
    void namesSubjectsLikeConfluent() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", false, RECORD)).isEqualTo("t-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", true, RECORD)).isEqualTo("t-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("t", false, RECORD)).isEqualTo("dev.avro.QualitySample");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", true, RECORD))
                .isEqualTo("t-dev.avro.QualitySample");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("t", false,
                Schema.createUnion(Schema.create(Schema.Type.NULL), RECORD))).isEqualTo("dev.avro.QualitySample");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("t", false, Schema.create(Schema.Type.LONG)))
                .isEqualTo("long");
    }

    @Test
    void acceptsConfluentClassNamesAndShortForms() {
        for (SubjectNameStrategy strategy : SubjectNameStrategy.values()) {
            assertThat(SubjectNameStrategy.parse(strategy.confluentClass())).isEqualTo(strategy);
            assertThat(SubjectNameStrategy.parse(strategy.name().toLowerCase())).isEqualTo(strategy);
        }
        assertThat(SubjectNameStrategy.parse("TopicRecordNameStrategy")).isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(SubjectNameStrategy.parse(" record-name ")).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThatThrownBy(() -> SubjectNameStrategy.parse("Nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown subject name strategy 'Nope'");
    }
}
