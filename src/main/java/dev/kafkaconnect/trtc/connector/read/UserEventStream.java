package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.service.StreamAvailability;
import dev.kafkaconnect.trtc.connector.service.WindowLength;
import dev.kafkaconnect.trtc.records.UserEventRecordBuilder;

/**
 * What a task's calls share to read their users' events: the action that sends the requests (its own rate
 * limiter and in-flight bound), the record builder, whether the service serves the action to the account, the
 * longest range it accepts and the counters.
 */
public final class UserEventStream {
    /**
     * The longest range one request asks for. The pages give no limit for {@code DescribeUserEvent}; a day keeps a
     * request's answer small, and a service that refuses a range as too long teaches a shorter one.
     */
    static final long LONGEST_RANGE = 86_400;
    /** Users' requests a call may have in flight or answered ahead of the one it emits. */
    static final int REQUESTS_AHEAD = 4;

    final UserEventAction action;
    final UserEventRecordBuilder builder;
    final StreamAvailability availability;
    final WindowLength length;
    final TaskCounters counters;

    public UserEventStream(UserEventAction action, UserEventRecordBuilder builder, StreamAvailability availability,
                           TaskCounters counters) {
        this.action = action;
        this.builder = builder;
        this.availability = availability;
        this.length = new WindowLength(LONGEST_RANGE, "This task", UserEventRequest.ACTION);
        this.counters = counters;
    }

    /** Longest range to ask for: its request, from a second before its start, spans one second more. */
    long longestRange() {
        return Math.max(WindowLength.MINIMUM, length.seconds() - 1);
    }

    public String topic() {
        return builder.topic();
    }
}
