package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.Time;

/** What {@code validate()} reports, by setting, for a connector that must not send any request. */
final class ValidationErrors {
    private ValidationErrors() {
    }

    /** The error messages of each setting in error. */
    static Map<String, List<String>> of(Map<String, String> props, Time clock) {
        TrtcSourceConnector connector = new TrtcSourceConnector((c, r, k) -> {
            throw new AssertionError("no request expected");
        }, clock);
        return connector.validate(props).configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    /** {@code base} with {@code key} set to {@code value} is reported on that key alone, with {@code message}. */
    static void assertReportedOnItsKey(Map<String, String> base, Time clock, String key, String value,
                                       String message) {
        Map<String, String> props = new HashMap<>(base);
        props.put(key, value);
        Map<String, List<String>> errors = of(props, clock);
        assertThat(errors).containsOnlyKeys(key);
        assertThat(errors.get(key)).anySatisfy(m -> assertThat(m).contains(message));
    }
}
