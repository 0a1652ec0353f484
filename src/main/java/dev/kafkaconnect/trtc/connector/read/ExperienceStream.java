package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.connector.metrics.TaskCounters;
import dev.kafkaconnect.trtc.connector.service.StreamAvailability;
import dev.kafkaconnect.trtc.connector.service.WindowLength;
import dev.kafkaconnect.trtc.records.AbnormalExperienceRecordBuilder;

/**
 * What a task's calls share to read their abnormal experiences: the action that sends the requests (its own rate
 * limiter and in-flight bound), the record builder, whether the service serves the action to the account, the
 * longest window it accepts (learnt from its refusals, like call detail's) and the counters.
 */
public final class ExperienceStream {
    /** A window holding a full answer is split down to this length; past it the answer is emitted as it is. */
    static final long SHORTEST_WINDOW = WindowLength.MINIMUM;
    /** Windows a call may have requested ahead of the one it emits. */
    static final int WINDOWS_AHEAD = 4;

    final UnusualEventAction action;
    final AbnormalExperienceRecordBuilder builder;
    final StreamAvailability availability;
    final WindowLength length;
    final TaskCounters counters;

    public ExperienceStream(UnusualEventAction action, AbnormalExperienceRecordBuilder builder,
                            StreamAvailability availability, TaskCounters counters) {
        this(action, builder, availability, new WindowLength(UnusualEventRequest.MAX_WINDOW_SECONDS, "This task",
                UnusualEventRequest.ACTION), counters);
    }

    ExperienceStream(UnusualEventAction action, AbnormalExperienceRecordBuilder builder,
                     StreamAvailability availability, WindowLength length, TaskCounters counters) {
        this.action = action;
        this.builder = builder;
        this.availability = availability;
        this.length = length;
        this.counters = counters;
    }

    /** Longest window to plan: its request, from a second before its start, spans one second more. */
    long longestWindow() {
        return Math.max(SHORTEST_WINDOW, length.seconds() - 1);
    }

    public String topic() {
        return builder.topic();
    }
}
