package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies of the actions, with each generation's parameter types: the seed sends {@code SdkAppId},
 * {@code PageNumber} and {@code PageSize} as strings, the successor as integers. The event actions exist in one
 * generation only and take integers for every parameter but the ids ({@code CommId}, {@code UserId},
 * {@code RoomId}).
 */
final class RequestBodies {
    static final JsonFactory JSON = new JsonFactory();

    private RequestBodies() {
    }

    static byte[] callDetail(ApiGeneration generation, CallDetailRequest request) {
        checkCommon(request.sdkAppId(), request.startTime(), request.endTime(), request.pageNumber(),
                request.pageSize());
        if (request.commId().isBlank()) {
            throw new IllegalArgumentException("CommId must not be blank");
        }
        return write(g -> {
            g.writeStringField("CommId", request.commId());
            g.writeNumberField("StartTime", request.startTime());
            g.writeNumberField("EndTime", request.endTime());
            writeTyped(g, generation, "SdkAppId", request.sdkAppId());
            writeArray(g, "UserIds", request.userIds());
            writeArray(g, "DataType", request.dataTypes());
            writePaging(g, generation, request.pageNumber(), request.pageSize());
        });
    }

    static byte[] roomList(ApiGeneration generation, RoomListRequest request) {
        checkCommon(request.sdkAppId(), request.startTime(), request.endTime(), request.pageNumber(),
                request.pageSize());
        return write(g -> {
            writeTyped(g, generation, "SdkAppId", request.sdkAppId());
            g.writeNumberField("StartTime", request.startTime());
            g.writeNumberField("EndTime", request.endTime());
            writePaging(g, generation, request.pageNumber(), request.pageSize());
        });
    }

    static byte[] userEvent(UserEventRequest request) {
        checkCommon(request.sdkAppId(), request.startTime(), request.endTime(), null, null);
        requireText(request.commId(), "CommId");
        requireText(request.roomId(), "RoomId");
        requireText(request.userId(), "UserId");
        return write(g -> {
            g.writeStringField("CommId", request.commId());
            g.writeNumberField("StartTime", request.startTime());
            g.writeNumberField("EndTime", request.endTime());
            g.writeStringField("UserId", request.userId());
            g.writeStringField("RoomId", request.roomId());
            g.writeNumberField("SdkAppId", request.sdkAppId());
        });
    }

    static byte[] unusualEvent(UnusualEventRequest request) {
        checkCommon(request.sdkAppId(), request.startTime(), request.endTime(), null, null);
        // Optional on some versions of the page and required on others: always sent, so it must be there.
        requireText(request.roomId(), "RoomId");
        return write(g -> {
            g.writeNumberField("SdkAppId", request.sdkAppId());
            g.writeNumberField("StartTime", request.startTime());
            g.writeNumberField("EndTime", request.endTime());
            g.writeStringField("RoomId", request.roomId());
        });
    }

    private static void requireText(String value, String name) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void checkCommon(long sdkAppId, long start, long end, Integer pageNumber, Integer pageSize) {
        if (sdkAppId <= 0) {
            throw new IllegalArgumentException("SdkAppId must be positive, got " + sdkAppId
                    + "; check trtc.sdk.app.id");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("StartTime " + start + " and EndTime " + end
                    + " do not form a window");
        }
        if (pageNumber != null && pageNumber < 0) {
            throw new IllegalArgumentException("PageNumber starts at 0, got " + pageNumber);
        }
        if (pageSize != null && pageSize < 1) {
            throw new IllegalArgumentException("PageSize must be at least 1, got " + pageSize);
        }
    }

    private static void writePaging(JsonGenerator g, ApiGeneration generation, Integer number, Integer size)
            throws IOException {
        if (number != null) {
            writeTyped(g, generation, "PageNumber", number);
        }
        if (size != null) {
            writeTyped(g, generation, "PageSize", size);
        }
    }

    private static void writeTyped(JsonGenerator g, ApiGeneration generation, String name, long value)
            throws IOException {
        if (generation.integerParams()) {
            g.writeNumberField(name, value);
        } else {
            g.writeStringField(name, Long.toString(value));
        }
    }

    private static void writeArray(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a request body to memory", e);
        }
        return out.toByteArray();
    }
}
