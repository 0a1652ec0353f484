package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.RateLimiter;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs one real {@link TrtcSourceTask} (real client, system time) over its configuration until every call is done,
 * as a worker would call {@code poll()}, and counts the call-detail requests it sent: per call, and the times of
 * the first and last so a rate can be taken over the busy period.
 */
public final class TaskDriver {
    /** What a run did. */
    public record Run(Map<String, Long> requestsByCall, long requests, long failed, long firstSendNanos,
                      long lastAnswerNanos, long records) {
        /** Requests per second from the first send to the last answer. */
        public double requestsPerSecond() {
            return requests / ((lastAnswerNanos - firstSendNanos) / 1e9);
        }
    }

    private TaskDriver() {
    }

    /**
     * Runs the single task of a connector configuration until every call is finished or ended, handing each polled
     * batch to {@code sink}.
     */
    public static Run run(Map<String, String> connectorProps, Duration limit, Consumer<List<SourceRecord>> sink)
            throws InterruptedException {
        return run(connectorProps, limit, sink, grant -> { });
    }

    /** As {@link #run(Map, Duration, Consumer)}, handing {@code grants} the time of each rate-limiter grant. */
    public static Run run(Map<String, String> connectorProps, Duration limit, Consumer<List<SourceRecord>> sink,
                          LongConsumer grants) throws InterruptedException {
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(connectorProps);
        Map<String, String> taskProps = connector.taskConfigs(1).get(0);
        connector.stop();
        Map<String, LongAdder> byCall = new ConcurrentHashMap<>();
        LongAdder requests = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        AtomicLong last = new AtomicLong();
        TrtcApiFactory counting = (config, rate, time) -> {
            RateLimiter limiter = TrtcClients.limiter(rate);
            limiter.observeGrants(grants);
            return new Counting(TrtcClients.create(config, limiter, time), byCall, requests, failed, first, last);
        };
        TrtcSourceTask task = new TrtcSourceTask(counting, Time.SYSTEM);
        task.initialize(new TestTaskContext());
        task.start(taskProps);
        long records = 0;
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (!task.calls().stream().allMatch(c -> c.state() != CallReader.State.READING)) {
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    records += batch.size();
                    sink.accept(batch);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the task did not finish its calls within " + limit + ": "
                            + task.calls().stream().filter(c -> c.state() == CallReader.State.READING)
                            .map(c -> c.id.value()).toList());
                }
            }
        } finally {
            task.stop();
        }
        Map<String, Long> counts = new HashMap<>();
        byCall.forEach((k, v) -> counts.put(k, v.sum()));
        return new Run(counts, requests.sum(), failed.sum(), first.get(), last.get(), records);
    }

    /** The limiter a task's client gets for a share of {@code rate} requests per second. */
    public static RateLimiter limiter(int rate) {
        return TrtcClients.limiter(rate);
    }

    /** The client a task builds for a connector configuration, with {@code limiter} as its rate limiter. */
    public static TrtcApi client(Map<String, String> connectorProps, RateLimiter limiter) {
        return TrtcClients.create(new TrtcSourceConfig(connectorProps), limiter, Time.SYSTEM);
    }

    /** Polls the single task of a configuration until {@code done} says so, whatever the calls' state. */
    public static void runFor(Map<String, String> connectorProps, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(connectorProps);
        TrtcSourceTask task = new TrtcSourceTask();
        task.initialize(new TestTaskContext());
        task.start(connector.taskConfigs(1).get(0));
        connector.stop();
        try {
            while (!done.getAsBoolean()) {
                task.poll();
            }
        } finally {
            task.stop();
        }
    }

    private record Counting(TrtcApi delegate, Map<String, LongAdder> byCall, LongAdder requests, LongAdder failed,
                            AtomicLong first, AtomicLong last) implements TrtcApi {
        @Override
        public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
            first.accumulateAndGet(System.nanoTime(), Math::min);
            return delegate.callDetail(generation, request).whenComplete((r, e) -> {
                last.accumulateAndGet(System.nanoTime(), Math::max);
                requests.increment();
                byCall.computeIfAbsent(request.commId(), k -> new LongAdder()).increment();
                if (e != null) {
                    failed.increment();
                }
            });
        }

        @Override
        public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
            return delegate.roomList(generation, request);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
