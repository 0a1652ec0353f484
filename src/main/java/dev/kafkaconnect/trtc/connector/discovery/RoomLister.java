package dev.kafkaconnect.trtc.connector.discovery;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.RoomInfo;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.metrics.ApiMetrics;
import dev.kafkaconnect.trtc.connector.metrics.DiscoveryCounters;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.WindowLength;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.utils.Time;

/**
 * Lists an application's rooms over a time range: windows of at most 24 hours (the action's limit, or the shorter
 * length the service teaches by refusing a window as too long, see {@link WindowLength}), each paged with the
 * largest page size until a short page. {@code Total} is never trusted: servers report it per page or
 * overall. Each window [start, end] is asked for from a second before its start: the documentation does not say
 * whether {@code StartTime} is inclusive, and a service that treats it as exclusive would not list a room created at
 * exactly the start (the start of every round's listing, often the creation of the oldest room still open). So a
 * window is a second shorter than the span the service accepts. Follows the API generation like the tasks do
 * ({@code auto} moves to the successor's action when the seed's is not served).
 */
public final class RoomLister {
    static final long MAX_WINDOW_SECONDS = 24 * 3600;
    public static final int PAGE_SIZE = 100;

    private final TrtcApi api;
    private final long sdkAppId;
    private final GenerationSwitch generation;
    private final DiscoveryCounters counters;
    private final WindowLength windowLength = new WindowLength(MAX_WINDOW_SECONDS, "Call discovery", "room-list");

    RoomLister(TrtcApi api, long sdkAppId, GenerationSwitch generation) {
        this(api, sdkAppId, generation, new DiscoveryCounters(Time.SYSTEM));
    }

    RoomLister(TrtcApi api, long sdkAppId, GenerationSwitch generation, DiscoveryCounters counters) {
        this.api = api;
        this.sdkAppId = sdkAppId;
        this.generation = generation;
        this.counters = counters;
    }

    /** Room-list requests sent so far. */
    long requests() {
        return counters.requests();
    }

    /**
     * Hands every room listed for [from, to] (unix seconds) to {@code sink}; a room listed in two windows is
     * handed over twice, and a room the service lists for the second before {@code from} is handed over too.
     *
     * @throws TrtcApiException when a request fails after the client's own retries
     */
    void list(long from, long to, Consumer<RoomInfo> sink) {
        long start = from;
        while (start < to) {
            long end = Math.min(to, start + windowLength.seconds() - 1);
            try {
                listWindow(start, end, sink);
                start = end;
            } catch (TrtcApiException e) {
                // A window refused as too long is listed again, shorter; the rooms already handed over are
                // handed over again, which the caller takes as it takes a room listed in two windows.
                if (e.kind() != ErrorKind.WINDOW_TOO_LONG || !windowLength.refused(end - (start - 1))) {
                    throw e;
                }
            }
        }
    }

    /** The longest room-list window the service accepts, as discovery has learnt it. */
    WindowLength windowLength() {
        return windowLength;
    }

    private void listWindow(long start, long end, Consumer<RoomInfo> sink) {
        Set<String> seen = new HashSet<>();
        for (int page = 0; ; page++) {
            RoomListResponse answer = request(new RoomListRequest(sdkAppId, start - 1, end, page, PAGE_SIZE));
            int fresh = 0;
            for (RoomInfo room : answer.rooms()) {
                if (room.commId() == null || room.commId().isBlank()) {
                    continue;
                }
                if (seen.add(room.commId())) {
                    fresh++;
                }
                sink.accept(room);
            }
            // A short page ends the window; so does a page of rooms all seen before (a server that ignores
            // PageNumber must not make this loop forever).
            if (answer.rooms().size() < PAGE_SIZE || fresh == 0) {
                return;
            }
        }
    }

    private RoomListResponse request(RoomListRequest request) {
        while (true) {
            ApiGeneration g = generation.current();
            try {
                RoomListResponse answer = api.roomListSync(g, request);
                counters.request(ApiMetrics.OK);
                counters.roomsListed.addAndGet(answer.rooms().size());
                return answer;
            } catch (TrtcApiException e) {
                counters.request(ApiMetrics.outcome(e.kind()));
                if (e.kind() == ErrorKind.UNSUPPORTED_ACTION && generation.switchFrom(g)) {
                    continue;
                }
                throw e;
            }
        }
    }
}
