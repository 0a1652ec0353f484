package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.simulator.SimulatorStats;
import java.util.List;

/** Prints what {@link BacklogCatchUpHarness} measured: time against the bound, requests per action, a timeline. */
final class BacklogReport {
    private final List<String> actions;
    /** How many of {@link #actions} the run reads: call detail alone without the event streams. */
    private final int read;
    private final int budget;
    private final long began;
    private final long ended;

    BacklogReport(List<String> actions, boolean streams, int budget, long began, long ended) {
        this.actions = actions;
        this.read = streams ? actions.size() : 1;
        this.budget = budget;
        this.began = began;
        this.ended = ended;
    }

    private double seconds() {
        return (ended - began) / 1e9;
    }

    void header(int calls, int tasks, int latencyMs, int maxInFlight, int liveHours, int liveUsers, long records) {
        System.out.printf("%n== Backlog catch-up: %d finished calls (1-20 users, 1-3 h) + a live call of %d h, %d"
                        + " users; %d task(s), streams %s, %d ms per request, budget %d/s per action (shared by the"
                        + " tasks), max in flight %d; %d records%n", calls, liveHours, liveUsers, tasks,
                read > 1 ? "on" : "off", latencyMs, budget, maxInFlight, records);
    }

    /**
     * Per task: when it was done, its requests per action over its share, and its own bound (the most, over the
     * actions, of its requests over its share): tasks split each budget statically, so the slowest task's own bound
     * is what the run can reach.
     */
    void tasks(long[] doneAt, List<RequestLog.Entry> entries, int[][] shares) {
        long[][] byTask = new long[doneAt.length][actions.size()];
        for (RequestLog.Entry e : entries) {
            byTask[e.task()][e.action()]++;
        }
        for (int t = 0; t < doneAt.length; t++) {
            StringBuilder s = new StringBuilder(String.format("task %d: done after %.1f s; requests/share:", t,
                    (doneAt[t] - began) / 1e9));
            double own = 0;
            for (int a = 0; a < read; a++) {
                s.append(String.format(" %d/%d", byTask[t][a], shares[t][a]));
                own = Math.max(own, byTask[t][a] / (double) shares[t][a]);
            }
            System.out.println(s.append(String.format("; own bound %.1f s (%.3fx)", own,
                    (doneAt[t] - began) / 1e9 / own)));
        }
    }

    /**
     * Requests per action against the minimum (the backlog's, plus the live call's up to its catch-up, plus two
     * per split experience window), the bound each gives, and the time against the largest.
     */
    void perAction(long[] backlog, long[] backlogMin, long[] live, long[] liveMin, long[] liveAfter,
                   long[] required, long splits, SimulatorStats stats) {
        System.out.printf("%-22s %9s %9s %7s %9s %9s %8s %10s%n", "action", "requests", "minimum", "ratio",
                "backlog", "live", "throttled", "bound (s)");
        double bound = 0;
        for (int a = 0; a < read; a++) {
            long measured = backlog[a] + live[a];
            long minimum = required[a] + liveMin[a];
            double b = minimum / (double) budget;
            bound = Math.max(bound, b);
            System.out.printf("%-22s %9d %9d %7.3f %4d/%-4d %4d/%-4d %8d %10.1f%n", actions.get(a), measured, minimum,
                    measured / (double) minimum, backlog[a], required[a], live[a], liveMin[a],
                    stats.throttled(actions.get(a)), b);
            if (liveAfter[a] > 0) {
                System.out.printf("  + %d requests following the live call after it caught up (not counted)%n",
                        liveAfter[a]);
            }
        }
        System.out.printf("abnormal-experience windows split (each +2 to the minimum, in the backlog column with the"
                + " live call's): %d; most accepted in any"
                + " second per action: %s%n", splits, mostPerSecond(stats));
        System.out.printf("time %.1f s, bound %.1f s: %.3fx the bound (the limiter's 40 ms margin alone makes"
                + " 1.038x)%n", seconds(), bound, seconds() / bound);
    }

    private String mostPerSecond(SimulatorStats stats) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < read; a++) {
            s.append(a == 0 ? "" : ", ").append(stats.maxRequestsInAnySecond(actions.get(a)));
        }
        return s.toString();
    }

    void live(String commId, long caughtUpNanos, long[] required, long[] measured, List<RequestLog.Entry> entries) {
        if (commId == null) {
            return;
        }
        for (int a = 0; a < read; a++) {
            StringBuilder s = new StringBuilder("live call, " + actions.get(a) + " sent at (s):");
            for (RequestLog.Entry e : entries) {
                if (e.action() == a && "live".equals(e.room())) {
                    s.append(String.format(" %.1f", (e.sentNanos() - began) / 1e9));
                }
            }
            System.out.println(s);
        }
        System.out.printf("live call caught up and idle after %s s; its requests %s against %s%n",
                caughtUpNanos == 0 ? "never" : String.format("%.1f", (caughtUpNanos - began) / 1e9),
                java.util.Arrays.toString(java.util.Arrays.copyOf(measured, read)),
                java.util.Arrays.toString(java.util.Arrays.copyOf(required, read)));
    }

    /**
     * Per bucket of {@code width} seconds: each action's arrivals per second at the simulator, its requests handed
     * to the client and not answered at the bucket's end (waiting at the limiter or in flight), and calls finished.
     */
    void timeline(List<RequestLog.Entry> entries, CatchUpProbes.Arrivals arrivals, List<long[]> finished,
                  int width) {
        StringBuilder head = new StringBuilder(String.format("%n== Timeline%n%6s", "t (s)"));
        for (int a = 0; a < read; a++) {
            head.append(String.format(" %10s %8s", "arr/s[" + a + "]", "open[" + a + "]"));
        }
        System.out.println(head.append(String.format(" %9s", "finished")));
        long[][] arr = new long[read][];
        for (int a = 0; a < read; a++) {
            arr[a] = arrivals.of(a);
        }
        long step = width * 1_000_000_000L;
        int f = 0;
        long calls = 0;
        for (long from = began; from < ended; from += step) {
            long to = Math.min(ended, from + step);
            StringBuilder row = new StringBuilder(String.format("%6d", (from - began) / 1_000_000_000L));
            for (int a = 0; a < read; a++) {
                long in = 0;
                for (long t : arr[a]) {
                    in += t >= from && t < to ? 1 : 0;
                }
                long open = 0;
                for (RequestLog.Entry e : entries) {
                    open += e.action() == a && e.sentNanos() <= to && e.doneNanos() > to ? 1 : 0;
                }
                row.append(String.format(" %10.1f %8d", in / ((to - from) / 1e9), open));
            }
            while (f < finished.size() && finished.get(f)[0] <= to - began) {
                calls = finished.get(f++)[1];
            }
            System.out.println(row.append(String.format(" %9d", calls)));
        }
        System.out.printf("(actions: %s; open = handed to the client, not answered yet)%n",
                actions.subList(0, read));
    }
}
