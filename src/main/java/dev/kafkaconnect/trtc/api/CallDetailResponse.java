package dev.kafkaconnect.trtc.api;

import java.util.List;

/**
 * A successful call-detail answer. {@code userList} and {@code data} are empty when the server sent null or
 * omitted them; {@code userListPresent} tells the two apart where it matters.
 */
public record CallDetailResponse(
        int total,
        List<CallUser> userList,
        boolean userListPresent,
        List<QualitySeries> data,
        String requestId) {

    public CallDetailResponse {
        userList = userList == null ? List.of() : List.copyOf(userList);
        data = data == null ? List.of() : List.copyOf(data);
    }

    public long pointCount() {
        long n = 0;
        for (QualitySeries s : data) {
            n += s.size();
        }
        return n;
    }
}
