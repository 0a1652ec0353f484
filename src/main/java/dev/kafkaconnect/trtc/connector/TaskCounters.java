package dev.kafkaconnect.trtc.connector;

import java.util.concurrent.atomic.AtomicLong;

/** What a task has done, for logs, metrics and tests. */
final class TaskCounters {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong failedRequests = new AtomicLong();
    final AtomicLong records = new AtomicLong();
    final AtomicLong callsFinished = new AtomicLong();
    final AtomicLong callsSkipped = new AtomicLong();
    /** Times a call's unread range fell out of the service's lookback. */
    final AtomicLong lookbackLosses = new AtomicLong();
    final AtomicLong lostSeconds = new AtomicLong();
}
