package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Reads a {@code DescribeUserEvent} answer ({@code Data}: groups of {@code PeerId} and {@code Content}). An event
 * needs its {@code Time} and {@code EventId}; an absent {@code Type} is 0 (not about video) and an absent parameter
 * is -1 (unused), as the docs define those values.
 */
final class UserEventReader implements ResponseReader.BodyReader<UserEventResponse> {
    private List<UserEventGroup> data = List.of();

    @Override
    public boolean field(String name, JsonParser p) throws IOException, ShapeException {
        if (!name.equals("Data")) {
            return false;
        }
        data = JsonValues.list(p, UserEventReader::readGroup);
        return true;
    }

    @Override
    public UserEventResponse result(String requestId) {
        return new UserEventResponse(data, requestId);
    }

    private static UserEventGroup readGroup(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String peerId = null;
        List<UserEvent> events = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "PeerId" -> peerId = JsonValues.string(p);
                    case "Content" -> events = JsonValues.list(p, UserEventReader::readEvent);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        return new UserEventGroup(peerId, events);
    }

    private static UserEvent readEvent(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        int type = 0;
        Long time = null;
        Integer eventId = null;
        int paramOne = UserEvent.UNUSED;
        int paramTwo = UserEvent.UNUSED;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                boolean isNull = p.currentToken() == JsonToken.VALUE_NULL;
                switch (name) {
                    case "Type" -> type = isNull ? 0 : JsonValues.int32(p);
                    case "Time" -> time = isNull ? null : JsonValues.integer(p);
                    case "EventId" -> eventId = isNull ? null : JsonValues.int32(p);
                    case "ParamOne" -> paramOne = isNull ? UserEvent.UNUSED : JsonValues.int32(p);
                    case "ParamTwo" -> paramTwo = isNull ? UserEvent.UNUSED : JsonValues.int32(p);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        if (time == null) {
            throw new ShapeException("Time is missing");
        }
        if (eventId == null) {
            throw new ShapeException("EventId is missing");
        }
        return new UserEvent(type, time, eventId, paramOne, paramTwo);
    }
}
