package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated {@code DescribeCallDetail}/{@code DescribeCallDetailInfo} request. Every rule of the seed page and
 * of the successor's docs is checked here, each answered with its documented code.
 */
record CallDetailQuery(ApiGeneration generation, long sdkAppId, String commId, long startTime, long endTime,
                       List<String> userIds, List<String> metrics, int pageNumber, int pageSize,
                       boolean oversizeAsEmpty) {

    static final int DEFAULT_PAGE_SIZE = 6;
    static final int MAX_USERS = 6;
    static final int MAX_PAGE_SIZE = 100;

    private static final Set<String> PARAMETERS = Set.of("SdkAppId", "CommId", "StartTime", "EndTime", "UserIds",
            "DataType", "PageNumber", "PageSize");

    /** Whether {@code DataType} asked for metrics (else the answer is the user list alone). */
    boolean withData() {
        return !metrics.isEmpty();
    }

    static CallDetailQuery parse(RequestParams p, ApiGeneration generation, long knownSdkAppId, long now,
                                 SimulatorSettings settings) throws ApiError {
        p.allowOnly(PARAMETERS);
        long sdkAppId = p.requiredSdkAppId("MissingParameter.SdkAppId");
        String commId = p.requiredString("CommId", "MissingParameter.CommId");
        long start = p.requiredTime("StartTime", "MissingParameter.StartTs");
        long end = p.requiredTime("EndTime", "MissingParameter.EndTs");
        List<String> userIds = p.stringArray("UserIds");
        List<String> dataTypes = p.stringArray("DataType");
        Long pageNumber = p.pageParam("PageNumber");
        Long pageSize = p.pageParam("PageSize");

        if (sdkAppId != knownSdkAppId) {
            throw new ApiError("InvalidParameter.SdkAppId", "SdkAppId " + sdkAppId
                    + " is not an application of this account.");
        }
        if (end < start) {
            throw new ApiError("InvalidParameter.StartTs", "StartTime " + start + " is after EndTime " + end + ".");
        }
        if (userIds.size() > MAX_USERS) {
            throw new ApiError("InvalidParameter.UserIdsMorethanSix", "UserIds lists " + userIds.size()
                    + " users; at most " + MAX_USERS + " are allowed.");
        }
        List<String> metrics = metrics(dataTypes, generation);
        boolean oversize = false;
        long window = settings.windowSeconds(start, end);
        long maxWindow = metrics.isEmpty() ? settings.userListWindow().toSeconds() : settings.dataWindow().toSeconds();
        if (window > maxWindow) {
            if (generation == ApiGeneration.SUCCESSOR
                    && settings.oversizeWindow() == SimulatorSettings.OversizeWindow.EMPTY_RESULT) {
                oversize = true;
            } else {
                throw new ApiError("InvalidParameter.QueryScaleOversize", "The window EndTime - StartTime is "
                        + window + " s; at most " + maxWindow + " s is allowed"
                        + (metrics.isEmpty() ? " for a user-list query." : " when DataType is set."));
            }
        }
        if (pageNumber != null && pageNumber < 0) {
            throw new ApiError("InvalidParameter.PageNumber", "PageNumber " + pageNumber
                    + " is negative; pages are counted from 0.");
        }
        if (pageSize != null) {
            if (pageSize > MAX_PAGE_SIZE) {
                throw new ApiError("InvalidParameter.PageSizeOversize", "PageSize " + pageSize
                        + " exceeds " + MAX_PAGE_SIZE + ".");
            }
            if (pageSize < 1) {
                throw new ApiError("InvalidParameter.PageSize", "PageSize " + pageSize + " must be at least 1.");
            }
            if (pageSize > MAX_USERS && (!dataTypes.isEmpty() || !userIds.isEmpty())) {
                throw new ApiError("InvalidParameter.PageSize", "PageSize " + pageSize + " exceeds " + MAX_USERS
                        + ", the limit when DataType or UserIds is set.");
            }
        }
        long oldest = now - settings.lookback().toSeconds();
        if (start < oldest) {
            throw new ApiError(generation == ApiGeneration.SEED ? "InvalidParameter.StartTsOversize"
                    : "InvalidParameter.StartTimeExpire", "StartTime " + start + " is more than "
                    + settings.lookback().toDays() + " days before now (" + now + "); the oldest allowed is "
                    + oldest + ".");
        }
        // The docs: if either is absent, the first 6 entries.
        boolean paged = pageNumber != null && pageSize != null;
        return new CallDetailQuery(generation, sdkAppId, commId, start, end, List.copyOf(new LinkedHashSet<>(userIds)),
                metrics, paged ? Math.toIntExact(Math.min(pageNumber, Integer.MAX_VALUE)) : 0,
                paged ? pageSize.intValue() : DEFAULT_PAGE_SIZE, oversize);
    }

    /** Expands {@code all}, drops repeats, and refuses names the generation does not serve. */
    private static List<String> metrics(List<String> dataTypes, ApiGeneration generation) throws ApiError {
        List<String> served = Metrics.served(generation);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String d : dataTypes) {
            if (Metrics.ALL.equals(d)) {
                out.addAll(served);
            } else if (served.contains(d)) {
                out.add(d);
            } else if (Metrics.SUCCESSOR_ONLY.contains(d)) {
                throw new ApiError("InvalidParameterValue", "DataType `" + d + "` is served only by "
                        + ApiGeneration.SUCCESSOR.callDetailAction() + ", not " + generation.callDetailAction() + ".");
            } else {
                throw new ApiError("InvalidParameterValue", "DataType `" + d + "` is not a metric; valid values: "
                        + Metrics.ALL + ", " + String.join(", ", served) + ".");
            }
        }
        return new ArrayList<>(out);
    }
}
