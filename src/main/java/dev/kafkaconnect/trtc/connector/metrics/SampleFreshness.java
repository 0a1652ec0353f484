package dev.kafkaconnect.trtc.connector.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.utils.Time;

/**
 * How fresh a task's live samples are in Kafka: the delay from a sample's time to the broker's acknowledgement of
 * its record. Only samples of windows planned once their call had caught up count ({@link #liveFrom}): a backlog
 * is late by its nature, and would hide the delay of the live path behind its own.
 *
 * <p>The floor of the delay is the schedule: a live window {@code [c, c + poll)} is read at {@code c + poll +
 * settle}, so its samples are at least the settle delay old, and up to a poll interval more. The histogram spans
 * twice that (values above it fall into its last bucket; the maximum is exact), in 2,000 buckets, and keeps the
 * last {@value #SAMPLES} windows of a minute or of a poll interval, whichever is longer: percentiles of the last
 * few minutes, with a poll every window or more.
 *
 * <p>Recording costs no allocation: a map lookup, the clock, and a fixed histogram. It runs on the thread that
 * acknowledges records: the producer's (or, with exactly-once support, the worker's task thread once the
 * transaction commits), while {@link #liveFrom} is told on the poll thread.
 */
public final class SampleFreshness {
    private static final int SAMPLES = 6;
    private static final int HISTOGRAM_BYTES = 8_000;
    private static final long MIN_WINDOW_MS = 60_000;
    private static final double MIN_RANGE_SECONDS = 60;

    private final Time time;
    private final double rangeSeconds;
    private final long windowMs;
    /** Per call, the sample time (unix ms) from which its windows were planned live. */
    private final Map<String, Long> liveFromMillis = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile Sensor lag;

    public SampleFreshness(Time time, Duration settleDelay, Duration pollInterval) {
        this.time = time;
        double floorMax = (settleDelay.toMillis() + pollInterval.toMillis()) / 1000.0;
        this.rangeSeconds = Math.max(MIN_RANGE_SECONDS, 2 * floorMax);
        this.windowMs = Math.max(MIN_WINDOW_MS, pollInterval.toMillis());
    }

    /** Registers the delay's percentiles, maximum and count; without a registry only the count is kept. */
    public void register(MetricsRegistration registration) {
        registration.gauge(TaskMetric.LIVE_SAMPLES_ACKNOWLEDGED, Map.of(), acknowledged::get);
        Sensor sensor = registration.sensor("live-sample-lag");
        if (sensor == null) {
            return;
        }
        MetricConfig config = new MetricConfig().samples(SAMPLES).timeWindow(windowMs, TimeUnit.MILLISECONDS);
        sensor.add(registration.name(TaskMetric.LIVE_SAMPLE_LAG_MAX, Map.of()), new Max(), config);
        sensor.add(new Percentiles(HISTOGRAM_BYTES, rangeSeconds, Percentiles.BucketSizing.CONSTANT,
                new Percentile(registration.name(TaskMetric.LIVE_SAMPLE_LAG_P50, Map.of()), 50),
                new Percentile(registration.name(TaskMetric.LIVE_SAMPLE_LAG_P99, Map.of()), 99)), config);
        lag = sensor;
    }

    /**
     * The call caught up: its windows from {@code unixSeconds} on are planned as they settle. Told once per call;
     * the task's calls are fixed for its life, so the map stays bounded by its assignment.
     */
    public void liveFrom(String call, long unixSeconds) {
        liveFromMillis.putIfAbsent(call, TimeUnit.SECONDS.toMillis(unixSeconds));
    }

    /** The broker acknowledged the quality record of {@code call} for the sample at {@code sampleMillis}. */
    public void acknowledged(String call, long sampleMillis) {
        Long from = liveFromMillis.get(call);
        if (from == null || sampleMillis < from) {
            return;
        }
        long now = time.milliseconds();
        acknowledged.incrementAndGet();
        Sensor sensor = lag;
        if (sensor != null) {
            sensor.record((now - sampleMillis) / 1000.0, now, false);
        }
    }
}
