package dev.kafkaconnect.trtc.connector;

import java.util.LinkedHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * What a task has done, for logs, tests and the worker's metrics: what the framework's own task metrics cannot
 * know (API requests and failures, calls lost to the lookback, how far behind the calls are).
 */
final class TaskCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong failedRequests = new AtomicLong();
    final AtomicLong records = new AtomicLong();
    final AtomicLong callsFinished = new AtomicLong();
    final AtomicLong callsSkipped = new AtomicLong();
    /** Times a call's unread range fell out of the service's lookback. */
    final AtomicLong lookbackLosses = new AtomicLong();
    final AtomicLong lostSeconds = new AtomicLong();
    /** Calls still being read. */
    volatile long activeCalls;
    /** The largest distance between now and a call's read position, in seconds. */
    volatile long maxCursorLagSeconds;

    /** Registers the counters as gauges with the worker (its metrics reporters and JMX). */
    void register(PluginMetrics metrics, int taskIndex) {
        if (metrics == null) {
            return;
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("trtc-task", Integer.toString(taskIndex));
        gauge(metrics, tags, "api-requests-total", "Call-detail requests sent (after the client's own retries)",
                requests::get);
        gauge(metrics, tags, "api-failures-total", "Requests that failed after the client's own retries",
                failedRequests::get);
        gauge(metrics, tags, "records-total", "Records returned to the worker", records::get);
        gauge(metrics, tags, "calls-finished-total", "Calls read to their end", callsFinished::get);
        gauge(metrics, tags, "calls-skipped-total", "Calls given up (unknown call, refused request, lookback)",
                callsSkipped::get);
        gauge(metrics, tags, "lookback-losses-total", "Times unread data fell out of the service's lookback",
                lookbackLosses::get);
        gauge(metrics, tags, "lookback-lost-seconds-total", "Seconds of call data lost to the lookback",
                lostSeconds::get);
        gauge(metrics, tags, "calls-active", "Calls still being read", () -> activeCalls);
        gauge(metrics, tags, "cursor-lag-seconds-max", "Largest distance between now and a call's read position",
                () -> maxCursorLagSeconds);
    }

    private static void gauge(PluginMetrics metrics, LinkedHashMap<String, String> tags, String name, String doc,
                              LongSupplier value) {
        metrics.addMetric(metrics.metricName(name, doc, tags), (Gauge<Long>) (config, now) -> value.getAsLong());
    }
}
