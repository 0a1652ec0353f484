package dev.kafkaconnect.trtc.connector.metrics;

import java.util.List;

/**
 * Every metric a task registers: one definition serves registration and the generated operations docs. Each
 * also carries the tag {@code trtc-task}; the worker adds {@code connector} and {@code task}.
 */
public enum TaskMetric implements MetricDefinition {
    API_REQUESTS("api-requests-total", "Call-detail requests the task sent (a request the client retried counts once)"),
    API_FAILURES("api-failures-total", "Requests that failed after the client's own retries"),
    API_SENDS("api-sends-total", "HTTP sends by API action and outcome: ok or the error kind (throttled, server, "
            + "transport, auth, ...); retries count again", "action", "outcome"),
    API_RETRIES("api-retries-total", "Sends the client retried, by action and the error kind that caused it",
            "action", "kind"),
    API_THROTTLED("api-throttled-total", "Answers RequestLimitExceeded* from the service (over the shared 20/s)"),
    API_THROTTLE_WAITS("api-throttle-waits-total", "Sends that waited for the task's own rate limiter"),
    API_THROTTLE_WAIT_MS("api-throttle-wait-ms-total", "Milliseconds sends spent waiting for the rate limiter"),
    API_LATENCY_AVG("api-latency-ms-avg", "Average time of a send, request to full answer", "action"),
    API_LATENCY_MAX("api-latency-ms-max", "Longest send in the metrics window", "action"),
    API_LATENCY_P50("api-latency-ms-p50", "Median send time (30 ms buckets up to 60 s)", "action"),
    API_LATENCY_P95("api-latency-ms-p95", "95th percentile send time", "action"),
    API_LATENCY_P99("api-latency-ms-p99", "99th percentile send time", "action"),
    API_BYTES("api-response-bytes-total", "Response body bytes received", "action"),
    RECORDS("records-total", "Records returned to the worker"),
    SAMPLE_RECORDS("sample-records-total", "Quality records emitted: samples, or snapshots with trtc.record.shape=snapshot"),
    PARTICIPANT_RECORDS("participant-records-total", "Participant records emitted"),
    CALL_END_RECORDS("call-end-records-total", "Call-end records emitted (trtc.topic.calls): one per call read "
            + "to its end, again only when a crash repeats it"),
    ABNORMAL_EXPERIENCE_RECORDS("abnormal-experience-records-total", "Abnormal-experience records emitted "
            + "(trtc.streams lists abnormal-experiences)"),
    ABNORMAL_EXPERIENCE_REQUESTS("abnormal-experience-requests-total", "Abnormal-experience requests "
            + "(DescribeUnusualEvent) the task sent, under their own budget trtc.abnormal.experiences.rate.limit (a "
            + "request the client retried counts once)"),
    ABNORMAL_EXPERIENCES_POSSIBLY_INCOMPLETE("abnormal-experiences-possibly-incomplete-total", "Abnormal-experience "
            + "records emitted from a full answer (as many experiences as the API returns at most) at the shortest "
            + "window: that window may hold experiences the service did not return (the records carry "
            + "possiblyIncomplete=true)"),
    ABNORMAL_EXPERIENCE_WINDOWS_SPLIT("abnormal-experience-windows-split-total", "Abnormal-experience windows read "
            + "again as shorter windows because an answer was full"),
    ABNORMAL_EXPERIENCE_WINDOWS_SKIPPED("abnormal-experience-windows-skipped-total", "Abnormal-experience windows "
            + "skipped without their records; the call's other records go on"),
    USER_EVENT_RECORDS("user-event-records-total", "User-event records emitted (trtc.streams lists user-events)"),
    USER_EVENT_REQUESTS("user-event-requests-total", "User-event requests (DescribeUserEvent) the task sent, under "
            + "their own budget trtc.user.events.rate.limit (a request the client retried counts once)"),
    USER_EVENT_RANGES_SKIPPED("user-event-ranges-skipped-total", "User-event ranges (one user's events over a "
            + "window) whose events could not be read, skipped without their records with a WARN; the call's other "
            + "records go on"),
    STREAM_DISABLED("stream-disabled", "1 for an event stream of trtc.streams the task stopped reading because the "
            + "account's monitoring tier does not serve its action (one WARN names it), else 0; the other streams "
            + "go on. One value per enabled stream", "stream"),
    CALLS_OWNED("calls-owned", "Calls assigned to the task and still being read"),
    CALLS_LIVE("calls-live", "Owned calls that have caught up with the settle delay (following in near real time)"),
    CALLS_AWAITING_COMMIT("calls-awaiting-offset-commit", "Calls holding back their next page until the worker "
            + "stores the offset of their last record (trtc.delivery.repeats=one-request); calls that stay here point "
            + "at a long offset.flush.interval.ms or failing offset commits"),
    CALLS_FINISHED("calls-finished-total", "Calls read to their end (nobody in them for the rejoin grace)"),
    CALLS_ENDED("calls-ended-total", "Calls read up to trtc.end"),
    CALLS_SKIPPED("calls-skipped-total", "Calls given up (all reasons)"),
    CALLS_SKIPPED_BY_REASON("calls-skipped-by-reason-total", "Calls given up, by reason: call-not-found, "
            + "start-too-old, invalid-request, unknown-error, no-users", "reason"),
    LOOKBACK_LOSSES("lookback-losses-total", "Times unread data fell out of the service's lookback"),
    LOOKBACK_LOST_SECONDS("lookback-lost-seconds-total", "Seconds of call data lost to the lookback"),
    LOOKBACK_SECONDS("lookback-seconds", "How far back the task reads: trtc.lookback.ms, or the shorter tier the "
            + "service showed by refusing a start inside it (14, 7, 5 days, then halves down to 1 hour)"),
    WINDOWS_SKIPPED("windows-skipped-total", "Windows skipped because their answers could not be read "
            + "(trtc.unreadable.policy=skip-window)"),
    SKIPPED_SECONDS("skipped-seconds-total", "Seconds of call data in the windows skipped"),
    WINDOWS_REREAD("windows-reread-total", "Times a window's pages were read again because the service's user "
            + "order shifted between them (a user could have fallen between two pages)"),
    OLDEST_UNREAD_AGE("oldest-unread-window-age-seconds", "Now minus the start of the oldest window an owned call "
            + "has not emitted yet: grows while a call is stuck on a window (retrying, or waiting for its turn)"),
    WINDOW_SECONDS("window-seconds", "Longest call-detail window the task asks for: an hour, or the shorter length "
            + "the service showed by refusing a window as too long (QueryScaleOversize)"),
    LIVE_SAMPLE_LAG_P50("live-sample-lag-seconds-p50", "Median delay from a live call's sample time to the "
            + "broker's acknowledgement of its quality record (the worker's commitRecord: without exactly-once "
            + "support when the producer's send is acknowledged, with it once the transaction holding the record "
            + "committed), over the last 5 to 6 minutes (poll intervals, when longer). Counts only samples of "
            + "windows planned after their call caught up; a backlog read while catching up is not counted. Its "
            + "floor is trtc.settle.delay.ms plus up to trtc.poll.interval.ms (half of it for the median); buckets "
            + "of 1/1000 of that floor's maximum, up to twice it. NaN while there is none"),
    LIVE_SAMPLE_LAG_P99("live-sample-lag-seconds-p99", "99th percentile of that delay (floor: trtc.settle.delay.ms "
            + "plus 99 % of trtc.poll.interval.ms)"),
    LIVE_SAMPLE_LAG_MAX("live-sample-lag-seconds-max", "Longest of those delays (exact; floor: trtc.settle.delay.ms "
            + "plus trtc.poll.interval.ms)"),
    LIVE_SAMPLES_ACKNOWLEDGED("live-samples-acknowledged-total", "Quality records of live windows the broker "
            + "acknowledged: the samples the live-sample-lag-seconds metrics measure"),
    CURSOR_LAG_MAX("cursor-lag-seconds-max", "Largest distance between now and an owned call's read position"),
    CALL_CURSOR_LAG("call-cursor-lag-seconds", "Now minus the call's read position; present only while the task "
            + "owns the call", "call");

    static final String TASK_TAG = "trtc-task";

    public final String metricName;
    final String description;
    final List<String> tags;

    TaskMetric(String metricName, String description, String... tags) {
        this.metricName = metricName;
        this.description = description;
        this.tags = List.of(tags);
    }

    @Override
    public String metricName() {
        return metricName;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> tags() {
        return tags;
    }
}
