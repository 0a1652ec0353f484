package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Memory: the smallest {@code -Xmx} with which a task reads maximal answers at its default pipelining depth, found
 * by bisection over child JVMs ({@link MemoryHarness}), against the smallest with which the same task idles. The
 * simulator runs here, in the parent, so its memory is not counted. Each child uses the JVM's default collector.
 * Args: {@code [calls=4] [hours=3] [resolutionMb=4]}; each call has 6 users and every metric, so each of its
 * one-hour answers is the 356,400-point maximal answer (about 11 MB).
 */
public final class MemoryBisect {
    private static final long CHILD_TIMEOUT_SECONDS = 240;

    private MemoryBisect() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int resolution = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long start = System.currentTimeMillis() / 1000 / 3600 * 3600 - 86_400 - hours * 3600L;
        TrtcSimulator.Builder b = TrtcSimulator.builder().rateLimitPerSecond(20).threads(16);
        List<String> commIds = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            CallSpec.Builder call = CallSpec.builder("mem" + i);
            for (int u = 0; u < MaximalAnswer.USERS; u++) {
                call.user("user" + u, start, start + hours * 3600L - 600);
            }
            b.call(call.build());
        }
        try (TrtcSimulator sim = b.build().start()) {
            for (int i = 0; i < calls; i++) {
                commIds.add(SimulatedCall.commId(sim.sdkAppId(), "mem" + i, start));
            }
            String app = Long.toString(sim.sdkAppId());
            // A call that begins tomorrow: nothing of it is due, so its task only idles.
            String future = SimulatedCall.commId(sim.sdkAppId(), "idle", start + 3 * 86_400L);
            int idle = smallest(new String[] {"idle", sim.endpoint(), app, future}, resolution);
            int load = smallest(new String[] {"load", sim.endpoint(), app, String.join(",", commIds)}, resolution);
            System.out.printf("%n== Memory: %d calls x %d maximal answers, trtc.max.in.flight 10 (default)%n", calls,
                    hours);
            System.out.printf("smallest -Xmx idle: %d MiB; reading maximal answers: %d MiB; difference: %d MiB"
                    + " (resolution %d MiB)%n", idle, load, load - idle, resolution);
        }
    }

    /** Bisects the smallest -Xmx (MiB) with which the child exits 0. */
    private static int smallest(String[] childArgs, int resolution) throws Exception {
        int lo = 8;
        int hi = 1024;
        if (!passes(hi, childArgs)) {
            throw new IllegalStateException("the child fails even with -Xmx" + hi + "m: " + String.join(" ", childArgs));
        }
        while (hi - lo > resolution) {
            int mid = (lo + hi) / 2;
            if (passes(mid, childArgs)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean passes(int xmxMb, String[] childArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xmx" + xmxMb + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MemoryHarness.class.getName());
        cmd.addAll(List.of(childArgs));
        File log = new File("target/memory-bisect-children.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        boolean ended = p.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        boolean ok = ended && p.exitValue() == 0;
        System.out.printf("  %s -Xmx%dm: %s%n", childArgs[0], xmxMb, ok ? "passes"
                : ended ? "fails (exit " + p.exitValue() + ", see " + log + ")" : "timed out");
        return ok;
    }
}
