package dev.kafkaconnect.trtc.simulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/** The calls of the application, by CommId and in creation order; calls may be added while serving. */
final class CallRegistry {
    private static final Comparator<SimulatedCall> BY_CREATION =
            Comparator.comparingLong(SimulatedCall::createTime).thenComparing(SimulatedCall::commId);

    private final Map<String, SimulatedCall> byCommId = new ConcurrentHashMap<>();
    private final NavigableSet<SimulatedCall> byCreation = new ConcurrentSkipListSet<>(BY_CREATION);

    void add(SimulatedCall call) {
        if (byCommId.putIfAbsent(call.commId(), call) != null) {
            throw new IllegalArgumentException("a call with CommId " + call.commId() + " already exists");
        }
        byCreation.add(call);
    }

    /** Replaces a call by a changed version of itself (same CommId and creation time). */
    synchronized void replace(SimulatedCall changed) {
        SimulatedCall old = byCommId.get(changed.commId());
        if (old == null || old.createTime() != changed.createTime()) {
            throw new IllegalArgumentException("no call " + changed.commId() + " created at " + changed.createTime());
        }
        byCreation.remove(old);
        byCreation.add(changed);
        byCommId.put(changed.commId(), changed);
    }

    SimulatedCall get(String commId) {
        return byCommId.get(commId);
    }

    /** Every call, existing at the simulator's now or not yet, in creation order. */
    List<SimulatedCall> all() {
        return List.copyOf(byCreation);
    }

    /** Calls created in {@code [from, to]}, in creation order. */
    Iterable<SimulatedCall> createdBetween(long from, long to) {
        if (from > to) {
            return List.of();
        }
        return byCreation.subSet(probe(from, ""), true, probe(to, "\uffff"), true);
    }

    /** Calls created up to {@code to}, in creation order. */
    Iterable<SimulatedCall> createdUpTo(long to) {
        return byCreation.headSet(probe(to, "\uffff"), true);
    }

    private static SimulatedCall probe(long createTime, String commId) {
        return new SimulatedCall(0L, commId, "probe", createTime,
                List.of(new SimulatedUser("probe", List.of(new Presence(createTime, createTime + 1)), "", "", "")));
    }
}
