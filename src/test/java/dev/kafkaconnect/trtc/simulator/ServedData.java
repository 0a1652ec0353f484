package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects every point the server serves for a call over a range, the way a client would page through it. */
final class ServedData {
    private ServedData() {
    }

    /** Points served for {@code [from, to)}, fetched in inclusive windows of at most an hour, every page. */
    static List<GroundTruth.Point> fetch(TrtcSimulator sim, ApiGeneration g, String commId, long from, long to) {
        List<GroundTruth.Point> out = new ArrayList<>();
        for (long w = from; w < to; w += 3600) {
            long end = Math.min(to, w + 3600) - 1;
            for (int page = 0; ; page++) {
                Map<String, Object> params = TestSims.detail(g, commId, w, end);
                params.put("DataType", List.of("all"));
                params.put("PageNumber", TestSims.page(g, page));
                params.put("PageSize", TestSims.page(g, 6));
                JsonNode r = TestSims.request(sim, g.callDetailAction()).body(params).send().ok();
                for (JsonNode s : r.path("Data")) {
                    String peer = s.path("PeerId").asText();
                    for (JsonNode p : s.path("Content")) {
                        out.add(new GroundTruth.Point(commId, s.path("UserId").asText(),
                                peer.isEmpty() ? null : peer, s.path("DataType").asText(),
                                p.path("Time").asLong(), p.path("Value").asDouble()));
                    }
                }
                if (r.path("UserList").size() < 6) {
                    break;
                }
            }
        }
        return out;
    }
}
