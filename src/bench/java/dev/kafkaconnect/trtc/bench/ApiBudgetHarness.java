package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.connector.TaskDriver;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * API budget use (one task, driven directly against the simulator over loopback HTTP):
 * <ul>
 *   <li>40 finished calls of 1 to 20 users (two of each), 12 hours each, every request delayed 250 ms by the
 *       simulator, the simulator enforcing the service's 20 requests per second: requests per second achieved
 *       over the configured budget, and the {@code RequestLimitExceeded} answers our traffic drew;</li>
 *   <li>requests per call-hour for each user count against the minimum the paging rules allow,
 *       ceil(users / 6) per one-hour window.</li>
 * </ul>
 * Args: {@code [latencyMs=250] [budget=20] [calls=40] [users=0] [hours=12] [endBeforeBoundarySec=600]
 * [maxInFlight=10]}: {@code users} 0 means 1 to 20 (call i has 1 + i % 20); each call's users leave
 * {@code endBeforeBoundarySec} before its last hour ends. Within the connector's rejoin grace (5 minutes) of a window's end, the call's
 * end can only be confirmed by one more window.
 */
public final class ApiBudgetHarness {
    private static final String ACTION = "DescribeCallDetail";

    private ApiBudgetHarness() {
    }

    public static void main(String[] args) throws Exception {
        int latencyMs = args.length > 0 ? Integer.parseInt(args[0]) : 250;
        int budget = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int callCount = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int fixedUsers = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int hours = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        int endBefore = args.length > 5 ? Integer.parseInt(args[5]) : 600;
        int maxInFlight = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        long hourAgo = System.currentTimeMillis() / 1000 / 3600 * 3600 - 86_400;
        TrtcSimulator.Builder b = TrtcSimulator.builder().rateLimitPerSecond(20).threads(32);
        Map<String, Integer> usersByCall = new HashMap<>();
        List<CallSpec> specs = new ArrayList<>();
        for (int i = 0; i < callCount; i++) {
            int users = fixedUsers > 0 ? fixedUsers : 1 + i % 20;
            // The call spans exactly `hours` one-hour windows; all calls run at the same time in separate rooms.
            CallSpec.Builder call = CallSpec.builder("budget" + i);
            for (int u = 0; u < users; u++) {
                call.user("user" + u, hourAgo - 3600L * hours, hourAgo - 3600L * hours + hours * 3600L - endBefore);
            }
            specs.add(call.build());
        }
        specs.forEach(b::call);
        try (TrtcSimulator sim = b.build().start()) {
            for (int i = 0; i < callCount; i++) {
                usersByCall.put(SimulatedCall.commId(sim.sdkAppId(), "budget" + i, hourAgo - 3600L * hours),
                        fixedUsers > 0 ? fixedUsers : 1 + i % 20);
            }
            sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofMillis(latencyMs)));
            Map<String, String> props = new HashMap<>();
            props.put(TrtcSourceConfig.ENDPOINT, sim.endpoint());
            props.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
            props.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
            props.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(sim.sdkAppId()));
            props.put(TrtcSourceConfig.COMM_IDS, String.join(",", usersByCall.keySet()));
            props.put(TrtcSourceConfig.RATE_LIMIT, Integer.toString(budget));
            props.put(TrtcSourceConfig.MAX_IN_FLIGHT, Integer.toString(maxInFlight));
            // One uplink-only metric: this measures request pacing, not parsing (ResponsePathBench does that).
            props.put(TrtcSourceConfig.METRICS, "appCpu");
            LongArray grants = new LongArray();
            LongArray arrivals = new LongArray();
            sim.observeArrivals((action, nanos) -> {
                if (ACTION.equals(action)) {
                    arrivals.add(nanos);
                }
            });
            TaskDriver.Run run = TaskDriver.run(props, Duration.ofMinutes(10), batch -> { }, grants::add);

            double rps = run.requestsPerSecond();
            System.out.printf("%n== API budget: %d calls of %s users, %d h each, %d ms latency per request, budget"
                    + " %d/s, max in flight %d, calls end %d s before a window boundary%n", callCount,
                    fixedUsers > 0 ? fixedUsers : "1-20", hours, latencyMs, budget, maxInFlight, endBefore);
            System.out.printf("requests %d (failed %d), records %d, busy %.2f s%n", run.requests(), run.failed(),
                    run.records(), (run.lastAnswerNanos() - run.firstSendNanos()) / 1e9);
            System.out.printf("requests/s %.2f = %.1f%% of the budget%n", rps, 100 * rps / budget);
            System.out.printf("RequestLimitExceeded answers (simulator rate limit 20/s): %d; most accepted in any"
                    + " second: %d%n", sim.stats().throttled(ACTION), sim.stats().maxRequestsInAnySecond(ACTION));

            printArrivals(grants.sorted(), arrivals.sorted(), budget);

            printRequestsPerCallHour(run, usersByCall, hours);
            clientAlone(sim, props, budget, arrivals, usersByCall.keySet(), hourAgo - 3600L * hours, hours);
        }
    }

    /**
     * The same requests sent through a task's client alone, all queued at once: how close pacing gets to the budget
     * when nothing else (record building, polling) competes for the CPU between answers and the next requests.
     */
    private static void clientAlone(TrtcSimulator sim, Map<String, String> props, int budget, LongArray arrivals,
                                    java.util.Collection<String> commIds, long start, int hours) throws Exception {
        sim.stats().reset();
        arrivals.clear();
        LongArray grants = new LongArray();
        dev.kafkaconnect.trtc.api.RateLimiter limiter = TaskDriver.limiter(budget);
        limiter.observeGrants(grants::add);
        List<java.util.concurrent.CompletableFuture<?>> answers = new ArrayList<>();
        try (dev.kafkaconnect.trtc.api.TrtcApi client = TaskDriver.client(props, limiter)) {
            for (int h = 0; h < hours; h++) {
                for (String commId : commIds) {
                    answers.add(client.callDetail(dev.kafkaconnect.trtc.api.ApiGeneration.SEED,
                            new dev.kafkaconnect.trtc.api.CallDetailRequest(sim.sdkAppId(), commId,
                                    start + 3600L * h, start + 3600L * (h + 1), List.of(), List.of("appCpu"), 0, 6)));
                }
            }
            for (java.util.concurrent.CompletableFuture<?> a : answers) {
                a.get(10, java.util.concurrent.TimeUnit.MINUTES);
            }
        }
        System.out.printf("%n== The task's client alone: the same %d requests queued at once%n", answers.size());
        System.out.printf("RequestLimitExceeded answers: %d%n", sim.stats().throttled(ACTION));
        printArrivals(grants.sorted(), arrivals.sorted(), budget);
    }

    private static void printRequestsPerCallHour(TaskDriver.Run run, Map<String, Integer> usersByCall, int hours) {
        System.out.printf("%n== Requests per call-hour vs the paging minimum ceil(users/6)%n");
        System.out.printf("%5s %10s %10s %8s%n", "users", "measured", "minimum", "ratio");
        Map<Integer, long[]> byUsers = new java.util.TreeMap<>();
        usersByCall.forEach((commId, users) -> {
            long[] acc = byUsers.computeIfAbsent(users, k -> new long[2]);
            acc[0] += run.requestsByCall().getOrDefault(commId, 0L);
            acc[1] += (long) hours * ((users + 5) / 6);
        });
        long measured = 0;
        long minimum = 0;
        for (Map.Entry<Integer, long[]> e : byUsers.entrySet()) {
            long calls = usersByCall.values().stream().filter(u -> u.equals(e.getKey())).count();
            double perHour = e.getValue()[0] / (double) (calls * hours);
            double minPerHour = e.getValue()[1] / (double) (calls * hours);
            System.out.printf("%5d %10.2f %10.2f %8.3f%n", e.getKey(), perHour, minPerHour, perHour / minPerHour);
            measured += e.getValue()[0];
            minimum += e.getValue()[1];
        }
        System.out.printf("all calls: %d requests, minimum %d (%.3fx)%n", measured, minimum,
                measured / (double) minimum);
    }

    /**
     * When requests reached the simulator against when the limiter granted them. The k-th arrival is paired with
     * the k-th grant (both in time order): a request overtaking another changes no count, and the service limits
     * counts. If every such delay lies in [min, max], arrivals in any second are at most the grants in any window of
     * one second plus (max - min): that spread is the margin the limiter's window needs.
     */
    private static void printArrivals(long[] grants, long[] arrivals, int budget) {
        System.out.printf("%n== Grant to arrival at the simulator%n");
        System.out.printf("grants %d, arrivals %d%n", grants.length, arrivals.length);
        int n = Math.min(grants.length, arrivals.length);
        if (n == 0) {
            return;
        }
        long[] delays = new long[n];
        for (int k = 0; k < n; k++) {
            delays[k] = arrivals[k] - grants[k];
        }
        java.util.Arrays.sort(delays);
        System.out.printf("delay of the k-th arrival after the k-th grant, ms: min %.2f, p50 %.2f, p90 %.2f,"
                + " p99 %.2f, p99.9 %.2f, max %.2f; spread (max - min) %.2f%n", ms(delays[0]),
                ms(percentile(delays, 0.50)), ms(percentile(delays, 0.90)), ms(percentile(delays, 0.99)),
                ms(percentile(delays, 0.999)), ms(delays[n - 1]), ms(delays[n - 1] - delays[0]));
        System.out.printf("most grants in any 1 s window: %d; most arrivals in any 1 s window: %d (budget %d)%n",
                mostInAnyWindow(grants, 1_000_000_000L), mostInAnyWindow(arrivals, 1_000_000_000L), budget);
        if (arrivals.length > budget) {
            // Paced arrivals: (arrivals - 1) gaps over the span from first to last is the rate.
            double rate = (arrivals.length - 1) / ((arrivals[arrivals.length - 1] - arrivals[0]) / 1e9);
            System.out.printf("arrival rate, steady state: %.2f/s = %.1f%% of the budget%n", rate,
                    100 * rate / budget);
            // Without the ramp at the start and the tail of the last calls' dependent pages at the end.
            int from = arrivals.length / 10;
            int to = arrivals.length - 1 - arrivals.length / 10;
            double middle = (to - from) / ((arrivals[to] - arrivals[from]) / 1e9);
            System.out.printf("arrival rate between the 10th and 90th percentile arrivals: %.2f/s = %.1f%% of the"
                    + " budget%n", middle, 100 * middle / budget);
            double head = from / ((arrivals[from] - arrivals[0]) / 1e9);
            double tail = (arrivals.length - 1 - to) / ((arrivals[arrivals.length - 1] - arrivals[to]) / 1e9);
            System.out.printf("arrival rate over the first 10%%: %.2f/s, over the last 10%%: %.2f/s%n", head, tail);
        }
    }

    private static int mostInAnyWindow(long[] sorted, long windowNanos) {
        int most = 0;
        for (int i = 0, j = 0; i < sorted.length; i++) {
            while (sorted[i] - sorted[j] >= windowNanos) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A growable array of times, written from several threads. */
    private static final class LongArray {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        synchronized void clear() {
            size = 0;
        }

        synchronized long[] sorted() {
            long[] copy = java.util.Arrays.copyOf(values, size);
            java.util.Arrays.sort(copy);
            return copy;
        }
    }
}
