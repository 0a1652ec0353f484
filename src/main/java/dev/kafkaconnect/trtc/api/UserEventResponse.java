package dev.kafkaconnect.trtc.api;

import java.util.List;

/**
 * A {@code DescribeUserEvent} answer: the user's events grouped by the sender they are about. {@code data} is empty
 * when the service sent an empty array, null or nothing.
 */
public record UserEventResponse(List<UserEventGroup> data, String requestId) {

    public UserEventResponse {
        data = data == null ? List.of() : List.copyOf(data);
    }

    public int eventCount() {
        int n = 0;
        for (UserEventGroup g : data) {
            n += g.events().size();
        }
        return n;
    }
}
