package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.connector.TaskDriver;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The child JVM of {@link MemoryBisect}: one task reading maximal answers from a simulator in another process, at
 * the connector's default pipelining depth ({@code trtc.max.in.flight} 10), records discarded as a worker would
 * once produced. Exits 0 when every call was read, non-zero on OutOfMemoryError (run with
 * {@code -XX:+ExitOnOutOfMemoryError}).
 * Args: {@code load <endpoint> <sdkAppId> <commId,...>} or {@code idle <endpoint> <sdkAppId> <commId>}: the idle
 * run starts the same task on a call that has not begun, so nothing is due: the footprint of a task doing nothing.
 */
public final class MemoryHarness {
    private MemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        boolean idle = args[0].equals("idle");
        Map<String, String> props = new HashMap<>();
        props.put(TrtcSourceConfig.ENDPOINT, args[1]);
        props.put(TrtcSourceConfig.SECRET_ID, TrtcSimulator.DEMO_SECRET_ID);
        props.put(TrtcSourceConfig.SECRET_KEY, TrtcSimulator.DEMO_SECRET_KEY);
        props.put(TrtcSourceConfig.SDK_APP_ID, args[2]);
        props.put(TrtcSourceConfig.COMM_IDS, args[3]);
        if (idle) {
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            TaskDriver.runFor(props, () -> System.nanoTime() > until);
        } else {
            TaskDriver.Run run = TaskDriver.run(props, Duration.ofMinutes(10), batch -> { });
            System.out.println("records " + run.records() + ", requests " + run.requests());
        }
        System.exit(0);
    }
}
