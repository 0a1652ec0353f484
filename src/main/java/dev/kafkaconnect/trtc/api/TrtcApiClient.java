package dev.kafkaconnect.trtc.api;

import java.io.IOException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jetbrains.annotations.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TRTC call-quality API over OkHttp.
 *
 * <p>Calls are queued by the {@link RateLimiter} their action passes ({@link TrtcClientConfig#rateLimiter(String)}):
 * one queue and one sender thread per limiter, started when its first call comes. The sender takes each call when
 * it is due, waits for a free in-flight slot and then for a place in its limiter's window, signs the call with a
 * fresh timestamp and hands it to OkHttp asynchronously. So an action throttled by its own limiter holds up no
 * other action's calls, beyond the one in-flight slot its sender holds while it waits (with
 * {@link TrtcClientConfig#maxInFlight()} at least the number of limiters, none at all).
 *
 * <p>The place is committed, which makes it the grant, by a network interceptor: once the connection is ready,
 * right before the request's bytes are written. So the limiter's guarantee is about the times requests
 * leave, not about when they were handed over: thread hand-offs, a loaded CPU and connection set-up (a TCP and TLS
 * handshake is several round trips) come before the grant. Several sends are in flight at once (up to
 * {@link TrtcClientConfig#maxInFlight()}), so a slow link still reaches the rate budget.
 *
 * <p>Failed sends are retried per the {@link RetryPolicy} when their {@link ErrorKind} is retriable; every call
 * ends by its deadline. {@link #close()} fails every pending call at once and cancels the sends in flight.
 *
 * <p>Request timestamps come from {@link TrtcClientConfig#time()} (Kafka's {@code Time}). Deadlines, retry delays
 * and latencies stay on {@link System#nanoTime()}: the send queue ({@code DelayQueue} of {@link ApiCall}) and the
 * deadline scheduler wait on that clock themselves, so measuring their delays on another would mix two clocks.
 */
public final class TrtcApiClient implements TrtcApi {
    private static final Logger log = LoggerFactory.getLogger(TrtcApiClient.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    /** How often a call waiting for the rate limiter checks whether it is still wanted. */
    private static final Duration LIMITER_CHECK = Duration.ofMillis(100);

    private final TrtcClientConfig config;
    private final SignedRequests requests;
    private final Answers answers;
    private final ApiCallListener listener;
    private final OkHttpClient http;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService deadlines;
    private final Semaphore inFlight;
    private final int id;
    /** One per limiter, keyed by the limiter itself: actions sharing a limiter share a queue. */
    private final Map<RateLimiter, Lane> lanes = new IdentityHashMap<>();
    private final Set<ApiCall<?>> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public TrtcApiClient(TrtcClientConfig config) {
        this.config = config;
        this.requests = new SignedRequests(config);
        this.answers = new Answers(config.endpoint().toString(), config.maxResponseBytes());
        this.listener = config.listener();
        this.inFlight = new Semaphore(config.maxInFlight());
        this.id = CLIENTS.incrementAndGet();
        this.httpExecutor = Executors.newCachedThreadPool(daemon("trtc-api-" + id + "-http"));
        Dispatcher dispatcher = new Dispatcher(httpExecutor);
        // The semaphore bounds sends; the dispatcher must never queue one, or a granted send would go out late.
        dispatcher.setMaxRequests(config.maxInFlight() * 2);
        dispatcher.setMaxRequestsPerHost(config.maxInFlight() * 2);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(config.maxInFlight(), 1, TimeUnit.MINUTES))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                // Every send must pass the rate limiter and count as an attempt: no silent re-sends.
                .retryOnConnectionFailure(false)
                .addNetworkInterceptor(chain -> {
                    Grant grant = chain.request().tag(Grant.class);
                    if (grant != null) {
                        grant.commit();
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("trtc-api-" + id + "-deadlines"));
        lane(ApiGeneration.SUCCESSOR.callDetailAction());
    }

    /** A place reserved in a limiter, committed exactly once: when the request is written, or when it is not sent. */
    private record Grant(RateLimiter limiter, RateLimiter.Permit permit) {
        void commit() {
            limiter.commit(permit);
        }
    }

    /** The queue and sender thread of the calls that pass one limiter. */
    private final class Lane {
        final RateLimiter limiter;
        final DelayQueue<ApiCall<?>> queue = new DelayQueue<>();
        final Thread sender;

        Lane(RateLimiter limiter, int number) {
            this.limiter = limiter;
            this.sender = daemon("trtc-api-" + id + "-sender" + (number == 0 ? "" : "-" + number))
                    .newThread(() -> sendLoop(this));
        }
    }

    /** The lane of an action's limiter, started on first use; null once the client is closed. */
    private Lane lane(String action) {
        RateLimiter limiter = config.rateLimiter(action);
        synchronized (lanes) {
            if (closed) {
                return null;
            }
            Lane lane = lanes.get(limiter);
            if (lane == null) {
                lane = new Lane(limiter, lanes.size());
                lanes.put(limiter, lane);
                lane.sender.start();
            }
            return lane;
        }
    }

    public TrtcClientConfig config() {
        return config;
    }

    @Override
    public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
        String action = generation.callDetailAction();
        return submit(action, () -> RequestBodies.callDetail(generation, request), CallDetailReader::new);
    }

    @Override
    public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
        String action = generation.roomListAction();
        return submit(action, () -> RequestBodies.roomList(generation, request), RoomListReader::new);
    }

    @Override
    public CompletableFuture<UserEventResponse> userEvents(UserEventRequest request) {
        return submit(UserEventRequest.ACTION, () -> RequestBodies.userEvent(request), UserEventReader::new);
    }

    @Override
    public CompletableFuture<UnusualEventResponse> unusualEvents(UnusualEventRequest request) {
        return submit(UnusualEventRequest.ACTION, () -> RequestBodies.unusualEvent(request),
                UnusualEventReader::new);
    }

    /** Calls submitted and not yet completed. */
    public int pendingCalls() {
        return live.size();
    }

    private <T> CompletableFuture<T> submit(String action, Supplier<byte[]> body,
                                            Supplier<ResponseReader.BodyReader<T>> reader) {
        byte[] bytes;
        try {
            bytes = body.get();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(ErrorCodes.exception(ErrorKind.INVALID_REQUEST, null, null, action,
                    0, action + " not sent: " + e.getMessage(), e));
        }
        ApiCall<T> call = new ApiCall<>(action, bytes, reader,
                System.nanoTime() + config.retryPolicy().callDeadline().toNanos());
        live.add(call);
        call.future.whenComplete((v, e) -> live.remove(call));
        if (closed) {
            call.future.completeExceptionally(closedError(action));
            return call.future;
        }
        ScheduledFuture<?> expiry;
        try {
            expiry = deadlines.schedule(() -> expire(call), config.retryPolicy().callDeadline().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            call.future.completeExceptionally(closedError(action));
            return call.future;
        }
        call.future.whenComplete((v, e) -> expiry.cancel(false));
        enqueue(call);
        return call.future;
    }

    private void enqueue(ApiCall<?> call) {
        Lane lane = lane(call.action);
        if (lane == null) {
            call.future.completeExceptionally(closedError(call.action));
            return;
        }
        lane.queue.add(call);
    }

    private void sendLoop(Lane lane) {
        while (!closed) {
            ApiCall<?> call;
            try {
                call = lane.queue.take();
                if (call.future.isDone()) {
                    continue;
                }
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            boolean sent = false;
            Grant grant = null;
            try {
                grant = awaitRateLimit(lane.limiter, call);
                sent = grant != null && send(call, grant);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                call.future.completeExceptionally(ErrorCodes.exception(ErrorKind.TRANSPORT, null, null, call.action,
                        0, call.action + " could not be sent: " + e, e));
            } finally {
                if (!sent) {
                    inFlight.release();
                    if (grant != null) {
                        // Spent without a send: harmless, only stricter.
                        grant.commit();
                    }
                }
            }
        }
    }

    /** Waits for a place in the limiter's window; null when the call completed (deadline, cancel) meanwhile. */
    private Grant awaitRateLimit(RateLimiter limiter, ApiCall<?> call) throws InterruptedException {
        long start = System.nanoTime();
        RateLimiter.Permit permit = limiter.reserve(() -> call.future.isDone() || closed, LIMITER_CHECK);
        long waited = System.nanoTime() - start;
        if (permit == null) {
            return null;
        }
        Grant grant = new Grant(limiter, permit);
        if (waited > 0) {
            notify(() -> listener.onThrottleWait(call.action, waited));
        }
        if (call.future.isDone() || closed) {
            grant.commit();
            return null;
        }
        return grant;
    }

    /**
     * Hands the call to OkHttp. The permit is committed by the network interceptor right before the write, or here
     * when the send ends without reaching it (no connection, cancelled): every permit is committed exactly once.
     */
    private <T> boolean send(ApiCall<T> call, Grant grant) {
        int attempt = call.nextAttempt();
        long timestamp = Math.floorDiv(config.time().milliseconds(), 1000);
        Call httpCall = http.newCall(requests.build(call.action, call.body, timestamp).newBuilder()
                .tag(Grant.class, grant).build());
        long remaining = call.remainingNanos();
        if (remaining <= 0) {
            return false;
        }
        httpCall.timeout().timeout(Math.min(remaining, config.callTimeout().toNanos()), TimeUnit.NANOSECONDS);
        notify(() -> listener.onRequest(call.action));
        long start = System.nanoTime();
        call.running(httpCall);
        httpCall.enqueue(new Callback() {
            @Override
            public void onFailure(@NotNull Call c, @NotNull IOException e) {
                grant.commit();
                inFlight.release();
                finish(call, attempt, null, answers.noAnswer(call.action, e), start, 0);
            }

            @Override
            public void onResponse(@NotNull Call c, @NotNull Response response) {
                grant.commit(); // normally done by the interceptor already
                try (response) {
                    Answers.Outcome<T> outcome = answers.interpret(call.action, response, call.reader.get());
                    finish(call, attempt, outcome.value(), outcome.error(), start, outcome.bytes());
                } finally {
                    inFlight.release();
                }
            }
        });
        return true;
    }

    private <T> void finish(ApiCall<T> call, int attempt, T value, TrtcApiException error, long start, long bytes) {
        long latency = System.nanoTime() - start;
        notify(() -> listener.onResponse(call.action, error == null ? null : error.kind(),
                error == null ? null : error.code(), latency, bytes));
        if (call.future.isDone()) {
            return;
        }
        if (error == null) {
            call.future.complete(value);
            return;
        }
        call.lastError(error);
        long delay = retryDelay(call, error);
        if (delay < 0 || closed) {
            call.future.completeExceptionally(error);
            return;
        }
        if (delay >= call.remainingNanos()) {
            call.future.completeExceptionally(deadlineError(call));
            return;
        }
        log.debug("{} attempt {} failed ({}, code {}, RequestId {}); retrying in {} ms", call.action, attempt,
                error.kind(), error.code(), error.requestId(), TimeUnit.NANOSECONDS.toMillis(delay));
        notify(() -> listener.onRetry(call.action, attempt + 1, error.kind(), delay));
        call.readyAt(System.nanoTime() + delay);
        enqueue(call);
    }

    /** Nanoseconds before the next send, or -1 when the error is final. */
    private long retryDelay(ApiCall<?> call, TrtcApiException error) {
        if (error.kind() == ErrorKind.SIGNATURE_EXPIRED) {
            // Once, at once: the new send re-reads the clock; a second expiry means the clock really is off.
            return call.takeSignatureRetry() ? 0 : -1;
        }
        RetryPolicy policy = config.retryPolicy();
        if (!error.retriable() || call.attempts() >= policy.maxAttempts()) {
            return -1;
        }
        return policy.backoffNanos(call.attempts(), ThreadLocalRandom.current());
    }

    private void expire(ApiCall<?> call) {
        if (!call.future.isDone()) {
            call.future.completeExceptionally(deadlineError(call));
        }
    }

    private TrtcApiException deadlineError(ApiCall<?> call) {
        TrtcApiException last = call.lastError();
        Duration deadline = config.retryPolicy().callDeadline();
        String message = call.action + " did not succeed within its deadline of " + deadline + " after "
                + call.attempts() + " attempt(s)" + (last == null ? "" : "; last error: " + last.getMessage());
        ErrorKind kind = last == null ? ErrorKind.TRANSPORT : last.kind();
        return ErrorCodes.exception(kind, last == null ? null : last.code(), last == null ? null : last.requestId(),
                call.action, last == null ? 0 : last.httpStatus(), message, last);
    }

    private static TrtcApiException closedError(String action) {
        return ErrorCodes.exception(ErrorKind.TRANSPORT, null, null, action, 0,
                action + " abandoned: the API client is closed", null);
    }

    private void notify(Runnable hook) {
        try {
            hook.run();
        } catch (RuntimeException e) {
            log.warn("API call listener failed; ignoring", e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<Lane> stopping;
        synchronized (lanes) {
            closed = true;
            stopping = List.copyOf(lanes.values());
        }
        stopping.forEach(lane -> lane.sender.interrupt());
        for (ApiCall<?> call : live) {
            call.future.completeExceptionally(closedError(call.action));
        }
        stopping.forEach(lane -> lane.queue.clear());
        http.dispatcher().cancelAll();
        deadlines.shutdownNow();
        httpExecutor.shutdown();
        http.connectionPool().evictAll();
        long joinUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            for (Lane lane : stopping) {
                lane.sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinUntil - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
