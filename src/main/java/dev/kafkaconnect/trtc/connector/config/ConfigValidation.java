package dev.kafkaconnect.trtc.connector.config;

import static dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.*;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.Metrics;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.config.types.Password;

/**
 * Rules that involve more than one setting, reported against the setting the user should change. Shared by the
 * connector's {@code validate()} (REST validation) and {@code start()}.
 */
public final class ConfigValidation {
    private final Function<String, Object> values;
    private final Instant now;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    /**
     * @param values each setting's parsed value, or null when the setting is unset or already failed its own
     *               validation (its rules are then skipped)
     */
    private ConfigValidation(Function<String, Object> values, Instant now) {
        this.values = values;
        this.now = now;
    }

    /**
     * The errors by setting name; empty when the configuration is consistent.
     *
     * @param now the time to judge {@code trtc.start} against; null skips the rules that depend on it (a connector
     *            restarted days later must not fail because its start has since aged out: tasks cap it)
     */
    public static Map<String, List<String>> check(Function<String, Object> values, Instant now) {
        ConfigValidation v = new ConfigValidation(values, now);
        v.checkCalls();
        v.checkTimeRange();
        v.checkReadableWindow();
        v.checkMetrics();
        v.checkClientIp();
        v.checkTopics();
        v.checkBackoff();
        return v.errors;
    }

    private void error(String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }

    private void checkCalls() {
        Object list = values.apply(COMM_IDS);
        if (list == null) {
            return;
        }
        String mode = (String) values.apply(CALLS_MODE);
        if (mode == null) {
            return; // the mode is invalid (reported on it): which rules apply is unknown
        }
        if (CALLS_MODE_SETTING.parse(mode) == CallsMode.DISCOVER) {
            if (((List<?>) list).stream().anyMatch(o -> !String.valueOf(o).isBlank())) {
                error(COMM_IDS, "must be empty when " + CALLS_MODE + "=discover: the calls are discovered; "
                        + "remove the list, or set " + CALLS_MODE + "=list");
            }
            return;
        }
        Long app = (Long) values.apply(SDK_APP_ID);
        Set<String> seen = new HashSet<>();
        int count = 0;
        for (Object o : (List<?>) list) {
            String s = String.valueOf(o).trim();
            if (s.isEmpty()) {
                continue;
            }
            count++;
            CommId id;
            try {
                id = CommId.parse(s);
            } catch (IllegalArgumentException e) {
                error(COMM_IDS, e.getMessage());
                continue;
            }
            if (app != null && id.sdkAppId() != app) {
                error(COMM_IDS, "CommId '" + s + "' belongs to SDKAppID " + id.sdkAppId() + ", not to "
                        + SDK_APP_ID + "=" + app);
            }
            if (!seen.add(s)) {
                error(COMM_IDS, "CommId '" + s + "' is listed twice");
            }
        }
        if (count == 0) {
            error(COMM_IDS, "no calls listed: give at least one CommId, or set " + CALLS_MODE
                    + "=discover to read every call of the application");
        }
    }

    private void checkTimeRange() {
        Long lookbackMs = (Long) values.apply(LOOKBACK_MS);
        StartPoint start = parsed(START, StartPoint::parse);
        if (start != null && lookbackMs != null && now != null) {
            Duration lookback = Duration.ofMillis(lookbackMs);
            boolean tooOld = start.instant() != null
                    ? start.instant().isBefore(now.minus(lookback))
                    : start.back().compareTo(lookback) > 0;
            if (tooOld) {
                error(START, "start " + start + " is older than the service's lookback (" + LOOKBACK_MS + " = "
                        + lookback + "): the service no longer serves it; give a later start");
            }
        }
        Instant end = parsed(END, StartPoint::parseInstant);
        if (end != null && start != null && (start.instant() != null || now != null)) {
            Instant startAt = start.instant() != null ? start.instant() : now.minus(start.back());
            if (!end.isAfter(startAt)) {
                error(END, "end " + end + " is not after " + START + " (" + startAt + ")");
            }
        }
    }

    /**
     * A task reads a window once it ends the settle delay before now and starts inside the lookback, less its
     * margin; the shortest window it reads is the poll interval (at most an hour). Unless the settle delay is shorter
     * than the lookback less the margin and that window, no window is ever readable: every call would lose its data
     * to the lookback as it goes.
     */
    private void checkReadableWindow() {
        Long settle = (Long) values.apply(SETTLE_DELAY_MS);
        Long lookback = (Long) values.apply(LOOKBACK_MS);
        Long poll = (Long) values.apply(POLL_INTERVAL_MS);
        if (lookback == null || poll == null) {
            return;
        }
        long margin = LOOKBACK_MARGIN_SECONDS * 1000;
        long window = Math.min(poll, CallDetailRequest.MAX_WINDOW_SECONDS * 1000);
        long room = lookback - margin - window;
        if (room <= 0) {
            error(POLL_INTERVAL_MS, POLL_INTERVAL_MS + " = " + poll + " leaves no readable window inside "
                    + LOOKBACK_MS + " = " + lookback + ": the lookback less its margin (" + margin + " ms) must be "
                    + "longer than the shortest window read (the poll interval, at most 3600000); lower "
                    + POLL_INTERVAL_MS + " or raise " + LOOKBACK_MS);
            return;
        }
        if (settle != null && settle >= room) {
            error(SETTLE_DELAY_MS, SETTLE_DELAY_MS + " = " + settle + " leaves no readable window inside "
                    + LOOKBACK_MS + " = " + lookback + ": a window is read once it ends the settle delay before now, "
                    + "and must start inside the lookback less its margin (" + margin + " ms); with the shortest "
                    + "window read (" + POLL_INTERVAL_MS + " = " + poll + ") the settle delay must be at most "
                    + (room - 1) + "; lower " + SETTLE_DELAY_MS + " or raise " + LOOKBACK_MS);
        }
    }

