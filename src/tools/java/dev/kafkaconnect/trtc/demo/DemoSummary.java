package dev.kafkaconnect.trtc.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;

/**
 * What a demo run did, checked against the simulator's ground truth: per call, the distinct samples read with a
 * time in the settled range (older than the connector's settle delay) against the points the simulator serves
 * there for the demo's metrics.
 */
public record DemoSummary(int calls, int finishedCalls, long samplesRead, long duplicates, long undecodable,
                          int participants, long requests, long throttled, List<CallCount> perCall) {

    /** One call: samples read in its settled range and what the simulator has there (-1 without a simulator). */
    public record CallCount(String commId, boolean finished, long read, long expected) {
    }

    public long settledRead() {
        return perCall.stream().mapToLong(CallCount::read).sum();
    }

    public long settledExpected() {
        return perCall.stream().mapToLong(CallCount::expected).sum();
    }

    static DemoSummary of(DemoSession session, SampleWatcher watcher, QualityBoard board) {
        List<CallCount> perCall = new ArrayList<>();
        long requests = -1;
        long throttled = -1;
        int calls = board.calls();
        if (session.simulatorIfAny().isPresent()) {
            TrtcSimulator sim = session.simulator();
            long now = sim.clock().nowSeconds();
            long cutoff = now - DemoSession.SETTLE_DELAY_MS / 1000;
            Set<String> metrics = Set.of(DemoSession.DEMO_METRICS.split(","));
            GroundTruth truth = sim.groundTruth();
            for (SimulatedCall call : sim.calls()) {
                long expected = truth.points(call.commId(), 0, cutoff).stream()
                        .filter(p -> metrics.contains(p.metric())).count();
                perCall.add(new CallCount(call.commId(), call.isFinished(now),
                        watcher.distinctSamples(call.commId(), cutoff * 1000), expected));
            }
            requests = sim.stats().requests();
            throttled = sim.stats().throttled();
            calls = sim.calls().size();
        }
        int finished = session.finishedCalls().size();
        return new DemoSummary(calls, finished, watcher.distinctSamples(), watcher.duplicates(),
                watcher.undecodable(), board.participants(), requests, throttled, List.copyOf(perCall));
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Summary");
        out.add("  calls:           " + calls + " (" + finishedCalls + " read to their end)");
        out.add("  samples read:    " + samplesRead + " distinct, " + duplicates + " duplicates, " + undecodable
                + " undecodable");
        out.add("  participants:    " + participants + " users seen in samples");
        if (requests >= 0) {
            out.add("  API requests:    " + requests + " (" + throttled + " throttled)");
            out.add("  settled range:   " + settledRead() + " of " + settledExpected()
                    + " samples the simulator serves (time older than the settle delay)");
            for (CallCount c : perCall) {
                out.add(String.format("    %-40s %-8s %8d of %8d%s", c.commId(), c.finished() ? "finished" : "live",
                        c.read(), c.expected(), c.read() == c.expected() ? "" : "  (still reading)"));
            }
        }
        return out;
    }
}
