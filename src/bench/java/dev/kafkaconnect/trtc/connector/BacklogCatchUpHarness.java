package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Time;

/**
 * Catch-up of a backlog against the API minimum: {@code calls} finished calls of 1 to 20 users and 1 to 3 hours
 * (call i: 1 + i % 20 users, 1 + (i / 20) % 3 hours, every combination in each 60 calls), plus one live call of
 * {@code liveHours} hours being caught up, read by {@code tasks} tasks built from the connector's
 * {@code taskConfigs(tasks)} in this JVM, each polled on its own thread as a worker would, against the simulator
 * over loopback HTTP (every answer delayed {@code latencyMs}, 20 requests per calendar second per action,
 * {@code RequestLimitExceeded} above). The time until every finished call's call-end record is out and the live
 * call is caught up and idle is compared with the lower bound: the most, over the actions read, of the requests
 * the paging rules require over that action's budget (the tasks share each budget).
 *
 * <p>Args: {@code [calls=1000] [tasks=1] [streams=default|none] [latencyMs=250] [budget=20] [maxInFlight=10]
 * [liveHours=12] [timelineSec=10]}; {@code budget} is each action's, as {@code trtc.rate.limit},
 * {@code trtc.user.events.rate.limit} and {@code trtc.abnormal.experiences.rate.limit}.
 */
public final class BacklogCatchUpHarness {
    private static final int LIVE_USERS = 12;
    /** Calls end this long before their last window's end: beyond the rejoin grace, so the paging minimum holds. */
    private static final int END_BEFORE_BOUNDARY = 600;

    private BacklogCatchUpHarness() {
    }

    /** Each task's share of each action's budget, from its configuration. */
    private static int[][] shares(List<Map<String, String>> taskConfigs) {
        int[][] out = new int[taskConfigs.size()][];
        for (int t = 0; t < out.length; t++) {
            Map<String, String> c = taskConfigs.get(t);
            out[t] = new int[] {Integer.parseInt(c.get(TrtcSourceTaskConfig.TASK_RATE_LIMIT)),
                    Integer.parseInt(c.getOrDefault(EventStream.USER_EVENTS.taskRateLimitKey(), "0")),
                    Integer.parseInt(c.getOrDefault(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey(), "0"))};
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        int callCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int taskCount = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean streams = args.length <= 2 || !"none".equals(args[2]);
        int latencyMs = args.length > 3 ? Integer.parseInt(args[3]) : 250;
        int budget = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int maxInFlight = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int liveHours = args.length > 6 ? Integer.parseInt(args[6]) : 12;
        int timelineSec = args.length > 7 ? Integer.parseInt(args[7]) : 10;

        long now = System.currentTimeMillis() / 1000;
        long base = now / 3600 * 3600 - 86_400;
        TrtcSimulator.Builder sb = TrtcSimulator.builder().rateLimitPerSecond(20).threads(64);
        Map<String, String> roomOf = new HashMap<>();
        long[] minimum = new long[RequestLog.ACTIONS.size()];
        Set<String> rooms = new HashSet<>();
        for (int i = 0; i < callCount; i++) {
            int users = 1 + i % 20;
            int hours = 1 + (i / 20) % 3;
            long start = base - 3600L * hours - 60L * (i % 50);
            CallSpec.Builder call = CallSpec.builder("backlog" + i);
            for (int u = 0; u < users; u++) {
                call.user("user" + u, start, start + 3600L * hours - END_BEFORE_BOUNDARY);
            }
            sb.call(call.build());
            rooms.add("backlog" + i);
            minimum[0] += (long) hours * ((users + 5) / 6);
            minimum[1] += users;
            minimum[2] += hours;
        }
        long liveStart = now - 3600L * liveHours;
        if (liveHours > 0) {
            CallSpec.Builder live = CallSpec.builder("live");
            for (int u = 0; u < LIVE_USERS; u++) {
                live.liveUser("user" + u, liveStart);
            }
            sb.call(live.build());
        }
        try (TrtcSimulator sim = sb.build().start()) {
            sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofMillis(latencyMs)));
            List<String> commIds = new ArrayList<>();
            for (int i = 0; i < callCount; i++) {
                int hours = 1 + (i / 20) % 3;
                String commId = SimulatedCall.commId(sim.sdkAppId(), "backlog" + i, base - 3600L * hours - 60L * (i % 50));
                commIds.add(commId);
                roomOf.put(commId, "backlog" + i);
            }
            String liveCommId = liveHours > 0 ? SimulatedCall.commId(sim.sdkAppId(), "live", liveStart) : null;
            if (liveCommId != null) {
                commIds.add(liveCommId);
                roomOf.put(liveCommId, "live");
            }
            CatchUpProbes.Arrivals arrivals = new CatchUpProbes.Arrivals();
            sim.observeArrivals(arrivals::arrived);

            Map<String, String> props = new HashMap<>();
            props.put(TrtcSourceConfig.ENDPOINT, sim.endpoint());
            props.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
            props.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
            props.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(sim.sdkAppId()));
            props.put(TrtcSourceConfig.COMM_IDS, String.join(",", commIds));
            props.put(TrtcSourceConfig.RATE_LIMIT, Integer.toString(budget));
            props.put(TrtcSourceConfig.USER_EVENTS_RATE_LIMIT, Integer.toString(budget));
            props.put(TrtcSourceConfig.ABNORMAL_EXPERIENCES_RATE_LIMIT, Integer.toString(budget));
            props.put(TrtcSourceConfig.MAX_IN_FLIGHT, Integer.toString(maxInFlight));
            props.put(TrtcSourceConfig.SETTLE_DELAY_MS, "60000");
            props.put(TrtcSourceConfig.POLL_INTERVAL_MS, "60000");
            // One uplink-only metric: this measures request pacing, not parsing (ResponsePathBench does that).
            props.put(TrtcSourceConfig.METRICS, "appCpu");
            if (!streams) {
                props.put(TrtcSourceConfig.STREAMS, "");
            }
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            List<Map<String, String>> taskConfigs = connector.taskConfigs(taskCount);
            connector.stop();

