package dev.kafkaconnect.trtc.connector.metrics;

import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import dev.kafkaconnect.trtc.connector.service.WindowLength;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a task has done, for logs, tests and the worker's metrics: what the framework's own task metrics cannot
 * know (API requests and failures, calls lost to the lookback, how far behind the calls are). Per-call metrics
 * exist only while the task owns the call, so their number is bounded by the assignment.
 */
public final class TaskCounters {
    public final AtomicLong requests = new AtomicLong();
    public final AtomicLong failedRequests = new AtomicLong();
    public final AtomicLong records = new AtomicLong();
    public final AtomicLong sampleRecords = new AtomicLong();
    public final AtomicLong participantRecords = new AtomicLong();
    public final AtomicLong callEndRecords = new AtomicLong();
    public final AtomicLong callsFinished = new AtomicLong();
    public final AtomicLong callsEnded = new AtomicLong();
    public final AtomicLong callsSkipped = new AtomicLong();
    public final Map<String, AtomicLong> skippedByReason = new ConcurrentHashMap<>();
    /** Times a call's unread range fell out of the service's lookback. */
    public final AtomicLong lookbackLosses = new AtomicLong();
    public final AtomicLong lostSeconds = new AtomicLong();
    /** Windows skipped because their answers could not be read, and the seconds of data in them. */
    public final AtomicLong windowsSkipped = new AtomicLong();
    public final AtomicLong skippedSeconds = new AtomicLong();
    /** Times a window's pages were read again because the user order shifted between them. */
    public final AtomicLong windowsReread = new AtomicLong();
    /** Abnormal-experience records emitted and requests sent (trtc.streams lists abnormal-experiences). */
    public final AtomicLong experienceRecords = new AtomicLong();
    public final AtomicLong experienceRequests = new AtomicLong();
    /** Abnormal-experience records emitted from a full answer at the shortest window: more may exist. */
    public final AtomicLong experiencesPossiblyIncomplete = new AtomicLong();
    /** Abnormal-experience windows split because an answer was full, and windows skipped without records. */
    public final AtomicLong experienceWindowsSplit = new AtomicLong();
    public final AtomicLong experienceWindowsSkipped = new AtomicLong();
    /** User-event records emitted and requests sent (trtc.streams lists user-events). */
    public final AtomicLong userEventRecords = new AtomicLong();
    public final AtomicLong userEventRequests = new AtomicLong();
    /** A user's range whose events could not be read and were skipped (with a WARN). */
    public final AtomicLong userEventRangesSkipped = new AtomicLong();
    /** Per enabled event stream: 1 once the service's refusal of its action stopped it, else 0. */
    private final Map<EventStream, AtomicLong> streamDisabled = new ConcurrentHashMap<>();
    /** Calls assigned to the task and still being read. */
    private volatile long ownedCalls;
    /** Owned calls that have caught up with the settle delay. */
    private volatile long liveCalls;
    /** Calls holding back their next page until the worker stores their last offset (one-request repeats). */
    private volatile long callsAwaitingCommit;
    /** The lookback the task's calls are read within (set once the calls are). */
    private volatile ServiceLookback lookback;
    /** What the service's call-detail Total counts, as learnt (shared by the task's calls). */
    private volatile TotalReading totals;
    /** The longest window the service accepts, as learnt (shared by the task's calls). */
    private volatile WindowLength windowLength;
    /** The largest distance between now and a call's read position, in seconds. */
    private volatile long maxCursorLagSeconds;
    /** Now minus the start of the oldest window a call has not emitted, in seconds. */
    private volatile long oldestUnreadAgeSeconds;
    private final Map<String, AtomicLong> callLag = new ConcurrentHashMap<>();
    /** How fresh the live samples are in Kafka; null until the task starts (and in tests that need none). */
    private volatile SampleFreshness freshness;
    private MetricsRegistration registration = new MetricsRegistration(null, 0);

    /** Registers the counters as gauges with the worker (its metrics reporters and JMX). */
    public void register(MetricsRegistration registration) {
        this.registration = registration;
        gauge(TaskMetric.API_REQUESTS, requests);
        gauge(TaskMetric.API_FAILURES, failedRequests);
        gauge(TaskMetric.RECORDS, records);
        gauge(TaskMetric.SAMPLE_RECORDS, sampleRecords);
        gauge(TaskMetric.PARTICIPANT_RECORDS, participantRecords);
        gauge(TaskMetric.CALL_END_RECORDS, callEndRecords);
        gauge(TaskMetric.CALLS_FINISHED, callsFinished);
        gauge(TaskMetric.CALLS_ENDED, callsEnded);
        gauge(TaskMetric.CALLS_SKIPPED, callsSkipped);
        gauge(TaskMetric.LOOKBACK_LOSSES, lookbackLosses);
        gauge(TaskMetric.LOOKBACK_LOST_SECONDS, lostSeconds);
        gauge(TaskMetric.WINDOWS_SKIPPED, windowsSkipped);
        gauge(TaskMetric.SKIPPED_SECONDS, skippedSeconds);
        gauge(TaskMetric.WINDOWS_REREAD, windowsReread);
        gauge(TaskMetric.ABNORMAL_EXPERIENCE_RECORDS, experienceRecords);
        gauge(TaskMetric.ABNORMAL_EXPERIENCE_REQUESTS, experienceRequests);
        gauge(TaskMetric.ABNORMAL_EXPERIENCES_POSSIBLY_INCOMPLETE, experiencesPossiblyIncomplete);
        gauge(TaskMetric.ABNORMAL_EXPERIENCE_WINDOWS_SPLIT, experienceWindowsSplit);
        gauge(TaskMetric.ABNORMAL_EXPERIENCE_WINDOWS_SKIPPED, experienceWindowsSkipped);
        gauge(TaskMetric.USER_EVENT_RECORDS, userEventRecords);
        gauge(TaskMetric.USER_EVENT_REQUESTS, userEventRequests);
        gauge(TaskMetric.USER_EVENT_RANGES_SKIPPED, userEventRangesSkipped);
        streamDisabled.forEach((stream, value) -> streamGauge(stream, value));
        registration.gauge(TaskMetric.OLDEST_UNREAD_AGE, Map.of(), () -> oldestUnreadAgeSeconds);
        registration.gauge(TaskMetric.CALLS_OWNED, Map.of(), () -> ownedCalls);
        registration.gauge(TaskMetric.CALLS_LIVE, Map.of(), () -> liveCalls);
        registration.gauge(TaskMetric.CALLS_AWAITING_COMMIT, Map.of(), () -> callsAwaitingCommit);
        registration.gauge(TaskMetric.CURSOR_LAG_MAX, Map.of(), () -> maxCursorLagSeconds);
        registration.gauge(TaskMetric.LOOKBACK_SECONDS, Map.of(), () -> lookback == null ? 0 : lookback.seconds());
        registration.gauge(TaskMetric.WINDOW_SECONDS, Map.of(),
                () -> windowLength == null ? 0 : windowLength.seconds());
        for (String call : callLag.keySet()) {
            registration.gauge(TaskMetric.CALL_CURSOR_LAG, Map.of("call", call), callLag.get(call)::get);
        }
    }

