package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.connector.config.CommId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the requests of the user-events stream ({@code DescribeUserEvent}): one user of one call over a range,
 * asked for from a second before its start ({@link Window#requestStart()}, as the other actions are) to its end.
 * The client paces them with the action's own rate limiter (the stream's share of
 * {@code trtc.user.events.rate.limit}); each takes a slot of the stream's own in-flight bound, and every answer wakes
 * the task.
 */
public final class UserEventAction extends EventAction {
    public UserEventAction(TrtcApi api, long sdkAppId, InFlight inFlight, AtomicLong requests, Runnable onAnswer) {
        super(api, sdkAppId, inFlight, requests, onAnswer);
    }

    void send(CommId call, String room, UserEventFetch f) {
        Window w = f.range();
        launch(f, () -> api.userEvents(new UserEventRequest(sdkAppId, call.value(), room, f.userId(),
                w.requestStart(), w.end())));
    }
}
