package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UserEventResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One user's events over one range ({@code DescribeUserEvent}), and its answer until it is emitted. It holds a
 * slot of the stream's own {@link InFlight} bound from its launch until it is released, so the stream never takes
 * the samples' slots. After a retriable failure the same fetch is launched again.
 */
final class UserEventFetch {
    private final String userId;
    private final Window range;
    private CompletableFuture<UserEventResponse> future;
    private InFlight slot;
    private int failures;
    /** The range's events are left out (unreadable, refused): it is passed over when its turn comes. */
    private boolean skipped;

    UserEventFetch(String userId, Window range) {
        this.userId = userId;
        this.range = range;
    }

    String userId() {
        return userId;
    }

    Window range() {
        return range;
    }

    void launch(CompletableFuture<UserEventResponse> answer, InFlight inFlight) {
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

    UserEventResponse answer() {
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

    int failures() {
        return failures;
    }

    void skip() {
        cancel();
        skipped = true;
    }

    boolean skipped() {
        return skipped;
    }

    void cancel() {
        if (future != null && !future.isDone()) {
            future.cancel(true);
        }
        release();
    }

    void release() {
        if (slot != null) {
            slot.giveBack();
            slot = null;
        }
    }

    @Override
    public String toString() {
        return "user events of " + userId + " " + range;
    }
}
