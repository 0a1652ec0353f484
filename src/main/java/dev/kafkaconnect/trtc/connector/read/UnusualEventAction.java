package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the requests of the abnormal-experiences stream ({@code DescribeUnusualEvent}): a room's window, asked for
 * from a second before its start ({@link Window#requestStart()}, as call detail is, since the pages do not say
 * whether {@code StartTime} is inclusive) to its end. The client paces them with the action's own rate limiter (the
 * stream's share of {@code trtc.abnormal.experiences.rate.limit}); each takes a slot of the stream's own in-flight
 * bound, and every answer wakes the task.
 */
public final class UnusualEventAction {
    private final TrtcApi api;
    private final long sdkAppId;
    private final InFlight inFlight;
    private final AtomicLong requests;
    private final Runnable onAnswer;

    /**
     * @param inFlight the stream's own bound on requests in flight and answers not yet emitted
     * @param requests counts the requests sent
     * @param onAnswer run when an answer (or failure) comes, on the client's thread
     */
    public UnusualEventAction(TrtcApi api, long sdkAppId, InFlight inFlight, AtomicLong requests,
                              Runnable onAnswer) {
        this.api = api;
        this.sdkAppId = sdkAppId;
        this.inFlight = inFlight;
        this.requests = requests;
        this.onAnswer = onAnswer;
    }

    boolean hasRoom() {
        return inFlight.hasRoom();
    }

    void send(String room, ExperienceFetch f) {
        Window w = f.window();
        CompletableFuture<UnusualEventResponse> answer;
        try {
            answer = api.unusualEvents(new UnusualEventRequest(sdkAppId, room, w.requestStart(), w.end()));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        f.launch(answer, inFlight);
        requests.incrementAndGet();
        answer.whenComplete((r, e) -> onAnswer.run());
    }
}
