package dev.kafkaconnect.trtc.connector;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A task context whose offset store is a map; counts how often offsets are read. */
final class TestTaskContext implements SourceTaskContext {
    final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    final AtomicInteger offsetReads = new AtomicInteger();
    final org.apache.kafka.common.metrics.Metrics metrics;
    private final org.apache.kafka.common.metrics.PluginMetrics pluginMetrics;

    TestTaskContext() {
        this(org.apache.kafka.common.utils.Time.SYSTEM);
    }

    /** Metrics measured on {@code time}: windowed stats then follow a test's clock. */
    TestTaskContext(org.apache.kafka.common.utils.Time time) {
        metrics = new org.apache.kafka.common.metrics.Metrics(new org.apache.kafka.common.metrics.MetricConfig(),
                new java.util.ArrayList<>(), time);
        pluginMetrics = new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(metrics,
                Map.of("connector", "test"));
    }

    /** A metric's current value by name. */
    Object metric(String name) {
        return metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name)).getValue().metricValue();
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets(List.of(partition)).get(partition);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                offsetReads.incrementAndGet();
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                for (Map<String, T> p : partitions) {
                    Map<String, Object> o = committed.get(p);
                    if (o != null) {
                        out.put(p, o);
                    }
                }
                return out;
            }
        };
    }
}
