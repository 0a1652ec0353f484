package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import java.util.concurrent.CompletableFuture;

/**
 * One page request of a window, and its answer until the answer is emitted. It holds an {@link InFlight} slot from
 * its launch until it is released (emitted, failed or dropped). After a retriable failure the same fetch is
 * launched again, so records keep their order.
 */
final class Fetch extends PendingRequest<CallDetailResponse> {
    private final WindowRead window;
    private final int page;
    /** The reading (pass) of the window's pages this request belongs to. */
    private final int pass;
    private ApiGeneration generation;
    /** The answer's page count and users have been taken into account. */
    private boolean noted;

    Fetch(WindowRead window, int page, int pass) {
        this.window = window;
        this.page = page;
        this.pass = pass;
    }

    WindowRead window() {
        return window;
    }

    int page() {
        return page;
    }

    /** The reading (pass) of the window's pages this request belongs to. */
    int pass() {
        return pass;
    }

    /** The API generation the request was last sent with; null before the first launch. */
    ApiGeneration generation() {
        return generation;
    }

    /** The request was sent with {@code generation}; its answer comes through {@code answer}. Takes a slot. */
    void launch(ApiGeneration generation, CompletableFuture<CallDetailResponse> answer, InFlight inFlight) {
        this.generation = generation;
        launch(answer, inFlight);
    }

    /** Whether this is the first look at the answer since it came (its page count and users are then learnt). */
    boolean firstLookAtAnswer() {
        if (!answered() || noted) {
            return false;
        }
        noted = true;
        return true;
    }

    @Override
    public String toString() {
        return window.window() + " page " + page;
    }
}
