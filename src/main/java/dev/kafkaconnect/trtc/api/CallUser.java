package dev.kafkaconnect.trtc.api;

/**
 * One {@code UserList} entry. {@code leaveTs} is "now" for a user still in the call. Strings are never null
 * (absent values become ""); {@code clientIp} is personal data.
 */
public record CallUser(
        String roomStr,
        String userId,
        long joinTs,
        long leaveTs,
        boolean finished,
        String deviceType,
        String sdkVersion,
        String clientIp) {
}
