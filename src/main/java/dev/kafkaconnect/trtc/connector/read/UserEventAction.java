package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.api.UserEventResponse;
import dev.kafkaconnect.trtc.connector.config.CommId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the requests of the user-events stream ({@code DescribeUserEvent}): one user of one call over a range,
 * asked for from a second before its start ({@link Window#requestStart()}, as the other actions are) to its end.
 * The client paces them with the action's own rate limiter (the stream's share of
 * {@code trtc.user.events.rate.limit}); each takes a slot of the stream's own in-flight bound, and every answer wakes
 * the task.
 */
public final class UserEventAction {
    private final TrtcApi api;
    private final long sdkAppId;
    private final InFlight inFlight;
    private final AtomicLong requests;
    private final Runnable onAnswer;

    public UserEventAction(TrtcApi api, long sdkAppId, InFlight inFlight, AtomicLong requests, Runnable onAnswer) {
        this.api = api;
        this.sdkAppId = sdkAppId;
        this.inFlight = inFlight;
        this.requests = requests;
        this.onAnswer = onAnswer;
    }

    boolean hasRoom() {
        return inFlight.hasRoom();
    }

    void send(CommId call, String room, UserEventFetch f) {
        Window w = f.range();
        CompletableFuture<UserEventResponse> answer;
        try {
            answer = api.userEvents(new UserEventRequest(sdkAppId, call.value(), room, f.userId(), w.requestStart(),
                    w.end()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        f.launch(answer, inFlight);
        requests.incrementAndGet();
        answer.whenComplete((r, e) -> onAnswer.run());
    }
}
