package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Catch-up of a live call: the connector starts {@code hours} into a call that is still going (or comes back after
 * an outage that long) and reads its backlog; the time until the call is caught up (read to the settle delay) is
 * measured, with every request delayed by the simulator. Reading a window at a time costs a round trip per window;
 * requesting later windows ahead is bounded by the rate budget and {@code trtc.max.in.flight} instead.
 * Args: {@code [hours=12] [users=12] [latencyMs=250] [budget=20] [maxInFlight=10]}.
 */
public final class LiveCatchUpHarness {
    /** The seed's call-detail action, as the simulator counts it. */
    private static final String CALL_DETAIL = "DescribeCallDetail";

    private LiveCatchUpHarness() {
    }

    public static void main(String[] args) throws Exception {
        int hours = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 250;
        int budget = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int maxInFlight = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        long now = System.currentTimeMillis() / 1000;
        long start = now - hours * 3600L;
        CallSpec.Builder call = CallSpec.builder("live-catch-up");
        for (int u = 0; u < users; u++) {
            call.liveUser("user" + u, start + u);
        }
        try (TrtcSimulator sim = TrtcSimulator.builder().rateLimitPerSecond(20).threads(32).call(call.build())
                .build().start()) {
            sim.faults().allActions().rate(1.0, Fault.latency(Duration.ofMillis(latencyMs)));
            String commId = SimulatedCall.commId(sim.sdkAppId(), "live-catch-up", start);
            Map<String, String> props = new HashMap<>();
            props.put("trtc.endpoint", sim.endpoint());
            props.put("trtc.secret.id", TrtcSimulator.DEMO_SECRET_ID);
            props.put("trtc.secret.key", TrtcSimulator.DEMO_SECRET_KEY);
            props.put("trtc.sdk.app.id", Long.toString(sim.sdkAppId()));
            props.put("trtc.comm.ids", commId);
            props.put("trtc.rate.limit", Integer.toString(budget));
            props.put("trtc.max.in.flight", Integer.toString(maxInFlight));
            props.put("trtc.metrics", "appCpu");
            props.put("trtc.settle.delay.ms", "60000");
            props.put("trtc.poll.interval.ms", "60000");
            TrtcSourceConnector connector = new TrtcSourceConnector();
            connector.start(props);
            Map<String, String> taskProps = connector.taskConfigs(1).get(0);
            connector.stop();
            TrtcSourceTask task = new TrtcSourceTask();
            task.initialize(new TestTaskContext());
            long began = System.nanoTime();
            task.start(taskProps);
            long records = 0;
            long deadline = began + Duration.ofMinutes(10).toNanos();
            while (!(task.calls().get(0).caughtUp() && task.calls().get(0).idle()) && System.nanoTime() < deadline) {
                List<SourceRecord> batch = task.poll();
                records += batch == null ? 0 : batch.size();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            long requests = sim.stats().requests(CALL_DETAIL);
            task.stop();
            System.out.printf("%n== live catch-up: %d h of a live call of %d users, %d ms latency, budget %d/s, "
                            + "max in flight %d: caught up in %.1f s, %d requests (%.1f/s), %d records%n", hours,
                    users, latencyMs, budget, maxInFlight, seconds, requests, requests / seconds, records);
        }
    }

}
