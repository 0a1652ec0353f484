package dev.kafkaconnect.trtc.connector.read;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One request of a call and its answer until the answer is emitted: the future the client completes, the
 * {@link InFlight} slot it holds from its launch until it is released (emitted, failed or dropped), and how often it
 * failed. After a retriable failure the same request is launched again, so records keep their order. The request
 * kinds (a call-detail page, an abnormal-experiences window, a user's events) add what they ask for.
 *
 * @param <A> the answer
 */
abstract class PendingRequest<A> {
    private CompletableFuture<A> future;
    /** The slot this request holds; null when it holds none. */
    private InFlight slot;
    private int failures;
    /** Its answer is left out (unreadable, refused): the reader passes over it when its turn comes. */
    private boolean skipped;

    /** The request was sent; its answer comes through {@code answer}. Takes a slot of {@code inFlight}. */
    void launch(CompletableFuture<A> answer, InFlight inFlight) {
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

    A answer() {
        return future.join();
    }

    /** Forgets a failed request and gives back its slot; returns why it failed. It may be launched again. */
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

    /** How many times this request has failed so far. */
    int failures() {
        return failures;
    }

    /** Cancels the request if it is in flight, and gives back its slot. */
    void cancel() {
        if (future != null) {
            future.cancel(true);
        }
        release();
    }

    /** Gives back the slot (the answer was emitted, or the request is dropped); does nothing when none is held. */
    void release() {
        if (slot != null) {
            slot.giveBack();
            slot = null;
        }
    }

    /** Leaves the answer out; the request, if any, is cancelled. */
    void skip() {
        cancel();
        skipped = true;
    }

    boolean skipped() {
        return skipped;
    }

    boolean holdsSlot() {
        return slot != null;
    }
}
