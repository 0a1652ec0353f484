package dev.kafkaconnect.trtc.converter;

import java.util.Arrays;
import java.util.Locale;
import org.apache.avro.Schema;

/**
 * How a record's subject is named, as in Confluent's serializers. Confluent's class names are accepted too, so
 * existing {@code key.subject.name.strategy}/{@code value.subject.name.strategy} settings keep working.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME("io.confluent.kafka.serializers.subject.TopicNameStrategy"),
    /** The record's full name: one lineage per record type, shared by every topic carrying it. */
    RECORD_NAME("io.confluent.kafka.serializers.subject.RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types per topic, each with its own lineage. */
    TOPIC_RECORD_NAME("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy");

    private final String confluentClass;

    SubjectNameStrategy(String confluentClass) {
        this.confluentClass = confluentClass;
    }

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> recordName(schema);
            case TOPIC_RECORD_NAME -> topic + "-" + recordName(schema);
        };
    }

    /** Names for records, enums and fixed; the type name (e.g. {@code string}) for others, as Confluent does. */
    private static String recordName(Schema schema) {
        Schema named = schema;
        if (schema.isUnion()) {
            named = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
        }
        return switch (named.getType()) {
            case RECORD, ENUM, FIXED -> named.getFullName();
            default -> named.getType().getName();
        };
    }

    /** Parses a strategy setting: the enum name in any case, a hyphenated/dotted form, or Confluent's class name. */
    public static SubjectNameStrategy parse(String value) {
        String trimmed = value.trim();
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.confluentClass.equals(trimmed)
                    || strategy.name().equalsIgnoreCase(trimmed.replace('-', '_').replace('.', '_'))
                    || strategy.simpleClassName().equals(trimmed)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown subject name strategy '" + value + "'; use one of "
                + Arrays.toString(values()).toLowerCase(Locale.ROOT) + " or Confluent's class names "
                + Arrays.stream(values()).map(s -> s.confluentClass).toList());
    }

    private String simpleClassName() {
        return confluentClass.substring(confluentClass.lastIndexOf('.') + 1);
    }

    public String confluentClass() {
        return confluentClass;
    }
}
