package dev.kafkaconnect.trtc.connector.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Divides calls across tasks: balanced (task sizes differ by at most one) and stable (adding or removing a call
 * moves few others). Rendezvous hashing with bounded load: each call ranks the tasks by a hash of (call, task) and
 * goes to the best-ranked task that still has room. Calls are placed in the order of their own hash, so the
 * outcome depends only on the set of calls and the task count, never on the order the user listed them in.
 */
public final class CallAssignor {
    private CallAssignor() {
    }

    /**
     * How many tasks to run: one per call at most, and each task needs a whole request per second of every budget
     * it reads under: the call-detail one ({@code rateLimit}) and each enabled event stream's
     * ({@code streamRateLimits}), since a stream's share is split across the same tasks.
     */
    public static int taskCount(int calls, int maxTasks, int rateLimit, int... streamRateLimits) {
        int tasks = Math.min(calls, Math.min(maxTasks, rateLimit));
        for (int streamRateLimit : streamRateLimits) {
            tasks = Math.min(tasks, streamRateLimit);
        }
        return Math.max(0, tasks);
    }

    /** Assigns every call to exactly one of {@code tasks} tasks. */
    public static List<List<String>> assign(List<String> calls, int tasks) {
        if (tasks < 1) {
            throw new IllegalArgumentException("need at least one task, got " + tasks);
        }
        int base = calls.size() / tasks;
        int bigAllowed = calls.size() % tasks;
        List<List<String>> out = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            out.add(new ArrayList<>());
        }
        List<String> order = new ArrayList<>(calls);
        order.sort(Comparator.comparingLong((String c) -> hash(c, -1)).thenComparing(c -> c));
        int big = 0;
        for (String call : order) {
            int best = -1;
            long bestScore = 0;
            for (int t = 0; t < tasks; t++) {
                int size = out.get(t).size();
                boolean room = size < base || (size == base && big < bigAllowed);
                long score = hash(call, t);
                if (room && (best < 0 || Long.compareUnsigned(score, bestScore) > 0)) {
                    best = t;
                    bestScore = score;
                }
            }
            if (out.get(best).size() == base) {
                big++;
            }
            out.get(best).add(call);
        }
        // Keep each task's list in the user's order, for readable task configs.
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            position.putIfAbsent(calls.get(i), i);
        }
        for (List<String> list : out) {
            list.sort(Comparator.comparingInt(position::get));
        }
        return out;
    }

    /** Splits a rate budget into whole per-task budgets that add up to it exactly (20 over 3: 7, 7, 6). */
    public static int[] splitRate(int rateLimit, int tasks) {
        if (tasks < 1 || rateLimit < tasks) {
            throw new IllegalArgumentException("cannot split " + rateLimit + " requests/s over " + tasks
                    + " tasks: each needs at least 1");
        }
        int[] shares = new int[tasks];
        for (int t = 0; t < tasks; t++) {
            shares[t] = rateLimit / tasks + (t < rateLimit % tasks ? 1 : 0);
        }
        return shares;
    }

    /** A 64-bit FNV-1a hash of the call id and the task number, mixed; stable across JVMs and versions. */
    static long hash(String call, int task) {
        long h = 0xcbf29ce484222325L;
        for (byte b : call.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= task;
        h *= 0x100000001b3L;
        // SplitMix64 finalizer: FNV alone spreads the last byte poorly.
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
