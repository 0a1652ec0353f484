package dev.kafkaconnect.trtc.e2e;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The wall clock a simulator's rate limiter reads, counting the readings per calendar second. The limiter reads it
 * exactly once per request it admits or throttles, so the counts are the requests the service received in each
 * second, the histogram behind {@code SimulatorStats.maxRequestsInAnySecond} (which keeps only its maximum).
 * Pass it to {@code TrtcSimulator.Builder.realTimeMillis}.
 */
final class RequestSeconds implements LongSupplier {
    private final Map<Long, AtomicInteger> perSecond = new ConcurrentHashMap<>();

    @Override
    public long getAsLong() {
        long now = System.currentTimeMillis();
        perSecond.computeIfAbsent(Math.floorDiv(now, 1000L), s -> new AtomicInteger()).incrementAndGet();
        return now;
    }

    /** Requests by second (unix seconds, ascending). */
    Map<Long, Integer> counts() {
        Map<Long, Integer> out = new TreeMap<>();
        perSecond.forEach((s, n) -> out.put(s, n.get()));
        return out;
    }

    long total() {
        return perSecond.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    /** How many seconds saw at least {@code requests} requests. */
    long secondsWithAtLeast(int requests) {
        return perSecond.values().stream().filter(n -> n.get() >= requests).count();
    }
}
