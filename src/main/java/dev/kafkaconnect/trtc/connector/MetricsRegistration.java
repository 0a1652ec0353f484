package dev.kafkaconnect.trtc.connector;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/**
 * A task's handle on the worker's plugin metrics (KIP-877), which follow the worker's reporters and JMX and are
 * tagged with the connector and task. Without a registry (an older worker, a unit test) nothing is registered
 * and the task's own counters still work.
 */
final class MetricsRegistration {
    private final PluginMetrics metrics;
    private final String taskIndex;
    /** Sensor names are global in the worker's registry: a per-task prefix keeps tasks apart. */
    private final String sensorPrefix = "trtc-" + UUID.randomUUID() + "-";

    MetricsRegistration(PluginMetrics metrics, int taskIndex) {
        this.metrics = metrics;
        this.taskIndex = Integer.toString(taskIndex);
    }

    boolean enabled() {
        return metrics != null;
    }

    MetricName name(TaskMetric metric, Map<String, String> tags) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>();
        all.put(TaskMetric.TASK_TAG, taskIndex);
        for (String tag : metric.tags) {
            String value = tags.get(tag);
            if (value == null) {
                throw new IllegalArgumentException("metric " + metric.metricName + " needs tag " + tag);
            }
            all.put(tag, value);
        }
        return metrics.metricName(metric.metricName, metric.description, all);
    }

    void gauge(TaskMetric metric, Map<String, String> tags, LongSupplier value) {
        if (metrics != null) {
            metrics.addMetric(name(metric, tags), (Gauge<Long>) (config, now) -> value.getAsLong());
        }
    }

    void remove(TaskMetric metric, Map<String, String> tags) {
        if (metrics != null) {
            metrics.removeMetric(name(metric, tags));
        }
    }

    /** A sensor of this task, or null without a registry. */
    Sensor sensor(String name) {
        return metrics == null ? null : metrics.addSensor(sensorPrefix + name);
    }
}