    private void checkMetrics() {
        Object list = values.apply(METRICS);
        String mode = (String) values.apply(API_GENERATION);
        if (list == null) {
            return;
        }
        List<String> metrics = ((List<?>) list).stream().map(o -> String.valueOf(o).trim())
                .filter(s -> !s.isEmpty()).toList();
        if (metrics.contains(Metrics.ALL)) {
            if (metrics.size() > 1) {
                error(METRICS, "'all' cannot be combined with other metrics");
            }
            return;
        }
        GenerationMode generation = mode == null ? GenerationMode.AUTO : GENERATION_SETTING.parse(mode);
        List<String> served = Metrics.served(generation == GenerationMode.SEED
                ? ApiGeneration.SEED : ApiGeneration.SUCCESSOR);
        Set<String> seen = new HashSet<>();
        for (String m : metrics) {
            if (!served.contains(m)) {
                error(METRICS, "unknown metric '" + m + "' for " + API_GENERATION + "=" + EnumSetting.name(generation)
                        + "; known: " + String.join(", ", served));
            } else if (generation == GenerationMode.AUTO && Metrics.SUCCESSOR_ONLY.contains(m)) {
                error(METRICS, "metric '" + m + "' is served only by the successor API: set " + API_GENERATION
                        + "=successor");
            } else if (!seen.add(m)) {
                error(METRICS, "metric '" + m + "' is listed twice");
            }
        }
    }

    private void checkClientIp() {
        String mode = (String) values.apply(CLIENT_IP_MODE);
        if (mode == null || CLIENT_IP_SETTING.parse(mode) != ClientIpMode.HASH) {
            return;
        }
        Password key = (Password) values.apply(CLIENT_IP_HASH_KEY);
        if (key == null || key.value().isEmpty()) {
            error(CLIENT_IP_HASH_KEY, "required when " + CLIENT_IP_MODE + "=hash");
        }
    }

    private void checkTopics() {
        Object samples = values.apply(TOPIC_SAMPLES);
        Object snapshots = values.apply(TOPIC_SNAPSHOTS);
        Object participants = values.apply(TOPIC_PARTICIPANTS);
        if (samples != null && samples.equals(participants)) {
            error(TOPIC_PARTICIPANTS, "must differ from " + TOPIC_SAMPLES
                    + ": the two record types have different schemas");
        }
        if (snapshots != null && snapshots.equals(participants)) {
            error(TOPIC_PARTICIPANTS, "must differ from " + TOPIC_SNAPSHOTS
                    + ": the two record types have different schemas");
        }
        if (snapshots != null && snapshots.equals(samples)) {
            error(TOPIC_SNAPSHOTS, "must differ from " + TOPIC_SAMPLES
                    + ": the two record shapes have different schemas");
        }
        Object calls = values.apply(TOPIC_CALLS);
        for (String other : List.of(TOPIC_SAMPLES, TOPIC_SNAPSHOTS, TOPIC_PARTICIPANTS)) {
            if (calls != null && calls.equals(values.apply(other))) {
                error(TOPIC_CALLS, "must differ from " + other + ": the two record types have different schemas");
            }
        }
        checkStreamTopics();
    }

    /** An enabled stream's topic is checked against every other topic written; a stream not read writes none. */
    private void checkStreamTopics() {
        Object list = values.apply(STREAMS);
        if (list == null) {
            return; // the list is invalid (reported on it): which topics are written is unknown
        }
        Set<EventStream> streams;
        try {
            streams = StreamSettings.parse((List<?>) list);
        } catch (IllegalArgumentException e) {
            return; // reported on the list by its validator
        }
        List<String> others = new ArrayList<>(List.of(TOPIC_SAMPLES, TOPIC_SNAPSHOTS, TOPIC_PARTICIPANTS,
                TOPIC_CALLS));
        for (EventStream stream : streams) {
            Object topic = values.apply(stream.topicKey());
            for (String other : others) {
                if (topic != null && topic.equals(values.apply(other))) {
                    error(stream.topicKey(), "must differ from " + other
                            + ": the two record types have different schemas");
                }
            }
            others.add(stream.topicKey());
        }
    }

    private void checkBackoff() {
        Long first = (Long) values.apply(RETRY_BACKOFF_MS);
        Long max = (Long) values.apply(RETRY_BACKOFF_MAX_MS);
        if (first != null && max != null && max < first) {
            error(RETRY_BACKOFF_MAX_MS, "must be at least " + RETRY_BACKOFF_MS + " (" + first + ")");
        }
    }

    private <T> T parsed(String key, Function<String, T> parser) {
        Object v = values.apply(key);
        if (!(v instanceof String s) || s.isBlank()) {
            return null;
        }
        try {
            return parser.apply(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