            RequestLog log = new RequestLog(c -> roomOf.getOrDefault(c, c));
            CatchUpProbes.LiveWatch live = new CatchUpProbes.LiveWatch(liveCommId);
            List<TrtcSourceTask> tasks = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long[] doneAt = new long[taskConfigs.size()];
            AtomicLong records = new AtomicLong();
            long began = System.nanoTime();
            long deadline = began + Duration.ofMinutes(60).toNanos();
            for (int t = 0; t < taskConfigs.size(); t++) {
                TrtcSourceTask task = new TrtcSourceTask(log.factory(t), Time.SYSTEM);
                task.initialize(new TestTaskContext());
                tasks.add(task);
                Map<String, String> config = taskConfigs.get(t);
                int index = t;
                Thread thread = new Thread(() -> {
                    task.start(config);
                    try {
                        while (!live.done(task.calls()) && System.nanoTime() < deadline) {
                            var batch = task.poll();
                            records.addAndGet(batch == null ? 0 : batch.size());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    doneAt[index] = System.nanoTime();
                }, "task-" + t);
                threads.add(thread);
            }
            CatchUpProbes.Progress progress = new CatchUpProbes.Progress(tasks, began);
            progress.start();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
            long ended = System.nanoTime();
            progress.interrupt();
            progress.join();
            tasks.forEach(TrtcSourceTask::stop);

            long splits = tasks.stream().mapToLong(t -> t.counters().experienceWindowsSplit.get()).sum();
            BacklogReport report = new BacklogReport(RequestLog.ACTIONS, streams, budget, began, ended);
            report.header(callCount, taskConfigs.size(), latencyMs, maxInFlight, liveHours, LIVE_USERS, records.get());
            report.tasks(doneAt, log.entries(), shares(taskConfigs));
            long[] required = minimum.clone();
            required[2] += 2 * splits;
            long[] liveRequired = live.required(log.starts("live", 0), log.starts("live", 1), LIVE_USERS);
            long liveCaughtUp = live.caughtUpNanos();
            long[] backlogMeasured = log.counts(rooms::contains, Long.MAX_VALUE);
            long[] liveMeasured = log.counts("live"::equals, liveCaughtUp == 0 ? Long.MAX_VALUE : liveCaughtUp);
            long[] liveAfter = log.counts("live"::equals, Long.MAX_VALUE);
            for (int a = 0; a < liveAfter.length; a++) {
                liveAfter[a] -= liveMeasured[a];
            }
            report.perAction(backlogMeasured, minimum, liveMeasured, liveRequired, liveAfter, required, splits,
                    sim.stats());
            report.live(liveCommId, liveCaughtUp, liveRequired, liveMeasured, log.entries());
            report.timeline(log.entries(), arrivals, progress.finished(), timelineSec);
        }
    }
}
