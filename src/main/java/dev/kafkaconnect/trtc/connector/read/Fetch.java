package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import java.util.concurrent.CompletableFuture;

/** One page request of a window; relaunched in place after a retriable failure, so records keep their order. */
public final class Fetch {
    public final WindowRead window;
    public final int page;
    public CompletableFuture<CallDetailResponse> future;
    public ApiGeneration generation;
    /** The answer's page count and users have been taken into account. */
    boolean noted;

    Fetch(WindowRead window, int page) {
        this.window = window;
        this.page = page;
    }

    boolean launched() {
        return future != null;
    }

    boolean answered() {
        return future != null && future.isDone() && !future.isCompletedExceptionally();
    }

    boolean failed() {
        return future != null && future.isCompletedExceptionally();
    }

    void cancel() {
        if (future != null) {
            future.cancel(true);
        }
    }

    @Override
    public String toString() {
        return window.window + " page " + page;
    }
}
