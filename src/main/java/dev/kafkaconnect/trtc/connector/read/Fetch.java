package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One page request of a window, and its answer until the answer is emitted. It holds an {@link InFlight} slot from
 * its launch until it is released (emitted, failed or dropped). After a retriable failure the same fetch is
 * launched again, so records keep their order.
 */
final class Fetch {
    private final WindowRead window;
    private final int page;
    /** The reading (pass) of the window's pages this request belongs to. */
    private final int pass;
    private CompletableFuture<CallDetailResponse> future;
    private ApiGeneration generation;
    /** The answer's page count and users have been taken into account. */
    private boolean noted;
    /** The slot this fetch holds; null when it holds none. */
    private InFlight slot;
    /** How many times this request has failed. */
    private int failures;

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
        if (slot != null) {
            throw new IllegalStateException(this + " launched twice");
        }
        this.generation = generation;
        this.future = answer;
        this.slot = inFlight;
        inFlight.take();
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

    /** Whether this is the first look at the answer since it came (its page count and users are then learnt). */
    boolean firstLookAtAnswer() {
        if (!answered() || noted) {
            return false;
        }
        noted = true;
        return true;
    }

    CallDetailResponse answer() {
        return future.join();
    }

    /** Forgets a failed request and gives back its slot; returns why it failed. The fetch may be launched again. */
    Throwable takeFailure() {
        Throwable cause;
        try {
            future.join();
            cause = null;
        } catch (CompletionException | CancellationException e) {
            cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
        future = null;
        failures++;
        release();
        return cause;
    }

    /** Cancels the request if it is in flight, and gives back its slot. */
    void cancel() {
        if (future != null) {
            future.cancel(true);
        }
        release();
    }

    /** Gives back the slot (the answer was emitted, or the fetch is dropped); does nothing when none is held. */
    void release() {
        if (slot != null) {
            slot.giveBack();
            slot = null;
        }
    }

    /** How many times this request has failed so far. */
    int failures() {
        return failures;
    }

    boolean holdsSlot() {
        return slot != null;
    }

    @Override
    public String toString() {
        return window.window() + " page " + page;
    }
}
