package dev.kafkaconnect.trtc.connector.offsets;

/**
 * Where a call's event streams stand, carried in the call's offset beside the samples' position: every record of
 * the call (a sample, an event, the call end) names every stream's position, so the one offset the worker keeps per
 * call resumes each stream exactly. A part is null when its stream has no position (not read): it starts where a
 * call never read would.
 *
 * @param experiences the abnormal experiences' position, or null
 * @param userEvents  the user events' position, or null
 */
public record StreamPositions(ExperiencePosition experiences, UserEventPosition userEvents) {
    /** No stream has a position. */
    public static final StreamPositions NONE = new StreamPositions(null, null);

    public boolean isEmpty() {
        return experiences == null && userEvents == null;
    }

    public StreamPositions withExperiences(ExperiencePosition position) {
        return new StreamPositions(position, userEvents);
    }

    public StreamPositions withUserEvents(UserEventPosition position) {
        return new StreamPositions(experiences, position);
    }
}
