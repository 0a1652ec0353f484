package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UnusualEventResponse;

/**
 * One window's request for a room's abnormal experiences, and its answer until the answer is emitted or split. Its
 * slot is of the stream's own in-flight bound, so the stream never takes the samples' slots.
 */
final class ExperienceFetch extends PendingRequest<UnusualEventResponse> {
    private final Window window;
    /** The window's experiences are left out (unreadable, refused): it is passed over when it reaches the head. */
    private boolean skipped;

    ExperienceFetch(Window window) {
        this.window = window;
    }

    Window window() {
        return window;
    }

    /** Leaves the window's experiences out; its request, if any, is cancelled. */
    void skip() {
        cancel();
        skipped = true;
    }

    boolean skipped() {
        return skipped;
    }

    @Override
    public String toString() {
        return "abnormal experiences window " + window;
    }
}
