package dev.kafkaconnect.trtc.converter;

import java.util.function.Function;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;

/**
 * The converter's schema caches are Kafka's {@link LRUCache} behind a {@link SynchronizedCache}: bounded because
 * some connectors build a new (equal) Connect schema per record, so an unbounded cache keyed by schema identity
 * would grow for ever; synchronized so that a converter can be called from several threads. Kafka's cache has no
 * compute-if-absent, hence {@link #getOrCompute}.
 */
final class SchemaCaches {
    private SchemaCaches() {
    }

    /** A thread-safe cache keeping the {@code maxSize} most recently used entries. */
    static <K, V> Cache<K, V> lru(int maxSize) {
        return new SynchronizedCache<>(new LRUCache<>(maxSize));
    }

    /**
     * The cached value, or computes and caches it. The computation runs outside the cache's lock (it may call the
     * registry), so two threads may compute the same value; the later one's result is kept.
     */
    static <K, V> V getOrCompute(Cache<K, V> cache, K key, Function<K, V> compute) {
        V value = cache.get(key);
        if (value == null) {
            value = compute.apply(key);
            cache.put(key, value);
        }
        return value;
    }
}
