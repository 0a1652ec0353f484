package dev.kafkaconnect.trtc.api;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link TrtcApi} that answers every request with the next body of {@code bodies} (as HTTP 200), read by the
 * client's own answer handling ({@link Answers}: the response reader, the size limit, the mapping of service errors
 * and malformed bodies to {@link TrtcApiException}s), without a socket: what {@link TrtcApiClient} with
 * {@code retryMaxAttempts = 1} would hand its caller for that body, at in-memory speed. As the client does, a
 * {@link ErrorKind#SIGNATURE_EXPIRED} answer is asked again once, at once (here: the next body).
 */
public final class InProcessAnswers implements TrtcApi {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Request REQUEST = new Request.Builder().url("http://127.0.0.1/").build();

    private final Supplier<byte[]> bodies;
    private final Answers answers;

    public InProcessAnswers(Supplier<byte[]> bodies) {
        this.bodies = bodies;
        this.answers = new Answers("in-process", TrtcClientConfig.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Override
    public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
        return answer(generation.callDetailAction(), CallDetailReader::new);
    }

    @Override
    public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
        return answer(generation.roomListAction(), RoomListReader::new);
    }

    private <T> CompletableFuture<T> answer(String action, Supplier<ResponseReader.BodyReader<T>> reader) {
        Answers.Outcome<T> outcome = interpret(action, reader);
        if (outcome.error() != null && outcome.error().kind() == ErrorKind.SIGNATURE_EXPIRED) {
            outcome = interpret(action, reader);
        }
        return outcome.error() == null ? CompletableFuture.completedFuture(outcome.value())
                : CompletableFuture.failedFuture(outcome.error());
    }

    private <T> Answers.Outcome<T> interpret(String action, Supplier<ResponseReader.BodyReader<T>> reader) {
        byte[] body = bodies.get();
        try (Response response = new Response.Builder().request(REQUEST).protocol(Protocol.HTTP_1_1).code(200)
                .message("OK").header("Content-Type", "application/json")
                .body(ResponseBody.create(body, JSON)).build()) {
            return answers.interpret(action, response, reader.get());
        }
    }

    @Override
    public void close() {
    }
}
