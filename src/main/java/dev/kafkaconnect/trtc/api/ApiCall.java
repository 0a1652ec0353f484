package dev.kafkaconnect.trtc.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One logical API call across its sends: the body (signed afresh for each send), the attempt count, the
 * deadline, the last error and the HTTP call now running (so completion or cancellation can stop it).
 * Queued in the client's send queue, ordered by the time it may be sent. Its times are {@link System#nanoTime()}
 * because that is the clock the {@code DelayQueue} holding it waits on.
 */
final class ApiCall<T> implements Delayed {
    final String action;
    final byte[] body;
    final Supplier<ResponseReader.BodyReader<T>> reader;
    final CompletableFuture<T> future = new CompletableFuture<>();
    final long deadlineNanos;

    private int attempts;
    private boolean signatureRetried;
    private volatile long readyAtNanos;
    private volatile TrtcApiException lastError;
    private volatile okhttp3.Call running;

    ApiCall(String action, byte[] body, Supplier<ResponseReader.BodyReader<T>> reader, long deadlineNanos) {
        this.action = action;
        this.body = body;
        this.reader = reader;
        this.deadlineNanos = deadlineNanos;
        this.readyAtNanos = System.nanoTime();
        future.whenComplete((value, error) -> {
            if (error != null) {
                cancelRunning();
            }
        });
    }

    /** Counts a send and returns its number (1 for the first). */
    int nextAttempt() {
        return ++attempts;
    }

    int attempts() {
        return attempts;
    }

    /** True the first time only: an expired signature is retried exactly once, with a fresh timestamp. */
    boolean takeSignatureRetry() {
        if (signatureRetried) {
            return false;
        }
        signatureRetried = true;
        return true;
    }

    void readyAt(long nanos) {
        readyAtNanos = nanos;
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    TrtcApiException lastError() {
        return lastError;
    }

    void lastError(TrtcApiException e) {
        lastError = e;
    }

    void running(okhttp3.Call call) {
        running = call;
        if (future.isDone()) {
            call.cancel();
        }
    }

    private void cancelRunning() {
        okhttp3.Call call = running;
        if (call != null) {
            call.cancel();
        }
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(readyAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        if (other instanceof ApiCall<?> call) {
            // Compare the stored times: two delays read at different instants could order inconsistently.
            return Long.compare(readyAtNanos - call.readyAtNanos, 0);
        }
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
}
