package dev.kafkaconnect.trtc.api;

import java.util.List;

/**
 * One {@code EventList} entry: events about the sender {@code peerId}. The service may label the user's own events
 * with the user's id or with an empty one; an empty or absent id is null here, so {@link #aboutOwnUplink} answers
 * for both readings.
 */
public record UserEventGroup(String peerId, List<UserEvent> events) {

    public UserEventGroup {
        peerId = peerId == null || peerId.isEmpty() ? null : peerId;
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Whether these are the queried user's own events rather than events about a remote user's stream. */
    public boolean aboutOwnUplink(String userId) {
        return peerId == null || peerId.equals(userId);
    }
}
