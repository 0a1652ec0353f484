package dev.kafkaconnect.trtc.connector.metrics;

import dev.kafkaconnect.trtc.api.ApiCallListener;
import dev.kafkaconnect.trtc.api.ErrorKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;

/**
 * The client's view of a task's requests: sends by action and outcome, retries, throttling, latency and bytes.
 * Tag values come from small closed sets (actions, {@link ErrorKind}s), so the number of metrics stays bounded.
 * Counts are kept here too, so tests and logs see them with or without a metrics registry.
 */
public final class ApiMetrics implements ApiCallListener {
    public static final String OK = "ok";
    private static final double MAX_LATENCY_MS = 60_000;
    private static final int HISTOGRAM_BYTES = 8_000;

    private final MetricsRegistration registration;
    private final Map<List<String>, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Sensor> latency = new ConcurrentHashMap<>();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong throttleWaits = new AtomicLong();
    final AtomicLong throttleWaitNanos = new AtomicLong();

    public ApiMetrics(MetricsRegistration registration) {
        this.registration = registration;
        registration.gauge(TaskMetric.API_THROTTLED, Map.of(), throttled::get);
        registration.gauge(TaskMetric.API_THROTTLE_WAITS, Map.of(), throttleWaits::get);
        registration.gauge(TaskMetric.API_THROTTLE_WAIT_MS, Map.of(),
                () -> TimeUnit.NANOSECONDS.toMillis(throttleWaitNanos.get()));
    }

    /** How an outcome is spelled in tags: ok, or the error kind in lower case with dashes. */
    public static String outcome(ErrorKind kind) {
        return kind == null ? OK : kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The count of sends of {@code action} with {@code outcome}; 0 if none. */
    long sends(String action, String outcome) {
        AtomicLong c = counts.get(List.of(TaskMetric.API_SENDS.metricName, action, outcome));
        return c == null ? 0 : c.get();
    }

    long retries(String action, String kind) {
        AtomicLong c = counts.get(List.of(TaskMetric.API_RETRIES.metricName, action, kind));
        return c == null ? 0 : c.get();
    }

    long bytes(String action) {
        AtomicLong c = counts.get(List.of(TaskMetric.API_BYTES.metricName, action));
        return c == null ? 0 : c.get();
    }

    @Override
    public void onResponse(String action, ErrorKind kind, String code, long latencyNanos, long bytes) {
        String outcome = outcome(kind);
        count(TaskMetric.API_SENDS, Map.of("action", action, "outcome", outcome)).incrementAndGet();
        count(TaskMetric.API_BYTES, Map.of("action", action)).addAndGet(bytes);
        if (kind == ErrorKind.THROTTLED) {
            throttled.incrementAndGet();
        }
        if (registration.enabled()) {
            latency.computeIfAbsent(action, this::latencySensor)
                    .record(latencyNanos / (double) TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    @Override
    public void onRetry(String action, int attempt, ErrorKind kind, long delayNanos) {
        count(TaskMetric.API_RETRIES, Map.of("action", action, "kind", outcome(kind))).incrementAndGet();
    }

    @Override
    public void onThrottleWait(long nanos) {
        throttleWaits.incrementAndGet();
        throttleWaitNanos.addAndGet(nanos);
    }

    private AtomicLong count(TaskMetric metric, Map<String, String> tags) {
        List<String> key = new java.util.ArrayList<>(1 + tags.size());
        key.add(metric.metricName);
        for (String tag : metric.tags) {
            key.add(tags.get(tag));
        }
        return counts.computeIfAbsent(List.copyOf(key), k -> {
            AtomicLong c = new AtomicLong();
            registration.gauge(metric, tags, c::get);
            return c;
        });
    }

    private Sensor latencySensor(String action) {
        Map<String, String> tags = Map.of("action", action);
        Sensor sensor = registration.sensor("latency-" + action);
        sensor.add(registration.name(TaskMetric.API_LATENCY_AVG, tags), new Avg());
        sensor.add(registration.name(TaskMetric.API_LATENCY_MAX, tags), new Max());
        sensor.add(new Percentiles(HISTOGRAM_BYTES, MAX_LATENCY_MS, Percentiles.BucketSizing.CONSTANT,
                new Percentile(registration.name(TaskMetric.API_LATENCY_P50, tags), 50),
                new Percentile(registration.name(TaskMetric.API_LATENCY_P95, tags), 95),
                new Percentile(registration.name(TaskMetric.API_LATENCY_P99, tags), 99)));
        return sensor;
    }
}
