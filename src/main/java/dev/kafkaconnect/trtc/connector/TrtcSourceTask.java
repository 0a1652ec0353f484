package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.connector.config.DeliveryRepeats;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.metrics.ApiMetrics;
import dev.kafkaconnect.trtc.connector.metrics.MetricsRegistration;
import dev.kafkaconnect.trtc.connector.metrics.SampleFreshness;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.metrics.WorkerPluginMetrics;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.connector.read.Backoff;
import dev.kafkaconnect.trtc.connector.read.CallDetailAction;
import dev.kafkaconnect.trtc.connector.read.CallPositions;
import dev.kafkaconnect.trtc.connector.read.CallReader;
import dev.kafkaconnect.trtc.connector.read.ExperienceStream;
import dev.kafkaconnect.trtc.connector.read.FailurePolicy;
import dev.kafkaconnect.trtc.connector.read.InFlight;
import dev.kafkaconnect.trtc.connector.read.OffsetCommitGate;
import dev.kafkaconnect.trtc.connector.read.RepeatedWarnings;
import dev.kafkaconnect.trtc.connector.read.UnusualEventAction;
import dev.kafkaconnect.trtc.connector.read.UserEventAction;
import dev.kafkaconnect.trtc.connector.read.UserEventStream;
import dev.kafkaconnect.trtc.connector.read.WindowPlanner;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.StreamAvailability;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.RecordShape;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import dev.kafkaconnect.trtc.records.UserEventRecordBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the calls assigned to this task (see docs/architecture.md). Each call has its {@link CallReader}, which
 * plans the call's windows and pages ({@link WindowPlanner}) and emits their records strictly in order; requests
 * for several calls, and for later windows of one call, are in flight together, at most {@code trtc.max.in.flight}
 * with the answers not yet emitted ({@link InFlight}, which bounds memory). {@link CallDetailAction} sends them
 * within the task's share of the rate budget (the client paces them); {@link FailurePolicy} decides what each
 * failure means. With {@code trtc.delivery.repeats=one-request} a call emits its next page only once the worker has
 * stored the offset of its last record ({@link OffsetCommitGate}, woken by {@link #commit()}).
 *
 * <p>Request plan per call (the minimum the API allows): windows [cursor, end) of at most an hour ending at least
 * the settle delay before now; per window, DataType set, no UserIds, PageSize 6, pages 0, 1, ... until a short page
 * or the page count that {@code Total} gives (one more page while the task has not learnt whether {@code Total}
 * counts the call's users or the page's): ceil(users/6) requests per window.
 */
public class TrtcSourceTask extends SourceTask {
    private static final Logger log = LoggerFactory.getLogger(TrtcSourceTask.class);
    private static final long DEFAULT_POLL_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

    private final TrtcApiFactory apiFactory;
    private final Time time;
    private final Semaphore wakeups = new Semaphore(0);
    private final TaskCounters counters = new TaskCounters();
    /** Delay of live samples to their acknowledgement; null before start. */
    private volatile SampleFreshness freshness;
    /** The topic of the quality records (samples or snapshots), whose acknowledgements {@link #freshness} times. */
    private volatile String qualityTopic;
    private ApiMetrics apiMetrics = new ApiMetrics(new MetricsRegistration(null, 0));
    private RepeatedWarnings warnings;
    private long pollTimeoutNanos = DEFAULT_POLL_TIMEOUT_NANOS;

    private TrtcSourceTaskConfig config;
    private volatile TrtcApi api;
    private volatile boolean stopping;
    private SampleRecordBuilder builder;
    private String participantsTopic;
    /** The wide shape's builder; null when measurements are emitted as samples. */
    private SnapshotRecordBuilder snapshots;
    private CallReader.RecordsContext records;
    private InFlight inFlight;
    private CallDetailAction action;
    /** The abnormal-experiences stream's shared parts; null when it is not read. */
    private ExperienceStream experiences;
    /** The stream's own bound on requests in flight and answers not emitted, apart from the samples'. */
    private InFlight experiencesInFlight;
    /** The user-events stream's shared parts; null when it is not read. */
    private UserEventStream userEvents;
    private InFlight userEventsInFlight;
    private volatile FailurePolicy failures;
    private List<CallReader> calls = new ArrayList<>();
    /** Holds back each call's next page until its last offset is stored; null unless one-request repeats. */
    private volatile OffsetCommitGate gate;
    private int roundRobin;

    public TrtcSourceTask() {
        this(TrtcClients.FACTORY, Time.SYSTEM);
    }

    /** For tests: a client of their choosing and a clock shared with a simulated service. */
    TrtcSourceTask(TrtcApiFactory apiFactory, Time time) {
        this.apiFactory = apiFactory;
        this.time = time;
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
        GenerationSwitch generation = new GenerationSwitch(config.generationMode());
        Password hashKey = config.clientIpHashKey();
        builder = new SampleRecordBuilder(config.sdkAppId(), config.samplesTopic(), config.participantsTopic(),
                config.callsTopic(),
                new ClientIpPolicy(config.clientIpMode(), hashKey == null ? null : hashKey.value()));
        participantsTopic = config.participantsTopic();
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

            @Override
            public FailurePolicy failures() {
                return failures;
            }
        };
        warnings = new RepeatedWarnings(log, time, RepeatedWarnings.DEFAULT_INTERVAL);
        MetricsRegistration registration = WorkerPluginMetrics.forTask(context, config.taskIndex());
        counters.register(registration);
        SampleFreshness freshness = new SampleFreshness(time, config.settleDelay(), config.pollInterval());
        freshness.register(registration);
        counters.freshness(freshness);
        this.freshness = freshness;
        qualityTopic = snapshots != null ? config.snapshotsTopic() : config.samplesTopic();
        apiMetrics = new ApiMetrics(registration);
        WindowPlanner planner = WindowPlanner.of(config);
        counters.learning(planner.lookback(), planner.totals(), planner.windowLength());
        api = apiFactory.create(config, config.taskRateLimit(), time, apiMetrics);
        experiences = null;
        counters.streams(config.streams());
        for (EventStream stream : config.streamsWithoutShare()) {
            log.warn("Task {}: its configuration has no share of {} (written by an earlier version of the connector); "
                    + "the {} stream is read at {} request/s until the connector writes the task configurations "
                    + "again", config.taskIndex(), stream.rateLimitKey(), stream.configName(),
                    TrtcSourceTaskConfig.SHARE_WITHOUT_ASSIGNMENT);
        }
        if (config.streams().contains(EventStream.ABNORMAL_EXPERIENCES)) {
            experiencesInFlight = new InFlight(config.maxInFlight());
            experiences = new ExperienceStream(
                    new UnusualEventAction(api, config.sdkAppId(), experiencesInFlight, counters.experienceRequests,
                            wakeups::release),
                    new AbnormalExperienceRecordBuilder(config.sdkAppId(), config.abnormalExperiencesTopic()),
                    new StreamAvailability(EventStream.ABNORMAL_EXPERIENCES.configName(), TrtcSourceConfig.STREAMS,
                            () -> counters.streamDisabled(EventStream.ABNORMAL_EXPERIENCES)),
                    counters);
        }
        userEvents = null;
        if (config.streams().contains(EventStream.USER_EVENTS)) {
            userEventsInFlight = new InFlight(config.maxInFlight());
            userEvents = new UserEventStream(
                    new UserEventAction(api, config.sdkAppId(), userEventsInFlight, counters.userEventRequests,
                            wakeups::release),
                    new UserEventRecordBuilder(config.sdkAppId(), config.userEventsTopic()),
                    new StreamAvailability(EventStream.USER_EVENTS.configName(), TrtcSourceConfig.STREAMS,
                            () -> counters.streamDisabled(EventStream.USER_EVENTS)),
                    counters);
        }
        calls = new CallPositions(config, time, context.offsetStorageReader(), counters).readers(planner,
                experiences, userEvents);
        if (config.deliveryRepeats() == DeliveryRepeats.ONE_REQUEST) {
            gate = new OffsetCommitGate(context.offsetStorageReader(), time, warnings);
            calls.forEach(CallReader::awaitStorage);
        } else {
            gate = null;
        }
        inFlight = new InFlight(config.maxInFlight());
        action = new CallDetailAction(api, config.sdkAppId(), config.metrics(), generation, inFlight,
                counters.requests, wakeups::release);
        failures = new FailurePolicy(config, generation, planner.lookback(), planner.windowLength(),
                new Backoff(config.retryBackoff(), config.retryBackoffMax(),
                        () -> ThreadLocalRandom.current().nextDouble()), warnings, time);
        log.info("Task {} reading {} calls at up to {} requests/s", config.taskIndex(), calls.size(),
                config.taskRateLimit());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        long deadline = System.nanoTime() + pollTimeoutNanos;
        while (!stopping) {
            long nowMillis = time.milliseconds();
            long now = Math.floorDiv(nowMillis, 1000);
            collectAll(now, nowMillis);
            launch(now, nowMillis);
            // Answers that came while launching (a fast or failing server) are taken now rather than next round.
            collectAll(now, nowMillis);
            OffsetCommitGate g = gate;
            if (g != null) {
                counters.awaitingCommit(g.release(calls));
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
                call.collect(failures, now, nowMillis);
            }
        }
    }

    private void launch(long now, long nowMillis) {
        int n = calls.size();
        // First one request per idle call (breadth), then deeper pipelines for the calls that can use them.
        for (int pass = 0; pass < 2 && inFlight.hasRoom(); pass++) {
            for (int i = 0; i < n && inFlight.hasRoom(); i++) {
                CallReader call = calls.get((roundRobin + i) % n);
                if (pass == 0 && call.held() > 0) {
                    continue;
                }
                // A call waiting for its offset emits one page at the next flush: one answer ahead is enough, and
                // deeper would take the slots the other calls need.
                if (pass == 1 && call.awaitingStorage()) {
                    continue;
                }
                try (var logContext = call.logContext()) {
                    sendUpTo(call, pass == 0 ? 1 : Integer.MAX_VALUE, now, nowMillis);
                }
            }
        }
        if (!inFlight.hasRoom()) {
            // The slots may all be held by answers that cannot be emitted before another page of their window
            // is asked for (a full page waits for the probe that tells whether it was the last).
            for (int i = 0; i < n; i++) {
                CallReader call = calls.get((roundRobin + i) % n);
                try (var logContext = call.logContext()) {
                    call.sendAwaited(action, nowMillis);
                }
            }
        }
        if (experiences != null || userEvents != null) {
            // Each stream has its own budget and bound: its requests never wait for, or take from, the samples'
            // or the other stream's. A call sends while any of its streams has room and a request due.
            for (int i = 0; i < n; i++) {
                CallReader call = calls.get((roundRobin + i) % n);
                try (var logContext = call.logContext()) {
                    boolean sent = true;
                    while (sent) {
                        sent = call.sendNextEvent(nowMillis);
                    }
                }
            }
        }
        if (n > 0) {
            roundRobin = (roundRobin + 1) % n;
        }
    }

    private void sendUpTo(CallReader call, int most, long now, long nowMillis) {
        for (int sent = 0; sent < most && inFlight.hasRoom(); sent++) {
            if (!call.sendNext(action, now, nowMillis)) {
                return;
            }
        }
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
        long oldestUnread = 0;
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
                oldestUnread = Math.max(oldestUnread, now - call.oldestUnread());
                live += call.caughtUp() ? 1 : 0;
            }
        }
        counters.calls(calls.size(), live, maxLag, oldestUnread);
        for (SourceRecord r : out) {
            if (experiences != null && experiences.topic().equals(r.topic())
                    || userEvents != null && userEvents.topic().equals(r.topic())) {
                continue;
            }
            (builder.isCallEnd(r) ? counters.callEndRecords
                    : participantsTopic.equals(r.topic()) ? counters.participantRecords
                    : counters.sampleRecords).incrementAndGet();
        }
        return out;
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

    /**
     * The broker acknowledged {@code record} (with exactly-once support: its transaction committed). Runs on the
     * producer's thread, or the task's; once per record, so it allocates nothing.
     */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        SampleFreshness f = freshness;
        // No metadata: a transformation dropped the record, it never reached Kafka.
        if (f != null && metadata != null && record.topic().equals(qualityTopic)) {
            f.acknowledged((String) record.sourcePartition().get(OffsetCodec.COMM_ID), record.timestamp());
        }
    }

    @Override
    public void stop() {
        stopping = true;
        FailurePolicy policy = failures;
        if (policy != null) {
            policy.stop();
        }
        wakeups.release();
        TrtcApi client = api;
        if (client != null) {
            client.close();
        }
        counters.retireAll();
    }
}
