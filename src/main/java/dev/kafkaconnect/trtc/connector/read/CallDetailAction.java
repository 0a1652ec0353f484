package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the page requests of the call-detail action: a window's page (from {@link Window#requestStart()}, a second
 * before the window's start), every metric asked for, no user filter, six users a page (fewer once answers were too large), through the API generation
 * in use. Each request takes an {@link InFlight} slot; every answer wakes
 * the task ({@code onAnswer}). The client paces the requests within the task's rate budget.
 */
public final class CallDetailAction {
    private final TrtcApi api;
    private final long sdkAppId;
    private final List<String> metrics;
    private final GenerationSwitch generation;
    private final InFlight inFlight;
    private final AtomicLong requests;
    private final Runnable onAnswer;

    /**
     * @param requests counts the requests sent
     * @param onAnswer run when an answer (or failure) comes, on the client's thread
     */
    public CallDetailAction(TrtcApi api, long sdkAppId, List<String> metrics, GenerationSwitch generation,
                            InFlight inFlight, AtomicLong requests, Runnable onAnswer) {
        this.api = api;
        this.sdkAppId = sdkAppId;
        this.metrics = List.copyOf(metrics);
        this.generation = generation;
        this.inFlight = inFlight;
        this.requests = requests;
        this.onAnswer = onAnswer;
    }

    /** Whether another request may be sent now. */
    boolean hasRoom() {
        return inFlight.hasRoom();
    }

    void send(CommId call, Fetch f) {
        Window w = f.window().window();
        CallDetailRequest request = new CallDetailRequest(sdkAppId, call.value(), w.requestStart(), w.end(), List.of(),
                metrics, f.page(), f.window().pageSize());
        ApiGeneration g = generation.current();
        CompletableFuture<CallDetailResponse> answer;
        try {
            answer = api.callDetail(g, request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        f.launch(g, answer, inFlight);
        requests.incrementAndGet();
        answer.whenComplete((r, e) -> onAnswer.run());
    }
}
