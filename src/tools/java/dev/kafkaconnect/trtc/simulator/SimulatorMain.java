package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator on its own, for trying the connector without Tencent Cloud keys:
 * {@code java -jar target/tools/kafka-connect-trtc-<version>-tools.jar --port 18080 --seed 42} (the tools jar names
 * this class as its Main-Class; its {@code lib/} holds the plugin jar, for the API classes, and its libraries).
 * Prints the endpoint, the calls and a signed example {@code curl}; Ctrl-C stops it.
 */
public final class SimulatorMain {
    private static final int LISTED_CALLS = 25;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(SimulatorOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(SimulatorOptions.USAGE);
            return;
        }
        TrtcSimulator sim;
        try {
            sim = start(options, System.out);
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getMessage() + " (" + e.getCause().getMessage()
                    + "); choose another --port");
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "trtc-simulator-shutdown"));
        stopped.await();
    }

    /** Builds and starts a simulator from the options and prints how to use it. */
    static TrtcSimulator start(SimulatorOptions o, PrintStream out) {
        TrtcSimulator sim = TrtcSimulator.builder()
                .port(o.port()).seed(o.seed()).sdkAppId(o.sdkAppId())
                .credentials(o.secretId(), o.secretKey())
                .generatedCalls(o.calls(), o.liveCalls())
                .rateLimitPerSecond(o.rateLimit()).dataDelay(o.dataDelay()).lookback(o.lookback())
                .seedActionsOffline(o.seedActionOffline())
                .settings(s -> {
                    s.numbers(o.numbersAsStrings() ? SimulatorSettings.Numbers.AS_STRINGS
                            : SimulatorSettings.Numbers.AS_NUMBERS);
                    o.readings().applyTo(s);
                    o.actionRateLimits().forEach(s::rateLimitPerSecond);
                })
                .build();
        o.malformedAnswers().forEach((commId, how) -> sim.faults().malform(commId, how));
        if (!o.latency().isZero()) {
            sim.faults().allActions().rate(1.0, Fault.latency(o.latency()));
        }
        sim.start();
        printBanner(sim, o, out);
        return sim;
    }

    private static void printBanner(TrtcSimulator sim, SimulatorOptions o, PrintStream out) {
        long now = sim.clock().nowSeconds();
        List<SimulatedCall> calls = sim.calls();
        out.println("TRTC API simulator listening on " + sim.endpoint());
        out.println("  SdkAppId " + sim.sdkAppId() + ", SecretId " + o.secretId()
                + (TrtcSimulator.DEMO_SECRET_KEY.equals(o.secretKey()) ? " (demo key)" : " (key as given)")
                + ", seed " + o.seed() + ", rate limit " + o.rateLimit() + "/s per action, data delay "
                + o.dataDelay().toSeconds() + " s" + (o.latency().isZero() ? "" : ", latency " + o.latency().toMillis() + " ms")
                + (o.seedActionOffline() ? ", seed actions offline" : "")
                + (o.numbersAsStrings() ? ", numbers as strings" : ""));
        o.actionRateLimits().forEach((action, limit) -> out.println("  Rate limit of " + action + ": "
                + (limit == 0 ? "none" : limit + "/s")));
        String readings = o.readings().changed();
        if (!readings.isEmpty()) {
            out.println("  Readings: " + readings);
        }
        o.malformedAnswers().forEach((commId, how) -> out.println("  Malformed answers (" + how.label() + ") for "
                + commId + (sim.call(commId) == null ? " (no such call)" : "")));
        out.println("Calls (" + calls.size() + "; newest " + Math.min(LISTED_CALLS, calls.size()) + " shown):");
        for (SimulatedCall c : calls.subList(Math.max(0, calls.size() - LISTED_CALLS), calls.size())) {
            out.println("  " + c.commId() + "  room " + c.roomString() + "  " + c.users().size() + " users  "
                    + (c.isLive(now) ? "live" : "finished"));
        }
        if (!calls.isEmpty()) {
            SimulatedCall c = calls.get(calls.size() - 1);
            long end = Math.min(now, c.activeUntil(now));
            long start = Math.max(c.createTime(), end - 600);
            String body = "{\"SdkAppId\":" + sim.sdkAppId() + ",\"CommId\":\"" + c.commId() + "\",\"StartTime\":"
                    + start + ",\"EndTime\":" + end + ",\"DataType\":[\"appCpu\",\"aBit\"],\"PageNumber\":0,"
                    + "\"PageSize\":6}";
            ExampleRequest example = ExampleRequest.signed(sim.endpoint(), sim.port(), o.secretId(), o.secretKey(),
                    ApiGeneration.SUCCESSOR.callDetailAction(), body, now);
            out.println("Example request (signed, valid for 5 minutes):");
            out.println(example.curl());
        }
        out.println("Ctrl-C stops the simulator.");
        out.flush();
    }
}
