package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the requests of the abnormal-experiences stream ({@code DescribeUnusualEvent}): a room's window, asked for
 * from a second before its start ({@link Window#requestStart()}, as call detail is, since the pages do not say
 * whether {@code StartTime} is inclusive) to its end. The client paces them with the action's own rate limiter (the
 * stream's share of {@code trtc.abnormal.experiences.rate.limit}); each takes a slot of the stream's own in-flight
 * bound, and every answer wakes the task.
 */
public final class UnusualEventAction extends EventAction {
    public UnusualEventAction(TrtcApi api, long sdkAppId, InFlight inFlight, AtomicLong requests, Runnable onAnswer) {
        super(api, sdkAppId, inFlight, requests, onAnswer);
    }

    void send(String room, ExperienceFetch f) {
        Window w = f.window();
        launch(f, () -> api.unusualEvents(new UnusualEventRequest(sdkAppId, room, w.requestStart(), w.end())));
    }
}
