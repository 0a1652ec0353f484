package dev.kafkaconnect.trtc.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The service's per-action limit: at most N requests per calendar second of real time (N may differ by action) (never the simulator's
 * data clock, which tests move at will). Also keeps, per action, the most requests accepted in any one second.
 */
final class ActionRateLimit {
    private final LongSupplier realTimeMillis;
    private final ToIntFunction<String> limit;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ActionRateLimit(LongSupplier realTimeMillis, ToIntFunction<String> limit) {
        this.realTimeMillis = realTimeMillis;
        this.limit = limit;
    }

    /** Counts a request; false when it is over this second's limit. */
    boolean tryAcquire(String action) {
        return windows.computeIfAbsent(action, a -> new Window())
                .tryAcquire(Math.floorDiv(realTimeMillis.getAsLong(), 1000L), limit.applyAsInt(action));
    }

    int maxAcceptedInAnySecond(String action) {
        Window w = windows.get(action);
        return w == null ? 0 : w.max();
    }

    void reset() {
        windows.clear();
    }

    private static final class Window {
        private long second = Long.MIN_VALUE;
        private int accepted;
        private int max;

        synchronized boolean tryAcquire(long nowSecond, int limit) {
            if (nowSecond != second) {
                second = nowSecond;
                accepted = 0;
            }
            if (limit > 0 && accepted >= limit) {
                return false;
            }
            accepted++;
            max = Math.max(max, accepted);
            return true;
        }

        synchronized int max() {
            return max;
        }
    }
}
