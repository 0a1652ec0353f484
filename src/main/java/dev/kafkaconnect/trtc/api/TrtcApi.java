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

    /**
     * One user's event timeline in a call ({@code DescribeUserEvent}). An implementation that does not serve it
     * (a fake of the call-detail path) answers {@link ErrorKind#UNSUPPORTED_ACTION}.
     */
    default CompletableFuture<UserEventResponse> userEvents(UserEventRequest request) {
        return unsupported(UserEventRequest.ACTION);
    }

    /**
     * A room's abnormal experiences in a window ({@code DescribeUnusualEvent}). An implementation that does not
     * serve it answers {@link ErrorKind#UNSUPPORTED_ACTION}.
     */
    default CompletableFuture<UnusualEventResponse> unusualEvents(UnusualEventRequest request) {
        return unsupported(UnusualEventRequest.ACTION);
    }

    /** Blocking form of {@link #callDetail}; throws the {@link TrtcApiException} itself. */
    default CallDetailResponse callDetailSync(ApiGeneration generation, CallDetailRequest request) {
        return await(callDetail(generation, request));
    }

    /** Blocking form of {@link #roomList}; throws the {@link TrtcApiException} itself. */
    default RoomListResponse roomListSync(ApiGeneration generation, RoomListRequest request) {
        return await(roomList(generation, request));
    }

    /** Blocking form of {@link #userEvents}; throws the {@link TrtcApiException} itself. */
    default UserEventResponse userEventsSync(UserEventRequest request) {
        return await(userEvents(request));
    }

    /** Blocking form of {@link #unusualEvents}; throws the {@link TrtcApiException} itself. */
    default UnusualEventResponse unusualEventsSync(UnusualEventRequest request) {
        return await(unusualEvents(request));
    }

    @Override
    void close();

    private static <T> CompletableFuture<T> unsupported(String action) {
        return CompletableFuture.failedFuture(ErrorCodes.exception(ErrorKind.UNSUPPORTED_ACTION, null, null, action,
                0, action + " is not served by this implementation of the API", null));
    }

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
