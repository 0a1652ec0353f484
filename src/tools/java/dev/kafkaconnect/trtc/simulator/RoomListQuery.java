package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.Set;

/** A validated {@code DescribeRoomInformation}/{@code DescribeRoomInfo} request. */
record RoomListQuery(ApiGeneration generation, long sdkAppId, long startTime, long endTime, String roomId,
                     int pageNumber, int pageSize) {

    static final int DEFAULT_PAGE_SIZE = 10;
    static final int MAX_PAGE_SIZE = 100;
    static final long MAX_WINDOW_SEC = 24 * 3600;

    private static final Set<String> PARAMETERS = Set.of("SdkAppId", "StartTime", "EndTime", "RoomId",
            "PageNumber", "PageSize");

    static RoomListQuery parse(RequestParams p, ApiGeneration generation, long knownSdkAppId, long now,
                               SimulatorSettings settings) throws ApiError {
        p.allowOnly(PARAMETERS);
        long sdkAppId = p.requiredSdkAppId("MissingParameter.SdkAppId");
        long start = p.requiredTime("StartTime", "MissingParameter.StartTs");
        long end = p.requiredTime("EndTime", "MissingParameter.EndTs");
        String roomId = p.optionalString("RoomId");
        Long pageNumber = p.pageParam("PageNumber");
        Long pageSize = p.pageParam("PageSize");

        if (sdkAppId != knownSdkAppId) {
            throw new ApiError("InvalidParameter.SdkAppId", "SdkAppId " + sdkAppId
                    + " is not an application of this account.");
        }
        if (end < start) {
            throw new ApiError("InvalidParameter.EndTs", "EndTime " + end + " is before StartTime " + start + ".");
        }
        if (settings.windowSeconds(start, end) > MAX_WINDOW_SEC) {
            throw new ApiError("InvalidParameter.QueryScaleOversize", "The window EndTime - StartTime is "
                    + (end - start) + " s; room listing allows at most " + MAX_WINDOW_SEC + " s (24 h).");
        }
        if (pageNumber != null && pageNumber < 0) {
            throw new ApiError("InvalidParameter.PageNumber", "PageNumber " + pageNumber
                    + " is negative; pages are counted from 0.");
        }
        if (pageSize != null && pageSize > MAX_PAGE_SIZE) {
            throw new ApiError("InvalidParameter.PageSizeOversize", "PageSize " + pageSize + " exceeds "
                    + MAX_PAGE_SIZE + ".");
        }
        if (pageSize != null && pageSize < 1) {
            throw new ApiError("InvalidParameter.PageSize", "PageSize " + pageSize + " must be 1 to "
                    + MAX_PAGE_SIZE + ".");
        }
        long oldest = now - settings.lookback().toSeconds();
        if (start < oldest) {
            throw new ApiError(generation == ApiGeneration.SEED ? "InvalidParameter.StartTsOversize"
                    : "InvalidParameter.StartTimeExpire", "StartTime " + start + " is more than "
                    + settings.lookback().toDays() + " days before now (" + now + ").");
        }
        return new RoomListQuery(generation, sdkAppId, start, end, roomId == null || roomId.isEmpty() ? null : roomId,
                pageNumber == null ? 0 : Math.toIntExact(Math.min(pageNumber, Integer.MAX_VALUE)),
                pageSize == null ? DEFAULT_PAGE_SIZE : pageSize.intValue());
    }
}
