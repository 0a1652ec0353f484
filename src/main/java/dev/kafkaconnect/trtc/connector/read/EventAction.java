package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.TrtcApi;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What an event stream's action shares with the others: the client (which paces the action with its own rate
 * limiter), the stream's own in-flight bound, the count of requests sent, and the wake-up of the task on every
 * answer.
 */
abstract class EventAction {
    final TrtcApi api;
    final long sdkAppId;
    private final InFlight inFlight;
    private final AtomicLong requests;
    private final Runnable onAnswer;

    /**
     * @param inFlight the stream's own bound on requests in flight and answers not yet emitted
     * @param requests counts the requests sent
     * @param onAnswer run when an answer (or failure) comes, on the client's thread
     */
    EventAction(TrtcApi api, long sdkAppId, InFlight inFlight, AtomicLong requests, Runnable onAnswer) {
        this.api = api;
        this.sdkAppId = sdkAppId;
        this.inFlight = inFlight;
        this.requests = requests;
        this.onAnswer = onAnswer;
    }

    boolean hasRoom() {
        return inFlight.hasRoom();
    }

    /** Sends {@code request} for {@code f}, which takes a slot; a client that throws fails the request. */
    <A> void launch(PendingRequest<A> f, Supplier<CompletableFuture<A>> request) {
        CompletableFuture<A> answer;
        try {
            answer = request.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        f.launch(answer, inFlight);
        requests.incrementAndGet();
        answer.whenComplete((r, e) -> onAnswer.run());
    }
}