    private void gauge(TaskMetric metric, AtomicLong value) {
        registration.gauge(metric, Map.of(), value::get);
    }

    /** What the task learns about the service, shown as it learns it. */
    public void learning(ServiceLookback lookback, TotalReading totals, WindowLength windowLength) {
        this.lookback = lookback;
        this.totals = totals;
        this.windowLength = windowLength;
    }

    /** What the service's call-detail Total counts, as the task has learnt it; null before the calls are read. */
    public TotalReading totals() {
        return totals;
    }

    /** The calls still read, those caught up, and the largest distance between now and a call's position (s). */
    public void calls(long owned, long live, long maxCursorLagSeconds, long oldestUnreadAgeSeconds) {
        this.ownedCalls = owned;
        this.liveCalls = live;
        this.maxCursorLagSeconds = maxCursorLagSeconds;
        this.oldestUnreadAgeSeconds = oldestUnreadAgeSeconds;
    }

    /** Where the live samples' delay to Kafka is measured: told which calls read live, and from when. */
    public void freshness(SampleFreshness freshness) {
        this.freshness = freshness;
    }

    /** The call caught up: its windows from {@code unixSeconds} on are read as they settle. */
    public void callLive(String call, long unixSeconds) {
        SampleFreshness f = freshness;
        if (f != null) {
            f.liveFrom(call, unixSeconds);
        }
    }

    /** Calls holding back their next page until the worker stores their last offset. */
    public void awaitingCommit(long calls) {
        this.callsAwaitingCommit = calls;
    }

    /**
     * The event streams the task reads: each gets its {@code stream-disabled} gauge at 0, so a dashboard sees the
     * stream before anything goes wrong with it.
     */
    public void streams(Set<EventStream> enabled) {
        for (EventStream stream : enabled) {
            streamDisabled.computeIfAbsent(stream, this::newStreamGauge);
        }
    }

    /** The task stopped reading {@code stream}: the account's tier does not serve its action. */
    public void streamDisabled(EventStream stream) {
        streamDisabled.computeIfAbsent(stream, this::newStreamGauge).set(1);
    }

    /** Whether {@link #streamDisabled} was called for {@code stream}. */
    public boolean isStreamDisabled(EventStream stream) {
        AtomicLong value = streamDisabled.get(stream);
        return value != null && value.get() == 1;
    }

    private AtomicLong newStreamGauge(EventStream stream) {
        AtomicLong value = new AtomicLong();
        streamGauge(stream, value);
        return value;
    }

    private void streamGauge(EventStream stream, AtomicLong value) {
        registration.gauge(TaskMetric.STREAM_DISABLED, Map.of("stream", stream.configName()), value::get);
    }

    /** A call was given up; {@code reason} is one of a few fixed words. */
    public void callSkipped(String reason) {
        callsSkipped.incrementAndGet();
        skippedByReason.computeIfAbsent(reason, r -> {
            AtomicLong c = new AtomicLong();
            registration.gauge(TaskMetric.CALLS_SKIPPED_BY_REASON, Map.of("reason", r), c::get);
            return c;
        }).incrementAndGet();
    }

    /** The call's cursor lag; its gauge appears with the first value. */
    public void callLag(String call, long seconds) {
        callLag.computeIfAbsent(call, c -> {
            AtomicLong lag = new AtomicLong();
            registration.gauge(TaskMetric.CALL_CURSOR_LAG, Map.of("call", c), lag::get);
            return lag;
        }).set(seconds);
    }

    /** The task no longer owns the call: its per-call metrics go. */
    public void callRetired(String call) {
        if (callLag.remove(call) != null) {
            registration.remove(TaskMetric.CALL_CURSOR_LAG, Map.of("call", call));
        }
    }

    public void retireAll() {
        for (String call : Map.copyOf(callLag).keySet()) {
            callRetired(call);
        }
    }

    long callLag(String call) {
        AtomicLong lag = callLag.get(call);
        return lag == null ? -1 : lag.get();
    }

    int callsWithLag() {
        return callLag.size();
    }
}
