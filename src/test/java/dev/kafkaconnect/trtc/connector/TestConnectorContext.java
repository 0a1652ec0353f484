package dev.kafkaconnect.trtc.connector;

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
final class TestConnectorContext implements SourceConnectorContext {
    final Map<Map<String, Object>, Map<String, Object>> committed = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger reconfigurations = new AtomicInteger();
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger offsetReads = new AtomicInteger();
    final AtomicInteger partitionsRead = new AtomicInteger();

    /** Commits an offset for a call, as the worker would after the task's record was written. */
    void commit(long sdkAppId, String commId, CallPosition position) {
        committed.put(OffsetCodec.partition(sdkAppId, commId), new HashMap<>(OffsetCodec.offset(position)));
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return null;
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
