package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Reads a {@code DescribeUnusualEvent} answer ({@code Total}, {@code AbnormalExperienceList}). An experience needs
 * its {@code UserId}, {@code ExperienceId} and {@code EventTime}, a cause its {@code AbnormalEventId}: without them
 * there is nothing to report.
 */
final class UnusualEventReader implements ResponseReader.BodyReader<UnusualEventResponse> {
    private Integer total;
    private List<AbnormalExperience> experiences = List.of();

    @Override
    public boolean field(String name, JsonParser p) throws IOException, ShapeException {
        switch (name) {
            case "Total" -> total = CallDetailReader.totalOf(p);
            case "AbnormalExperienceList" -> experiences = JsonValues.list(p, UnusualEventReader::readExperience);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public UnusualEventResponse result(String requestId) throws ShapeException {
        if (total == null) {
            throw new ShapeException("Total is missing");
        }
        return new UnusualEventResponse(total, experiences, requestId);
    }

    private static AbnormalExperience readExperience(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String userId = null;
        Integer experienceId = null;
        String roomId = "";
        Long eventTime = null;
        List<AbnormalEvent> causes = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                boolean isNull = p.currentToken() == JsonToken.VALUE_NULL;
                switch (name) {
                    case "UserId" -> userId = JsonValues.string(p);
                    case "ExperienceId" -> experienceId = isNull ? null : JsonValues.int32(p);
                    case "RoomId" -> roomId = JsonValues.string(p);
                    case "EventTime" -> eventTime = isNull ? null : JsonValues.integer(p);
                    case "AbnormalEventList" -> causes = JsonValues.list(p, UnusualEventReader::readCause);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        if (userId == null || userId.isEmpty()) {
            throw new ShapeException("UserId is missing");
        }
        if (experienceId == null) {
            throw new ShapeException("ExperienceId is missing");
        }
        if (eventTime == null) {
            throw new ShapeException("EventTime is missing");
        }
        return new AbnormalExperience(userId, experienceId, roomId, eventTime, causes);
    }

    private static AbnormalEvent readCause(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        Integer id = null;
        String peerId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "AbnormalEventId" -> id = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : JsonValues.int32(p);
                    case "PeerId" -> peerId = JsonValues.string(p);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        if (id == null) {
            throw new ShapeException("AbnormalEventId is missing");
        }
        return new AbnormalEvent(id, peerId);
    }
}
