package dev.kafkaconnect.trtc.api;

import java.util.List;

/**
 * A {@code DescribeUnusualEvent} answer. The service returns any {@value #MAX_EXPERIENCES} of the window's
 * experiences, a sample: a full answer may hide more, which only shorter windows reveal.
 */
public record UnusualEventResponse(int total, List<AbnormalExperience> experiences, String requestId) {
    /** The most experiences one answer holds. */
    public static final int MAX_EXPERIENCES = 20;

    public UnusualEventResponse {
        experiences = experiences == null ? List.of() : List.copyOf(experiences);
    }

    /** Whether the answer is full, so the window may hold experiences it left out. */
    public boolean possiblySampled() {
        return experiences.size() >= MAX_EXPERIENCES || total >= MAX_EXPERIENCES;
    }
}
