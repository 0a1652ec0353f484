package dev.kafkaconnect.trtc.api;

import java.util.List;

/** A room-list answer. {@code total} is unreliable (per page or overall, by server): page until a short page. */
public record RoomListResponse(int total, List<RoomInfo> rooms, String requestId) {
    public RoomListResponse {
        rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }
}
