package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a room-list answer ({@code Total}, {@code RoomList}). */
final class RoomListReader implements ResponseReader.BodyReader<RoomListResponse> {
    private Integer total;
    private List<RoomInfo> rooms = List.of();

    @Override
    public boolean field(String name, JsonParser p) throws IOException, ShapeException {
        switch (name) {
            case "Total" -> total = CallDetailReader.totalOf(p);
            case "RoomList" -> rooms = readRooms(p);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public RoomListResponse result(String requestId) throws ShapeException {
        if (total == null) {
            throw new ShapeException("Total is missing");
        }
        return new RoomListResponse(total, rooms, requestId);
    }

    private static List<RoomInfo> readRooms(JsonParser p) throws IOException, ShapeException {
        if (!JsonValues.startArray(p)) {
            return List.of();
        }
        List<RoomInfo> rooms = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                rooms.add(readRoom(p));
            } catch (ShapeException e) {
                throw e.at("[" + rooms.size() + "]");
            }
        }
        return rooms;
    }

    private static RoomInfo readRoom(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String commId = null;
        String roomString = "";
        long createTime = 0;
        long destroyTime = 0;
        boolean finished = false;
        String creator = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "CommId" -> commId = JsonValues.string(p);
                    case "RoomString" -> roomString = JsonValues.string(p);
                    case "CreateTime" -> createTime = JsonValues.integerOrNull(p, 0);
                    case "DestroyTime" -> destroyTime = JsonValues.integerOrNull(p, 0);
                    case "IsFinished" -> finished = JsonValues.bool(p);
                    case "UserId" -> creator = JsonValues.string(p);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        if (commId == null || commId.isEmpty()) {
            throw new ShapeException("CommId is missing");
        }
        return new RoomInfo(commId, roomString, createTime, destroyTime, finished, creator);
    }
}
