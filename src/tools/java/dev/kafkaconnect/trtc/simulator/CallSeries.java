package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.Metrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Which series exist for a user of a call in a window, and at which times: the uplink of every requested metric,
 * and for the per-peer metrics (bitrate and loss) the downlink from each other user present at the same time.
 * Series without a point are left out. The server and {@link GroundTruth} both use this, so the truth is what
 * the server serves.
 */
final class CallSeries {
    private CallSeries() {
    }

    /** Series in order: per metric, the uplink and then each peer in the call's user order. */
    static List<SeriesTimes> of(SimulatedCall call, SimulatedUser user, List<String> metrics, long from, long to,
                                long now, long visibleUntil) {
        long[] uplink = SampleTimes.of(user, from, to, now, visibleUntil);
        List<SeriesTimes> out = new ArrayList<>();
        if (uplink.length == 0) {
            return out;
        }
        List<String> peers = new ArrayList<>();
        List<long[]> peerTimes = new ArrayList<>();
        for (SimulatedUser peer : call.users()) {
            if (peer != user) {
                long[] t = SampleTimes.whilePresent(uplink, peer, now);
                if (t.length > 0) {
                    peers.add(peer.userId());
                    peerTimes.add(t);
                }
            }
        }
        for (String metric : metrics) {
            out.add(new SeriesTimes(user.userId(), null, metric, uplink));
            if (Metrics.PER_PEER.contains(metric)) {
                for (int i = 0; i < peers.size(); i++) {
                    out.add(new SeriesTimes(user.userId(), peers.get(i), metric, peerTimes.get(i)));
                }
            }
        }
        return out;
    }
}
