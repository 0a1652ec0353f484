package dev.kafkaconnect.trtc.connector.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/**
 * A task's or the connector's handle on the worker's plugin metrics (KIP-877), which follow the worker's reporters
 * and JMX and are tagged with the connector (and task). Without a registry (an older worker, a unit test) nothing
 * is registered and the plugin's own counters still work.
 */
public final class MetricsRegistration {
    private final PluginMetrics metrics;
    /** Tags every metric of this registration carries. */
    private final Map<String, String> fixedTags;
    /** Sensor names are global in the worker's registry: a per-task prefix keeps tasks apart. */
    private final String sensorPrefix = "trtc-" + UUID.randomUUID() + "-";
    private final Set<MetricName> added = ConcurrentHashMap.newKeySet();

    /** A task's metrics: tagged with {@value TaskMetric#TASK_TAG}. */
    public MetricsRegistration(PluginMetrics metrics, int taskIndex) {
        this(metrics, Map.of(TaskMetric.TASK_TAG, Integer.toString(taskIndex)));
    }

    private MetricsRegistration(PluginMetrics metrics, Map<String, String> fixedTags) {
        this.metrics = metrics;
        this.fixedTags = fixedTags;
    }

    /** The connector's metrics: the worker's connector tag only. */
    public static MetricsRegistration forConnector(PluginMetrics metrics) {
        return new MetricsRegistration(metrics, Map.of());
    }

    boolean enabled() {
        return metrics != null;
    }

    MetricName name(MetricDefinition metric, Map<String, String> tags) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>(fixedTags);
        for (String tag : metric.tags()) {
            String value = tags.get(tag);
            if (value == null) {
                throw new IllegalArgumentException("metric " + metric.metricName() + " needs tag " + tag);
            }
            all.put(tag, value);
        }
        return metrics.metricName(metric.metricName(), metric.description(), all);
    }

    void gauge(MetricDefinition metric, Map<String, String> tags, LongSupplier value) {
        if (metrics != null) {
            MetricName name = name(metric, tags);
            metrics.addMetric(name, (Gauge<Long>) (config, now) -> value.getAsLong());
            added.add(name);
        }
    }

    void remove(MetricDefinition metric, Map<String, String> tags) {
        if (metrics != null) {
            MetricName name = name(metric, tags);
            metrics.removeMetric(name);
            added.remove(name);
        }
    }

    /**
     * Removes every gauge this registration added. The worker drops a plugin's metrics when it discards the
     * plugin, but a paused and resumed connector is started again with the same registry.
     */
    void removeAll() {
        if (metrics != null) {
            for (MetricName name : List.copyOf(added)) {
                metrics.removeMetric(name);
            }
            added.clear();
        }
    }

    /** A sensor of this task, or null without a registry. */
    Sensor sensor(String name) {
        return metrics == null ? null : metrics.addSensor(sensorPrefix + name);
    }
}
