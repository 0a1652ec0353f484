package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.TaskDriver;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * A large call read whole: {@code users} users all present for {@code hours} hours, every metric, so that each
 * page (six users, each with the downlink from every peer) is larger than the answer limit and the task must ask
 * for shorter windows. Reports the samples read against the simulator's count, the requests and refusals, the time,
 * and the heap: the JVM's peak heap use during the read (the simulator runs in the same JVM, so this bounds the
 * task's from above). Args: {@code [users=60] [hours=1] [maxAnswerMiB=32] [maxInFlight=10]}.
 */
public final class LargeCallHarness {
    private LargeCallHarness() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        long maxAnswerMiB = args.length > 2 ? Long.parseLong(args[2]) : 32;
        int maxInFlight = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        long start = System.currentTimeMillis() / 1000 / 3600 * 3600 - 86_400;
        CallSpec.Builder call = CallSpec.builder("large");
        for (int u = 0; u < users; u++) {
            call.user("user" + u, start, start + hours * 3600L);
        }
        try (TrtcSimulator sim = TrtcSimulator.builder().rateLimitPerSecond(20).threads(8).call(call.build())
                .build().start()) {
            String commId = SimulatedCall.commId(sim.sdkAppId(), "large", start);
            GroundTruth.Fingerprint expected = sim.groundTruth().fingerprint(commId, start, Long.MAX_VALUE,
                    ApiGeneration.SEED);
            Map<String, String> props = new HashMap<>();
            props.put(TrtcSourceConfig.ENDPOINT, sim.endpoint());
            props.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
            props.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
            props.put(TrtcSourceConfig.SDK_APP_ID, Long.toString(sim.sdkAppId()));
            props.put(TrtcSourceConfig.COMM_IDS, commId);
            props.put(TrtcSourceConfig.METRICS, "all");
            props.put(TrtcSourceConfig.MAX_IN_FLIGHT, Integer.toString(maxInFlight));
            props.put(TrtcSourceConfig.MAX_ANSWER_BYTES, Long.toString(maxAnswerMiB * 1024 * 1024));
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            GroundTruth.Fingerprint read = new GroundTruth.Fingerprint();
            long began = System.nanoTime();
            TaskDriver.Run run = TaskDriver.run(props, Duration.ofMinutes(30), batch -> batch.forEach(r -> {
                if (r.valueSchema().name().endsWith("QualitySample")) {
                    Struct v = (Struct) r.value();
                    read.add(v.getString("userId"), v.getString("peerId"), v.getString("metric"),
                            ((java.util.Date) v.get("time")).getTime() / 1000);
                }
            }));
            double seconds = (System.nanoTime() - began) / 1e9;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("%n== large call: %d users x %d h, every metric, answer limit %d MiB, %d in flight: "
                            + "%d of %d samples (%s) in %.1f s, %d requests (%d failed: answers too large), peak heap "
                            + "of the JVM (task and simulator) %d MiB of %d MiB max%n", users, hours, maxAnswerMiB,
                    maxInFlight, read.count(), expected.count(), read.equals(expected) ? "exactly the simulator's"
                            : "NOT the simulator's", seconds, run.requests(), run.failed(),
                    peak / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            if (!read.equals(expected)) {
                System.exit(1);
            }
        }
    }
}
