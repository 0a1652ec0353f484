package dev.kafkaconnect.trtc.connector.read;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval for each key (an error code): a service that fails every request
 * would otherwise write a line per request. The line that ends a quiet spell says how many were left out.
 * Used from the task's thread only.
 */
public final class RepeatedWarnings {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final Time time;
    private final long intervalMillis;
    private final Map<String, Entry> entries = new HashMap<>();

    public RepeatedWarnings(Logger log, Time time, Duration interval) {
        this.log = log;
        this.time = time;
        this.intervalMillis = interval.toMillis();
    }

    /** Logs {@code message} (already formatted) at WARN unless {@code key} was logged within the interval. */
    public void warn(String key, String message) {
        long now = time.milliseconds();
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        if (e.loggedAt != Long.MIN_VALUE && now - e.loggedAt < intervalMillis) {
            e.suppressed++;
            log.debug("{}", message);
            return;
        }
        if (e.suppressed > 0) {
            log.warn("{} ({} more like it in the last {} s not logged)", message, e.suppressed,
                    (now - e.loggedAt) / 1000);
        } else {
            log.warn("{}", message);
        }
        e.loggedAt = now;
        e.suppressed = 0;
    }

    private static final class Entry {
        long loggedAt = Long.MIN_VALUE;
        long suppressed;
    }
}
