package dev.kafkaconnect.trtc.connector.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validator and recommender for a setting whose value is one of an enum's constants, written in lower case with
 * '-' for '_'.
 * Lets UIs offer the choices and rejects anything else with the list of valid values.
 */
final class EnumSetting<E extends Enum<E>> implements ConfigDef.Validator, ConfigDef.Recommender {
    private final Class<E> type;
    private final List<Object> names;

    EnumSetting(Class<E> type) {
        this.type = type;
        this.names = Arrays.stream(type.getEnumConstants()).map(e -> (Object) name(e)).toList();
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    E parse(String value) {
        for (E e : type.getEnumConstants()) {
            if (name(e).equalsIgnoreCase(value == null ? "" : value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of " + names);
    }

    @Override
    public void ensureValid(String name, Object value) {
        try {
            parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    @Override
    public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
        return names;
    }

    @Override
    public boolean visible(String name, Map<String, Object> parsedConfig) {
        return true;
    }

    @Override
    public String toString() {
        return String.join(", ", names.stream().map(String::valueOf).toList());
    }
}
