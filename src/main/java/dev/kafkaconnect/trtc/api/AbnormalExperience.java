package dev.kafkaconnect.trtc.api;

import java.util.List;

/**
 * One {@code AbnormalExperience}: what went wrong for {@code userId} ({@code experienceId}, e.g. video lag) and its
 * probable causes. {@code eventTime} is kept as sent: the docs do not say whether it is seconds or milliseconds.
 */
public record AbnormalExperience(String userId, int experienceId, String roomId, long eventTime,
                                 List<AbnormalEvent> abnormalEvents) {
    /**
     * Below this an {@code eventTime} is read as seconds: 10^11 ms is March 1973 and 10^11 s the year 5138, so no
     * time this API serves is ambiguous.
     */
    public static final long SECONDS_BELOW = 100_000_000_000L;

    public AbnormalExperience {
        abnormalEvents = abnormalEvents == null ? List.of() : List.copyOf(abnormalEvents);
    }

    /** {@code eventTime} as unix milliseconds, whichever unit the service used. */
    public long eventTimeMillis() {
        return toMillis(eventTime);
    }

    /** A unix time in seconds or milliseconds, decided by magnitude, as milliseconds. */
    public static long toMillis(long secondsOrMillis) {
        return Math.abs(secondsOrMillis) < SECONDS_BELOW ? secondsOrMillis * 1000 : secondsOrMillis;
    }
}
