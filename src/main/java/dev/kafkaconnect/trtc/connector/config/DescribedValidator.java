package dev.kafkaconnect.trtc.connector.config;

import org.apache.kafka.common.config.ConfigDef;

/** A validator with a description of the valid values, for UIs and the generated reference. */
final class DescribedValidator implements ConfigDef.Validator {
    private final String description;
    private final ConfigDef.Validator check;

    DescribedValidator(String description, ConfigDef.Validator check) {
        this.description = description;
        this.check = check;
    }

    @Override
    public void ensureValid(String name, Object value) {
        check.ensureValid(name, value);
    }

    @Override
    public String toString() {
        return description;
    }
}
