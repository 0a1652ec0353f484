package dev.kafkaconnect.trtc.api;

import java.util.List;
import java.util.Objects;

/**
 * One call-detail query. Times are unix seconds. {@code userIds} and {@code dataTypes} may be empty (not sent);
 * {@code pageNumber}/{@code pageSize} may be null (not sent). The client renders the generation's parameter types.
 */
public record CallDetailRequest(
        long sdkAppId,
        String commId,
        long startTime,
        long endTime,
        List<String> userIds,
        List<String> dataTypes,
        Integer pageNumber,
        Integer pageSize) {

    /** Longest window the service serves with {@code DataType} set, as documented. */
    public static final long MAX_WINDOW_SECONDS = 3600;
    /** Most users one page lists when {@code DataType} or {@code UserIds} is set. */
    public static final int MAX_PAGE_SIZE = 6;

    public CallDetailRequest {
        Objects.requireNonNull(commId, "commId");
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
        dataTypes = dataTypes == null ? List.of() : List.copyOf(dataTypes);
    }
}
