package dev.kafkaconnect.trtc.connector.config;

import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The optional record streams a connector reads per call besides the call-detail records (quality samples,
 * participants, call ends), chosen by {@value TrtcSourceConfig#STREAMS}. Each is read through an API action that the
 * service limits on its own, so each carries its own connector-wide budget setting, its task share and its topic:
 * a stream never spends, or waits for, another's requests.
 */
public enum EventStream {
    ABNORMAL_EXPERIENCES("abnormal-experiences", UnusualEventRequest.ACTION,
            TrtcSourceConfig.ABNORMAL_EXPERIENCES_RATE_LIMIT, TrtcSourceConfig.TOPIC_ABNORMAL_EXPERIENCES,
            "trtc.task.abnormal.experiences.rate.limit"),
    USER_EVENTS("user-events", UserEventRequest.ACTION, TrtcSourceConfig.USER_EVENTS_RATE_LIMIT,
            TrtcSourceConfig.TOPIC_USER_EVENTS, "trtc.task.user.events.rate.limit");

    private final String configName;
    private final String action;
    private final String rateLimitKey;
    private final String topicKey;
    private final String taskRateLimitKey;

    EventStream(String configName, String action, String rateLimitKey, String topicKey, String taskRateLimitKey) {
        this.configName = configName;
        this.action = action;
        this.rateLimitKey = rateLimitKey;
        this.topicKey = topicKey;
        this.taskRateLimitKey = taskRateLimitKey;
    }

    /** The stream's value in {@value TrtcSourceConfig#STREAMS}, also its tag in the metrics. */
    public String configName() {
        return configName;
    }

    /** The API action the stream is read through; the service limits each such action on its own. */
    public String action() {
        return action;
    }

    /** The connector-wide setting of the action's requests per second. */
    public String rateLimitKey() {
        return rateLimitKey;
    }

    /** The setting of the topic the stream's records go to. */
    public String topicKey() {
        return topicKey;
    }

    /** The task setting holding the task's whole share of {@link #rateLimitKey()}, written by the connector. */
    public String taskRateLimitKey() {
        return taskRateLimitKey;
    }

    /** The config names of every stream, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(EventStream::configName).toList();
    }

    /**
     * The stream named {@code value} (surrounding blanks and case ignored).
     *
     * @throws IllegalArgumentException naming the valid values when no stream has that name
     */
    public static EventStream parse(String value) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (EventStream s : values()) {
            if (s.configName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stream '" + value + "'; valid values: "
                + String.join(", ", configNames()) + " (or an empty list for the call-detail records only)");
    }

    @Override
    public String toString() {
        return configName;
    }
}
