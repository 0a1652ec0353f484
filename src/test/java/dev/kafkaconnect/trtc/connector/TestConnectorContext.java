package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** A connector context that counts reconfiguration requests, keeps raised errors and serves offsets from a map. */
public final class TestConnectorContext implements SourceConnectorContext {
    final Map<Map<String, Object>, Map<String, Object>> committed = new java.util.concurrent.ConcurrentHashMap<>();
    public final AtomicInteger reconfigurations = new AtomicInteger();
    public final List<Exception> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger offsetReads = new AtomicInteger();
    public final AtomicInteger partitionsRead = new AtomicInteger();

    /** Commits an offset for a call, as the worker would after the task's record was written. */
    public void commit(long sdkAppId, String commId, CallPosition position) {
        committed.put(OffsetCodec.partition(sdkAppId, commId), new HashMap<>(OffsetCodec.offset(position)));
    }

    /** The worker's registry for this connector's metrics. */
    public final org.apache.kafka.common.metrics.Metrics metrics = new org.apache.kafka.common.metrics.Metrics();
    private final org.apache.kafka.common.metrics.PluginMetrics pluginMetrics =
            new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(metrics, Map.of("connector", "test"));

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return pluginMetrics;
    }

    /** The value of the connector metric {@code name} whose tags include {@code tags} (name, value, ...). */
    public Object metric(String name, String... tags) {
        return metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name)).filter(e -> {
            for (int i = 0; i < tags.length; i += 2) {
                if (!tags[i + 1].equals(e.getKey().tags().get(tags[i]))) {
                    return false;
                }
            }
            return true;
        }).findFirst().orElseThrow(() -> new AssertionError("no metric " + name + " " + List.of(tags)))
                .getValue().metricValue();
    }

    @Override
    public void requestTaskReconfiguration() {
        reconfigurations.incrementAndGet();
    }

    @Override
    public void raiseError(Exception e) {
        errors.add(e);
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets(List.of(partition)).get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                offsetReads.incrementAndGet();
                partitionsRead.addAndGet(partitions.size());
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                for (Map<String, T> p : new ArrayList<>(partitions)) {
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
