package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.DeliveryRepeats;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.metrics.ApiMetrics;
import dev.kafkaconnect.trtc.connector.metrics.MetricsRegistration;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.read.Backoff;
import dev.kafkaconnect.trtc.connector.read.CallPositions;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.read.Fetch;
import dev.kafkaconnect.trtc.connector.read.OffsetCommitGate;
import dev.kafkaconnect.trtc.connector.read.RepeatedWarnings;
import dev.kafkaconnect.trtc.connector.read.Window;
import dev.kafkaconnect.trtc.connector.read.WindowRead;
import dev.kafkaconnect.trtc.connector.service.ApiErrors;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.RecordShape;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the calls assigned to this task. Requests for several calls, and for later windows of one call, are in
 * flight together (at most {@code trtc.max.in.flight}, answers included, which bounds memory); each call's records
 * are emitted strictly in order. The client enforces the task's share of the rate limit. With
 * {@code trtc.delivery.repeats=one-request} a call emits its next page only once the worker has stored the offset
 * of its last record ({@link OffsetCommitGate}, woken by {@link #commit()}).
 *
 * <p>Request plan per call (the minimum the API allows): windows [cursor, end) of at most an hour ending at least
 * the settle delay before now; per window, DataType set, no UserIds, PageSize 6, pages 0, 1, ... until
 * (p+1)*6 >= Total or a short page: ceil(users/6) requests per window.
 */
public class TrtcSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(TrtcSourceTask.class);
    private static final long DEFAULT_POLL_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

    private final TrtcApiFactory apiFactory;
    private final Clock clock;
    private final Semaphore wakeups = new Semaphore(0);
    private final TaskCounters counters = new TaskCounters();
    private ApiMetrics apiMetrics = new ApiMetrics(new MetricsRegistration(null, 0));
    private RepeatedWarnings warnings;
    private long pollTimeoutNanos = DEFAULT_POLL_TIMEOUT_NANOS;

    private TrtcSourceTaskConfig config;
    private volatile TrtcApi api;
    private volatile boolean stopping;
    private GenerationSwitch generation;
    private Backoff backoff;
    private SampleRecordBuilder builder;
    /** The wide shape's builder; null when measurements are emitted as samples. */
    private SnapshotRecordBuilder snapshots;
    private CallReader.RecordsContext records;
    private List<String> metrics;
    private int maxInFlight;
    private List<CallReader> calls = new ArrayList<>();
    /** Holds back each call's next page until its last offset is stored; null unless one-request repeats. */
    private volatile OffsetCommitGate gate;
    private int roundRobin;
    private ConnectException fatal;

    public TrtcSourceTask() {
        this(TrtcClients.FACTORY, Clock.systemUTC());
    }

    /** For tests: a client of their choosing and a clock shared with a simulated service. */
    TrtcSourceTask(TrtcApiFactory apiFactory, Clock clock) {
        this.apiFactory = apiFactory;
        this.clock = clock;
    }

    /** For tests: how long {@link #poll} waits when there is nothing to emit. */
    void pollTimeout(Duration timeout) {
        this.pollTimeoutNanos = timeout.toNanos();
    }

    Duration pollTimeout() {
        return Duration.ofNanos(pollTimeoutNanos);
    }

    TaskCounters counters() {
        return counters;
    }

    ApiMetrics apiMetrics() {
        return apiMetrics;
    }

    List<CallReader> calls() {
        return calls;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new TrtcSourceTaskConfig(props);
        stopping = false;
        generation = new GenerationSwitch(config.generationMode());
        metrics = config.metrics();
        maxInFlight = config.maxInFlight();
        backoff = new Backoff(config.retryBackoff(), config.retryBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        Password hashKey = config.clientIpHashKey();
        builder = new SampleRecordBuilder(config.sdkAppId(), config.samplesTopic(), config.participantsTopic(),
                config.callsTopic(),
                new ClientIpPolicy(config.clientIpMode(), hashKey == null ? null : hashKey.value()));
        snapshots = config.recordShape() == RecordShape.SNAPSHOT
                ? new SnapshotRecordBuilder(config.sdkAppId(), config.snapshotsTopic()) : null;
        records = new CallReader.RecordsContext() {
            @Override
            public SampleRecordBuilder builder() {
                return builder;
            }

            @Override
            public SnapshotRecordBuilder snapshots() {
                return snapshots;
            }
        };
        warnings = new RepeatedWarnings(log, clock, RepeatedWarnings.DEFAULT_INTERVAL);
        MetricsRegistration registration = new MetricsRegistration(context.pluginMetrics(), config.taskIndex());
        counters.register(registration);
        apiMetrics = new ApiMetrics(registration);
        calls = new CallPositions(config, clock, context.offsetStorageReader(), counters).readers();
        if (config.deliveryRepeats() == DeliveryRepeats.ONE_REQUEST) {
            gate = new OffsetCommitGate(context.offsetStorageReader(), clock, warnings);
            calls.forEach(CallReader::awaitStorage);
        } else {
            gate = null;
        }
        api = apiFactory.create(config, config.taskRateLimit(), clock, apiMetrics);
        log.info("Task {} reading {} calls at up to {} requests/s", config.taskIndex(), calls.size(),
                config.taskRateLimit());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long deadline = System.nanoTime() + pollTimeoutNanos;
        while (!stopping) {
            long nowMillis = clock.millis();
            long now = Math.floorDiv(nowMillis, 1000);
            collectAll(now, nowMillis);
            if (fatal != null) {
                throw fatal;
            }
            launch(now, nowMillis);
            // Answers that came while launching (a fast or failing server) are taken now rather than next round.
            collectAll(now, nowMillis);
            if (fatal != null) {
                throw fatal;
            }
            OffsetCommitGate g = gate;
            if (g != null) {
                counters.callsAwaitingCommit = g.release(calls);
            }
            List<SourceRecord> out = emit(now);
            if (!out.isEmpty()) {
                counters.records.addAndGet(out.size());
                return out;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            // Woken by any answer; otherwise re-check the clock now and then for windows that became due.
            if (wakeups.tryAcquire(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS)) {
                wakeups.drainPermits();
            }
        }
        for (CallReader call : calls) {
            call.dropAll();
        }
        return null;
    }

    private void collectAll(long now, long nowMillis) {
        for (CallReader call : calls) {
            try (var logContext = call.logContext()) {
                call.collect(this::failed, now, nowMillis);
            }
        }
    }

    private void launch(long now, long nowMillis) {
        int held = 0;
        for (CallReader call : calls) {
            held += call.held();
        }
        int n = calls.size();
        // First one request per idle call (breadth), then deeper pipelines for the calls that can use them.
        for (int pass = 0; pass < 2 && held < maxInFlight; pass++) {
            for (int i = 0; i < n && held < maxInFlight; i++) {
                CallReader call = calls.get((roundRobin + i) % n);
                if (pass == 0 && call.held() > 0) {
                    continue;
                }
                // A call waiting for its offset emits one page at the next flush: one answer ahead is enough, and
                // deeper would take the slots the other calls need.
                if (pass == 1 && call.awaitingStorage()) {
                    continue;
                }
                Fetch f;
                var logContext = call.logContext();
                while (held < maxInFlight && (f = call.nextRequest(now, nowMillis)) != null) {
                    send(call, f);
                    held++;
                    if (pass == 0) {
                        break;
                    }
                }
                logContext.close();
            }
        }
        if (n > 0) {
            roundRobin = (roundRobin + 1) % n;
        }
    }

    private void send(CallReader call, Fetch f) {
        Window w = f.window.window;
        CallDetailRequest request = new CallDetailRequest(config.sdkAppId(), call.id.value(), w.start(), w.end(),
                List.of(), metrics, f.page, WindowRead.PAGE_SIZE);
        f.generation = generation.current();
        CompletableFuture<CallDetailResponse> future;
        try {
            future = api.callDetail(f.generation, request);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        f.future = future;
        call.launched();
        counters.requests.incrementAndGet();
        future.whenComplete((r, e) -> wakeups.release());
    }

    private List<SourceRecord> emit(long now) {
        List<SourceRecord> out = new ArrayList<>();
        int budget = config.batchMaxRecords();
        int n = calls.size();
        for (int i = 0; i < n && out.size() < budget; i++) {
            CallReader call = calls.get((roundRobin + i) % n);
            try (var logContext = call.logContext()) {
                call.emit(budget - out.size(), out, records, now);
            }
        }
        long maxLag = 0;
        int live = 0;
        for (Iterator<CallReader> it = calls.iterator(); it.hasNext(); ) {
            CallReader call = it.next();
            if (call.state() != CallReader.State.READING && call.held() == 0) {
                it.remove();
                counters.callRetired(call.id.value());
            } else {
                long lag = Math.max(0, now - call.cursor());
                counters.callLag(call.id.value(), lag);
                maxLag = Math.max(maxLag, lag);
                live += call.caughtUp() ? 1 : 0;
            }
        }
        counters.ownedCalls = calls.size();
        counters.liveCalls = live;
        counters.maxCursorLagSeconds = maxLag;
        for (SourceRecord r : out) {
            (builder.isCallEnd(r) ? counters.callEndRecords
                    : config.participantsTopic().equals(r.topic()) ? counters.participantRecords
                    : counters.sampleRecords).incrementAndGet();
        }
        return out;
    }

    /** What a failed request means: retry later, switch API generation, skip the call, or fail the task. */
    private void failed(CallReader call, Fetch f, Throwable cause, long loopNow, long loopNowMillis) {
        if (stopping) {
            return;
        }
        // The answer may come well after the loop read the clock; the lookback is judged at the answer.
        long nowMillis = Math.max(loopNowMillis, clock.millis());
        long now = Math.floorDiv(nowMillis, 1000);
        if (!(cause instanceof TrtcApiException e)) {
            if (cause instanceof CancellationException) {
                call.retryLater(f, backoff.delayMillis(call.failures() + 1), nowMillis);
                return;
            }
            fatal = new ConnectException("Unexpected failure reading call " + call.id + ": " + cause, cause);
            return;
        }
        ErrorKind kind = e.kind();
        if (kind == ErrorKind.UNSUPPORTED_ACTION && generation.switchFrom(f.generation)) {
            call.retryNow(f);
            return;
        }
        if (kind.scope() == ErrorKind.Scope.CONNECTOR) {
            fatal = new ConnectException(ApiErrors.describe(e), e);
            return;
        }
        if (kind.retriable()) {
            long delay = backoff.delayMillis(call.failures() + 1);
            warnings.warn(e.code() == null ? kind.name() : e.code(), "Call " + call.id + " " + f + ": "
                    + ApiErrors.describe(e) + "; retrying in " + delay + " ms");
            call.retryLater(f, delay, nowMillis);
            return;
        }
        if (e.code() != null && e.code().toLowerCase(Locale.ROOT).endsWith(".pagenumber") && call.pageBeyondLast(f)) {
            return;
        }
        switch (kind) {
            case START_TOO_OLD -> {
                if (!call.jumpPastLookback(f, now)) {
                    log.error("Call {} {}: {}: the service refuses a start only {} old, and no lookback of at least "
                            + "{} is left to fall back on (check the account's monitoring tier and {}). The call is "
                            + "skipped", call.id, f, ApiErrors.describe(e),
                            ServiceLookback.human(now - f.window.window.start()),
                            ServiceLookback.human(ServiceLookback.MINIMUM), TrtcSourceConfig.LOOKBACK_MS);
                    call.skip(ApiMetrics.outcome(kind));
                }
            }
            case CALL_NOT_FOUND -> {
                warnings.warn(String.valueOf(e.code()), "Call " + call.id + ": " + ApiErrors.describe(e) + "; check "
                        + TrtcSourceConfig.COMM_IDS + ". The call is skipped, the others go on");
                call.skip(ApiMetrics.outcome(kind));
            }
            default -> {
                log.error("Call {} {}: {}. This request cannot succeed as sent (a bug, or a limit of the service); "
                        + "the call is skipped, the others go on", call.id, f, ApiErrors.describe(e));
                call.skip(ApiMetrics.outcome(kind));
            }
        }
    }

    /**
     * The worker stored the offsets of the records it acknowledged (after every successful offset flush): calls
     * waiting for theirs (one-request repeats) may go on. Runs on the worker's offset-commit thread.
     */
    @Override
    public void commit() {
        OffsetCommitGate g = gate;
        if (g != null) {
            g.committed();
            wakeups.release();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        wakeups.release();
        TrtcApi client = api;
        if (client != null) {
            client.close();
        }
        counters.retireAll();
    }
}
