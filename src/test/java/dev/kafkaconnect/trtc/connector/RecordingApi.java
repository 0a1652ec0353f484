package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes calls to a real client and records each request with the Total and user count of its answer. */
final class RecordingApi implements TrtcApi {
    record Exchange(CallDetailRequest request, int total, int users) {
    }

    private final TrtcApi delegate;
    final List<Exchange> answered = new CopyOnWriteArrayList<>();

    RecordingApi(TrtcApi delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
        return delegate.callDetail(generation, request).whenComplete((r, e) -> {
            if (r != null) {
                answered.add(new Exchange(request, r.total(), r.userList().size()));
            }
        });
    }

    @Override
    public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
        return delegate.roomList(generation, request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
