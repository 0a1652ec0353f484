package dev.kafkaconnect.trtc.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The TRTC call-quality API as the connector uses it. Calls are asynchronous so several requests can be in flight;
 * each future completes with the parsed answer, or exceptionally with a {@link TrtcApiException} once the
 * client's own retries are spent or its deadline has passed.
 */
public interface TrtcApi extends AutoCloseable {

    CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request);

    CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request);

    /** Blocking form of {@link #callDetail}; throws the {@link TrtcApiException} itself. */
    default CallDetailResponse callDetailSync(ApiGeneration generation, CallDetailRequest request) {
        return await(callDetail(generation, request));
    }

    /** Blocking form of {@link #roomList}; throws the {@link TrtcApiException} itself. */
    default RoomListResponse roomListSync(ApiGeneration generation, RoomListRequest request) {
        return await(roomList(generation, request));
    }

    @Override
    void close();

    /** Waits for a future and rethrows its {@link TrtcApiException} (or runtime failure) unwrapped. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            // The caller is stopping: let the call go too, so its request is cancelled rather than retried.
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TrtcApiException(ErrorKind.TRANSPORT, null, null, null, 0, "interrupted while waiting", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new TrtcApiException(ErrorKind.TRANSPORT, null, null, null, 0, String.valueOf(cause), cause);
        }
    }
}
