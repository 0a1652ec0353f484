package dev.kafkaconnect.trtc.converter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe LRU map. Bounded because some connectors build a new (equal) Connect schema per record: an
 * unbounded cache keyed by schema identity would grow for ever.
 */
final class BoundedCache<K, V> {
    private final Map<K, V> entries;

    BoundedCache(int maxSize) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maxSize;
            }
        };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /** The cached value, or computes and caches it; the computation runs outside the lock (it may call the registry). */
    V computeIfAbsent(K key, Function<K, V> compute) {
        V value = get(key);
        if (value == null) {
            value = compute.apply(key);
            put(key, value);
        }
        return value;
    }

    synchronized int size() {
        return entries.size();
    }
}
