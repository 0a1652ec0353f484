package dev.kafkaconnect.trtc.connector.config;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A TRTC call id, {@code <sdkappid>_<roomString>_<createTime>}. Only parsed to check it and to learn the call's
 * creation time (the earliest time worth querying); the API always gets the id exactly as the user gave it.
 */
public record CommId(String value, long sdkAppId, String room, OptionalLong createTime) {

    public CommId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses a CommId. The room part may itself contain underscores, so the id is split at its first and last one.
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static CommId parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty CommId");
        }
        String id = value.trim();
        int first = id.indexOf('_');
        int last = id.lastIndexOf('_');
        if (first <= 0 || last == first || last == id.length() - 1 || last - first < 2) {
            throw new IllegalArgumentException("CommId '" + id
                    + "' is not of the form <sdkappid>_<room>_<createTime> (e.g. 1400353843_218695_1590065777)");
        }
        long app;
        try {
            app = Long.parseLong(id.substring(0, first));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CommId '" + id + "' does not start with a numeric SdkAppId");
        }
        String created = id.substring(last + 1);
        OptionalLong createTime = OptionalLong.empty();
        if (created.chars().allMatch(Character::isDigit) && created.length() <= 12) {
            createTime = OptionalLong.of(Long.parseLong(created));
        }
        return new CommId(id, app, id.substring(first + 1, last), createTime);
    }

    @Override
    public String toString() {
        return value;
    }
}
