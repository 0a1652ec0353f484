package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One window's request for a room's abnormal experiences, and its answer until the answer is emitted or split. It
 * holds a slot of the experiences' own {@link InFlight} bound from its launch until it is released, so the stream
 * never takes the samples' slots. After a retriable failure the same fetch is launched again.
 */
final class ExperienceFetch {
    private final Window window;
    private CompletableFuture<UnusualEventResponse> future;
    private InFlight slot;
    private int failures;
    /** The window's experiences are left out (unreadable, refused): it is passed over when it reaches the head. */
    private boolean skipped;

    ExperienceFetch(Window window) {
        this.window = window;
    }

    Window window() {
        return window;
    }

    void launch(CompletableFuture<UnusualEventResponse> answer, InFlight inFlight) {
        if (slot != null) {
            throw new IllegalStateException(this + " launched twice");
        }
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

    UnusualEventResponse answer() {
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

    /** Leaves the window's experiences out; its request, if any, is cancelled. */
    void skip() {
        cancel();
        skipped = true;
    }

    boolean skipped() {
        return skipped;
    }

    /** How many times this request has failed so far. */
    int failures() {
        return failures;
    }

    /** Cancels the request if it is in flight, and gives back its slot. */
    void cancel() {
        if (future != null && !future.isDone()) {
            future.cancel(true);
        }
        release();
    }

    /** Gives back the slot; does nothing when none is held. */
    void release() {
        if (slot != null) {
            slot.giveBack();
            slot = null;
        }
    }

    @Override
    public String toString() {
        return "abnormal experiences window " + window;
    }
}
