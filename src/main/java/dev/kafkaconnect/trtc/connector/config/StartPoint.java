package dev.kafkaconnect.trtc.connector.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The {@code trtc.start} setting: a fixed instant, or a duration back from the moment it is resolved. A duration
 * is resolved when a call is first read, so a connector created with {@code PT6H} reads the last six hours.
 */
public record StartPoint(Instant instant, Duration back) {

    public static StartPoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty value: give an ISO-8601 instant (2026-11-20T00:00:00Z) "
                    + "or an ISO-8601 duration back from now (P1D, PT6H)");
        }
        String s = text.trim();
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            Duration d;
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 duration such as P1D or PT6H");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("duration '" + s + "' must be positive");
            }
            return new StartPoint(null, d);
        }
        return new StartPoint(parseInstant(s), null);
    }

    /** Parses an ISO-8601 instant such as {@code 2026-11-20T00:00:00Z}. */
    public static Instant parseInstant(String s) {
        try {
            return Instant.parse(s.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s.trim()
                    + "' is not an ISO-8601 instant such as 2026-11-20T00:00:00Z");
        }
    }

    /** The start as unix seconds, seen at {@code now}. */
    public long resolveSeconds(Instant now) {
        return (instant != null ? instant : now.minus(back)).getEpochSecond();
    }

    @Override
    public String toString() {
        return instant != null ? instant.toString() : back.toString();
    }
}
