package dev.kafkaconnect.trtc.api;

import dev.kafkaconnect.trtc.simulator.GroundTruth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Fetches every point of a call through the client, hour by hour and page by page, as the connector would. */
final class SimulatorFetch {
    static final Comparator<GroundTruth.Point> ORDER = Comparator.comparing(GroundTruth.Point::userId)
            .thenComparing(GroundTruth.Point::metric)
            .thenComparing(p -> p.peerId() == null ? "" : p.peerId())
            .thenComparingLong(GroundTruth.Point::timeSec);

    private SimulatorFetch() {
    }

    /** Points in {@code [from, to)}, fetched in inclusive windows of at most an hour; also counts the pages. */
    static List<GroundTruth.Point> points(TrtcApi client, ApiGeneration g, long sdkAppId, String commId, long from,
                                          long to, int[] pages) {
        List<GroundTruth.Point> out = new ArrayList<>();
        for (long w = from; w < to; w += 3600) {
            long end = Math.min(to, w + 3600) - 1;
            for (int page = 0; ; page++) {
                CallDetailResponse r = client.callDetailSync(g, new CallDetailRequest(sdkAppId, commId, w, end,
                        List.of(), List.of(Metrics.ALL), page, 6));
                pages[0]++;
                for (QualitySeries s : r.data()) {
                    for (int i = 0; i < s.size(); i++) {
                        out.add(new GroundTruth.Point(commId, s.userId(), s.peerId(), s.dataType(), s.time(i),
                                s.value(i)));
                    }
                }
                if (r.userList().size() < 6) {
                    break;
                }
            }
        }
        return out.stream().sorted(ORDER).toList();
    }
}
