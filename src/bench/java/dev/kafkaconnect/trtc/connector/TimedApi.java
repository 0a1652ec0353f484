package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.ApiCallListener;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.api.UserEventResponse;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.Time;

/**
 * The task's own client, timing its call-detail requests per call and window end: when the first was handed to
 * the client, when the last answer came (unix ms). The event streams' requests pass through untimed.
 */
final class TimedApi implements TrtcApi {
    /** Per {@code commId@windowEnd}: {first send, last answer}. */
    final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private volatile TrtcApi delegate;

    /** A factory whose clients are the task's own ({@link TrtcClients#FACTORY}), timed by this. */
    TrtcApiFactory factory() {
        return new TrtcApiFactory() {
            @Override
            public TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time) {
                return create(config, rateLimit, time, null);
            }

            @Override
            public TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time, ApiCallListener listener) {
                delegate = listener == null ? TrtcClients.FACTORY.create(config, rateLimit, time)
                        : TrtcClients.FACTORY.create(config, rateLimit, time, listener);
                return TimedApi.this;
            }
        };
    }

    static String key(String commId, long windowEndSeconds) {
        return commId + "@" + windowEndSeconds;
    }

    @Override
    public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
        long[] times = windows.computeIfAbsent(key(request.commId(), request.endTime()),
                k -> new long[] {System.currentTimeMillis(), 0});
        return delegate.callDetail(generation, request).whenComplete((r, e) -> {
            synchronized (times) {
                times[1] = Math.max(times[1], System.currentTimeMillis());
            }
        });
    }

    @Override
    public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
        return delegate.roomList(generation, request);
    }

    @Override
    public CompletableFuture<UserEventResponse> userEvents(UserEventRequest request) {
        return delegate.userEvents(request);
    }

    @Override
    public CompletableFuture<UnusualEventResponse> unusualEvents(UnusualEventRequest request) {
        return delegate.unusualEvents(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
