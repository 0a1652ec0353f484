package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import java.util.Set;

/**
 * Validated {@code DescribeUserEvent} and {@code DescribeUnusualEvent} requests. Both actions exist in one
 * generation only and take Integers for every parameter but the ids, which are Strings; the checks and their
 * codes are those of the call-detail actions where the docs say nothing of their own.
 */
final class EventQueries {
    private static final Set<String> USER_EVENT_PARAMETERS = Set.of("SdkAppId", "CommId", "StartTime", "EndTime",
            "UserId", "RoomId");
    private static final Set<String> UNUSUAL_EVENT_PARAMETERS = Set.of("SdkAppId", "StartTime", "EndTime",
            "RoomId");

    private EventQueries() {
    }

    /** A user-event query; times in unix seconds, both inclusive. */
    record UserEvents(String commId, String roomId, String userId, long startTime, long endTime) {
    }

    /** An unusual-event query; {@code roomId} null when not sent (every room). */
    record UnusualEvents(String roomId, long startTime, long endTime) {
    }

    static UserEvents userEvents(RequestParams p, long knownSdkAppId, long now, SimulatorSettings settings)
            throws ApiError {
        p.allowOnly(USER_EVENT_PARAMETERS);
        long sdkAppId = p.requiredSdkAppId("MissingParameter.SdkAppId");
        String commId = p.requiredString("CommId", "MissingParameter.CommId");
        long start = p.requiredTime("StartTime", "MissingParameter.StartTs");
        long end = p.requiredTime("EndTime", "MissingParameter.EndTs");
        String userId = p.requiredString("UserId", "MissingParameter.UserId");
        String roomId = p.requiredString("RoomId", "MissingParameter.RoomId");
        checkCommon(sdkAppId, knownSdkAppId, start, end, now, settings);
        return new UserEvents(commId, roomId, userId, start, end);
    }

    static UnusualEvents unusualEvents(RequestParams p, long knownSdkAppId, long now, SimulatorSettings settings)
            throws ApiError {
        p.allowOnly(UNUSUAL_EVENT_PARAMETERS);
        long sdkAppId = p.requiredSdkAppId("MissingParameter.SdkAppId");
        long start = p.requiredTime("StartTime", "MissingParameter.StartTs");
        long end = p.requiredTime("EndTime", "MissingParameter.EndTs");
        String roomId = p.optionalString("RoomId");
        checkCommon(sdkAppId, knownSdkAppId, start, end, now, settings);
        long window = settings.windowSeconds(start, end);
        if (window > UnusualEventRequest.MAX_WINDOW_SECONDS) {
            throw new ApiError("InvalidParameter.QueryScaleOversize", "The window EndTime - StartTime is " + window
                    + " s; at most " + UnusualEventRequest.MAX_WINDOW_SECONDS + " s is allowed.");
        }
        return new UnusualEvents(roomId == null || roomId.isEmpty() ? null : roomId, start, end);
    }

    private static void checkCommon(long sdkAppId, long knownSdkAppId, long start, long end, long now,
                                    SimulatorSettings settings) throws ApiError {
        if (sdkAppId != knownSdkAppId) {
            throw new ApiError("InvalidParameter.SdkAppId", "SdkAppId " + sdkAppId
                    + " is not an application of this account.");
        }
        if (end < start) {
            throw new ApiError("InvalidParameter.StartTs", "StartTime " + start + " is after EndTime " + end + ".");
        }
        long oldest = now - settings.lookback().toSeconds();
        if (start < oldest) {
            throw new ApiError("InvalidParameter.StartTimeExpire", "StartTime " + start + " is more than "
                    + settings.lookback().toDays() + " days before now (" + now + "); the oldest allowed is "
                    + oldest + ".");
        }
    }
}
