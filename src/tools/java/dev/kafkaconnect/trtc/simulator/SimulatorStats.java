package dev.kafkaconnect.trtc.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for tests and benchmarks. Every request has one outcome: {@link #OK}, the error code it was answered
 * with (including injected ones and {@code RequestLimitExceeded}), or a transport fault ({@code fault:...}).
 * Injected faults are also counted by kind, including latency and slow bodies that still end in an answer.
 */
public final class SimulatorStats {
    public static final String OK = "ok";

    private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Map<Fault.Kind, LongAdder>> faults = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final ActionRateLimit actionRateLimit;

    SimulatorStats(ActionRateLimit actionRateLimit) {
        this.actionRateLimit = actionRateLimit;
    }

    void record(String action, String outcome) {
        outcomes.computeIfAbsent(action, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }

    void fault(String action, Fault.Kind kind) {
        faults.computeIfAbsent(action, a -> new ConcurrentHashMap<>())
                .computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Requests that reached the action, whatever their outcome. */
    public long requests(String action) {
        return outcomes(action).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests to every action. */
    public long requests() {
        return outcomes.keySet().stream().mapToLong(this::requests).sum();
    }

    public long outcome(String action, String outcome) {
        Map<String, LongAdder> byOutcome = outcomes.get(action);
        LongAdder n = byOutcome == null ? null : byOutcome.get(outcome);
        return n == null ? 0 : n.sum();
    }

    public long ok(String action) {
        return outcome(action, OK);
    }

    /** Outcomes of an action, sorted by name. */
    public Map<String, Long> outcomes(String action) {
        Map<String, Long> out = new TreeMap<>();
        Map<String, LongAdder> byOutcome = outcomes.get(action);
        if (byOutcome != null) {
            byOutcome.forEach((k, v) -> out.put(k, v.sum()));
        }
        return out;
    }

    /** Requests answered {@code RequestLimitExceeded} by the rate limit (injected ones are faults). */
    public long throttled(String action) {
        LongAdder n = throttled.get(action);
        return n == null ? 0 : n.sum();
    }

    /** Requests to every action answered {@code RequestLimitExceeded} by the rate limit. */
    public long throttled() {
        return throttled.values().stream().mapToLong(LongAdder::sum).sum();
    }

    void countThrottled(String action) {
        throttled.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    public long faults(String action, Fault.Kind kind) {
        Map<Fault.Kind, LongAdder> byKind = faults.get(action);
        LongAdder n = byKind == null ? null : byKind.get(kind);
        return n == null ? 0 : n.sum();
    }

    /** The most requests accepted (not throttled) in any one calendar second. */
    public int maxRequestsInAnySecond(String action) {
        return actionRateLimit.maxAcceptedInAnySecond(action);
    }

    /** Clears every counter, including the per-action rate limit's. */
    public void reset() {
        outcomes.clear();
        faults.clear();
        throttled.clear();
        actionRateLimit.reset();
    }

    @Override
    public String toString() {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        outcomes.keySet().forEach(a -> all.put(a, outcomes(a)));
        return "SimulatorStats" + all;
    }
}
