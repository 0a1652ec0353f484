package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UnusualEventResponse;

/**
 * One window's request for a room's abnormal experiences, and its answer until the answer is emitted or split. Its
 * slot is of the stream's own in-flight bound, so the stream never takes the samples' slots.
 */
final class ExperienceFetch extends PendingRequest<UnusualEventResponse> {
    private final Window window;

    ExperienceFetch(Window window) {
        this.window = window;
    }

    Window window() {
        return window;
    }

    @Override
    public String toString() {
        return "abnormal experiences window " + window;
    }
}
