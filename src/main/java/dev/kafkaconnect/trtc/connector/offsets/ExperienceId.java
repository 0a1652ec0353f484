package dev.kafkaconnect.trtc.connector.offsets;

/**
 * An abnormal experience's identity: its time (unix ms), the user who had it and what went wrong. Ordered by time,
 * then user, then experience id: the order in which a call's experiences are emitted, and the order a restart
 * compares against. The service gives no id of its own, and two experiences of one user with the same id at the
 * same millisecond are one diagnosis.
 */
public record ExperienceId(long timeMillis, String userId, int experienceId) implements Comparable<ExperienceId> {
    public ExperienceId {
        if (userId == null) {
            throw new IllegalArgumentException("an abnormal experience's user must not be null");
        }
    }

    @Override
    public int compareTo(ExperienceId o) {
        int c = Long.compare(timeMillis, o.timeMillis);
        if (c == 0) {
            c = SeriesKey.TEXT.compare(userId, o.userId);
        }
        return c != 0 ? c : Integer.compare(experienceId, o.experienceId);
    }
}
