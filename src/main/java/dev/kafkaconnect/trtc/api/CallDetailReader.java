package dev.kafkaconnect.trtc.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a call-detail answer ({@code Total}, {@code UserList}, {@code Data}) into the compact domain objects.
 * Points go into one pair of primitive scratch arrays shared by all series of the answer (grown by half when a
 * series is longer than any before), and each series keeps an exact-size copy: a large answer costs its 16 bytes
 * a point and little more.
 */
final class CallDetailReader implements ResponseReader.BodyReader<CallDetailResponse> {
    private static final int INITIAL_POINTS = 32;

    private Integer total;
    private List<CallUser> users = List.of();
    private boolean usersPresent;
    private List<QualitySeries> data = List.of();
    private final Points points = new Points();

    @Override
    public boolean field(String name, JsonParser p) throws IOException, ShapeException {
        switch (name) {
            case "Total" -> total = totalOf(p);
            case "UserList" -> {
                usersPresent = p.currentToken() != JsonToken.VALUE_NULL;
                users = readUsers(p);
            }
            case "Data" -> data = readData(p);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public CallDetailResponse result(String requestId) throws ShapeException {
        if (total == null) {
            throw new ShapeException("Total is missing");
        }
        return new CallDetailResponse(total, users, usersPresent, data, requestId);
    }

    static int totalOf(JsonParser p) throws IOException, ShapeException {
        long n = JsonValues.integer(p);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new ShapeException("not a count: " + n);
        }
        return (int) n;
    }

    private static List<CallUser> readUsers(JsonParser p) throws IOException, ShapeException {
        if (!JsonValues.startArray(p)) {
            return List.of();
        }
        List<CallUser> users = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                users.add(readUser(p));
            } catch (ShapeException e) {
                throw e.at("[" + users.size() + "]");
            }
        }
        return users;
    }

    private static CallUser readUser(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String roomStr = "";
        String userId = null;
        long joinTs = 0;
        long leaveTs = 0;
        boolean finished = false;
        String deviceType = "";
        String sdkVersion = "";
        String clientIp = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "RoomStr" -> roomStr = JsonValues.string(p);
                    case "UserId" -> userId = JsonValues.string(p);
                    case "JoinTs" -> joinTs = JsonValues.integerOrNull(p, 0);
                    case "LeaveTs" -> leaveTs = JsonValues.integerOrNull(p, 0);
                    case "Finished" -> finished = JsonValues.bool(p);
                    case "DeviceType" -> deviceType = JsonValues.string(p);
                    case "SdkVersion" -> sdkVersion = JsonValues.string(p);
                    case "ClientIp" -> clientIp = JsonValues.string(p);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        if (userId == null || userId.isEmpty()) {
            throw new ShapeException("UserId is missing");
        }
        return new CallUser(roomStr, userId, joinTs, leaveTs, finished, deviceType, sdkVersion, clientIp);
    }

    private List<QualitySeries> readData(JsonParser p) throws IOException, ShapeException {
        if (!JsonValues.startArray(p)) {
            return List.of();
        }
        List<QualitySeries> series = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            try {
                series.add(readSeries(p));
            } catch (ShapeException e) {
                throw e.at("[" + series.size() + "]");
            }
        }
        return series;
    }

    private QualitySeries readSeries(JsonParser p) throws IOException, ShapeException {
        JsonValues.startObject(p);
        String userId = null;
        String peerId = null;
        String dataType = null;
        points.size = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            try {
                switch (name) {
                    case "UserId" -> userId = JsonValues.string(p);
                    case "PeerId" -> peerId = JsonValues.string(p);
                    case "DataType" -> dataType = JsonValues.string(p);
                    case "Content" -> points.read(p);
                    default -> p.skipChildren();
                }
            } catch (ShapeException e) {
                throw e.at(name);
            }
        }
        if (userId == null || userId.isEmpty()) {
            throw new ShapeException("UserId is missing");
        }
        if (dataType == null || dataType.isEmpty()) {
            throw new ShapeException("DataType is missing");
        }
        return new QualitySeries(userId, peerId, dataType, Arrays.copyOf(points.times, points.size),
                Arrays.copyOf(points.values, points.size), points.size);
    }

    /** A growing pair of primitive arrays, reused from series to series. */
    private static final class Points {
        long[] times = new long[0];
        double[] values = new double[0];
        int size;

        void read(JsonParser p) throws IOException, ShapeException {
            if (!JsonValues.startArray(p)) {
                return;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                try {
                    readPoint(p);
                } catch (ShapeException e) {
                    throw e.at("[" + index + "]");
                }
                index++;
            }
        }

        private void readPoint(JsonParser p) throws IOException, ShapeException {
            JsonValues.startObject(p);
            boolean hasTime = false;
            long time = 0;
            boolean hasValue = false;
            double value = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                try {
                    switch (name) {
                        case "Time" -> {
                            time = JsonValues.integer(p);
                            hasTime = true;
                        }
                        case "Value" -> {
                            // A null value is a sample the service did not measure: there is no point to emit.
                            hasValue = p.currentToken() != JsonToken.VALUE_NULL;
                            if (hasValue) {
                                value = JsonValues.number(p);
                            }
                        }
                        default -> p.skipChildren();
                    }
                } catch (ShapeException e) {
                    throw e.at(name);
                }
            }
            if (!hasTime) {
                throw new ShapeException("Time is missing");
            }
            if (hasValue) {
                add(time, value);
            }
        }

        private void add(long time, double value) {
            if (size == times.length) {
                int capacity = times.length == 0 ? INITIAL_POINTS : times.length + (times.length >> 1);
                times = Arrays.copyOf(times, capacity);
                values = Arrays.copyOf(values, capacity);
            }
            times[size] = time;
            values[size] = value;
            size++;
        }
    }
}
