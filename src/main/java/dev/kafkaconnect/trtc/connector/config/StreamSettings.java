package dev.kafkaconnect.trtc.connector.config;

import static dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The settings of the optional event streams ({@link EventStream}): which are read, and each one's topic and
 * request budget. Defined here to keep {@link TrtcSourceConfig}'s definitions readable; each method defines its
 * settings in the group the caller is filling and returns the group's next order.
 */
final class StreamSettings {
    /** Validates and recommends {@value TrtcSourceConfig#STREAMS}. */
    static final StreamList STREAM_LIST = new StreamList();

    private StreamSettings() {
    }

    /** {@value TrtcSourceConfig#STREAMS}, in {@value TrtcSourceConfig#CALLS_GROUP}. */
    static int defineStreams(ConfigDef def, int order) {
        def.define(STREAMS, Type.LIST, String.join(",", EventStream.configNames()), STREAM_LIST, Importance.MEDIUM,
                "Optional record streams read for each call, besides the quality samples, participants and call "
                        + "ends, which are always read. 'abnormal-experiences': the abnormal experiences TRTC "
                        + "diagnoses for each user, with their probable causes (DescribeUnusualEvent), as "
                        + "AbnormalExperience records on " + TOPIC_ABNORMAL_EXPERIENCES + ". 'user-events': each "
                        + "user's event timeline (DescribeUserEvent: devices, network, audio and video capture and "
                        + "playback, as the SDK reports them), as UserEvent records on " + TOPIC_USER_EVENTS
                        + "; one request per user listed by the call's samples and range read (one per user for a call "
                        + "caught up from a backlog, one per user and samples window while live). Each stream's "
                        + "action has its own budget at the service and here (" + ABNORMAL_EXPERIENCES_RATE_LIMIT
                        + ", " + USER_EVENTS_RATE_LIMIT + "), so reading a stream never slows the samples or the "
                        + "other stream. Empty: the call-detail records only. A stream whose "
                        + "action the account's monitoring tier does not serve is stopped with one WARN naming this "
                        + "setting (metric stream-disabled) while the other streams and the call-detail records go "
                        + "on; remove it from this list to stop asking. Each stream may be listed once.",
                CALLS_GROUP, ++order, Width.MEDIUM, "Event streams", STREAM_LIST);
        return order;
    }

    /** Each stream's topic, in {@value TrtcSourceConfig#RECORDS_GROUP}. */
    static int defineTopics(ConfigDef def, int order, ConfigDef.Validator topicValidator) {
        def.define(TOPIC_ABNORMAL_EXPERIENCES, Type.STRING,
                "trtc." + SDK_APP_ID_PLACEHOLDER + ".abnormal-experiences", topicValidator, Importance.MEDIUM,
                "Topic of the abnormal-experience records (AbnormalExperience, keyed by call and user like the "
                        + "samples), written when " + STREAMS + " lists abnormal-experiences. "
                        + SDK_APP_ID_PLACEHOLDER + " is replaced by trtc.sdk.app.id. A topic of its own: the record "
                        + "types have different schemas.",
                RECORDS_GROUP, ++order, Width.LONG, "Abnormal experiences topic");
        def.define(TOPIC_USER_EVENTS, Type.STRING,
                "trtc." + SDK_APP_ID_PLACEHOLDER + ".user-events", topicValidator, Importance.MEDIUM,
                "Topic of the user-event records (UserEvent, keyed by call and user like the samples), written "
                        + "when " + STREAMS + " lists user-events. " + SDK_APP_ID_PLACEHOLDER + " is replaced by "
                        + "trtc.sdk.app.id. A topic of its own: the record types have different schemas.",
                RECORDS_GROUP, ++order, Width.LONG, "User events topic");
        return order;
    }

    /** Each stream's connector-wide budget, in {@value TrtcSourceConfig#LIMITS_GROUP}. */
    static int defineRateLimits(ConfigDef def, int order) {
        def.define(ABNORMAL_EXPERIENCES_RATE_LIMIT, Type.INT, SERVICE_RATE_LIMIT, Range.atLeast(1),
                Importance.MEDIUM,
                "Abnormal-experience requests (DescribeUnusualEvent) per second for the whole connector (all tasks "
                        + "together), when " + STREAMS + " lists abnormal-experiences. The service allows 20 per "
                        + "second per account and region for this action, apart from the call-detail action's 20: "
                        + "a budget of its own, so reading this stream never takes from " + RATE_LIMIT + ". Lower it "
                        + "when something else uses the key for this action. Split into whole per-task budgets and "
                        + "enforced as " + RATE_LIMIT + " is; so at most this many tasks run, whatever tasks.max "
                        + "says.",
                LIMITS_GROUP, ++order, Width.SHORT, "Abnormal experiences rate limit (requests/s)");
        def.define(USER_EVENTS_RATE_LIMIT, Type.INT, SERVICE_RATE_LIMIT, Range.atLeast(1), Importance.MEDIUM,
                "User-event requests (DescribeUserEvent) per second for the whole connector (all tasks together), "
                        + "when " + STREAMS + " lists user-events. The service allows 20 per second per account and "
                        + "region for this action, apart from the call-detail action's 20 and DescribeUnusualEvent's "
                        + "20: a budget of its own, so reading this stream never takes from " + RATE_LIMIT + " or "
                        + ABNORMAL_EXPERIENCES_RATE_LIMIT + ". Lower it when something else uses the key for this "
                        + "action. Split into whole per-task budgets and enforced as " + RATE_LIMIT + " is; so at "
                        + "most this many tasks run, whatever tasks.max says.",
                LIMITS_GROUP, ++order, Width.SHORT, "User events rate limit (requests/s)");
        return order;
    }

    /**
     * The streams listed in {@code values}, blanks ignored.
     *
     * @throws IllegalArgumentException naming the valid values on an unknown stream, or naming a stream listed twice
     */
    static Set<EventStream> parse(List<?> values) {
        Set<EventStream> out = EnumSet.noneOf(EventStream.class);
        for (Object o : values) {
            String s = String.valueOf(o);
            if (s.isBlank()) {
                continue;
            }
            if (!out.add(EventStream.parse(s))) {
                throw new IllegalArgumentException("'" + s.trim() + "' is listed twice");
            }
        }
        return Collections.unmodifiableSet(out);
    }

    /** Validator and recommender of the stream list: UIs offer the streams, anything else is refused. */
    static final class StreamList implements ConfigDef.Validator, ConfigDef.Recommender {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                parse(value == null ? List.of() : (List<?>) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
            return new ArrayList<>(EventStream.configNames());
        }

        @Override
        public boolean visible(String name, Map<String, Object> parsedConfig) {
            return true;
        }

        @Override
        public String toString() {
            return "list of: " + String.join(", ", EventStream.configNames()) + "; each at most once";
        }
    }
}
