package dev.kafkaconnect.trtc.connector.offsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The user events' part of an offset (format version 4): {@code ueCursor}, {@code ueRoom}, and inside a batch
 * {@code ueFrom}, {@code ueUsers} and {@code ueLast}; {@code uePending}. Lists are strings holding JSON arrays,
 * since Connect allows only primitive offset values.
 */
final class UserEventCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UserEventCodec() {
    }

    /** The user events' position of {@code offset}; null when it has none. */
    static UserEventPosition position(Map<String, ?> offset) {
        if (offset.get(OffsetCodec.USER_EVENTS_CURSOR) == null) {
            for (String alone : List.of(OffsetCodec.USER_EVENTS_ROOM, OffsetCodec.USER_EVENTS_FROM,
                    OffsetCodec.USER_EVENTS_USERS, OffsetCodec.USER_EVENTS_LAST, OffsetCodec.USER_EVENTS_PENDING)) {
                if (offset.get(alone) != null) {
                    throw new IllegalArgumentException("source offset field '" + alone + "' needs '"
                            + OffsetCodec.USER_EVENTS_CURSOR + "'");
                }
            }
            return null;
        }
        long cursor = OffsetCodec.seconds(offset, OffsetCodec.USER_EVENTS_CURSOR, true);
        String room = offset.get(OffsetCodec.USER_EVENTS_ROOM) == null ? null
                : OffsetCodec.text(offset, OffsetCodec.USER_EVENTS_ROOM);
        long from = UserEventPosition.NO_BATCH;
        List<String> batch = List.of();
        if (offset.get(OffsetCodec.USER_EVENTS_FROM) != null || offset.get(OffsetCodec.USER_EVENTS_USERS) != null) {
            if (offset.get(OffsetCodec.USER_EVENTS_FROM) == null || offset.get(OffsetCodec.USER_EVENTS_USERS) == null) {
                throw new IllegalArgumentException("source offset fields '" + OffsetCodec.USER_EVENTS_FROM + "' and '"
                        + OffsetCodec.USER_EVENTS_USERS + "' name a batch of user events and go together");
            }
            from = OffsetCodec.seconds(offset, OffsetCodec.USER_EVENTS_FROM, true);
            batch = users(offset, OffsetCodec.USER_EVENTS_USERS);
            if (from >= cursor || batch.isEmpty()) {
                throw new IllegalArgumentException("source offset fields '" + OffsetCodec.USER_EVENTS_FROM + "' ("
                        + from + ") and '" + OffsetCodec.USER_EVENTS_USERS + "' must name a range before '"
                        + OffsetCodec.USER_EVENTS_CURSOR + "' (" + cursor + ") and at least one user");
            }
        }
        UserEventId last = null;
        if (offset.get(OffsetCodec.USER_EVENTS_LAST) != null) {
            if (from == UserEventPosition.NO_BATCH) {
                throw new IllegalArgumentException("source offset field '" + OffsetCodec.USER_EVENTS_LAST + "' needs '"
                        + OffsetCodec.USER_EVENTS_FROM + "' and '" + OffsetCodec.USER_EVENTS_USERS + "'");
            }
            last = last(offset.get(OffsetCodec.USER_EVENTS_LAST));
            if (last.timeMillis() < from * 1000 || last.timeMillis() >= cursor * 1000) {
                throw new IllegalArgumentException("source offset field '" + OffsetCodec.USER_EVENTS_LAST
                        + "' names an event at " + last.timeMillis() + " ms, outside the batch [" + from + ", "
                        + cursor + ") s");
            }
        }
        List<String> pending = offset.get(OffsetCodec.USER_EVENTS_PENDING) == null ? List.of()
                : users(offset, OffsetCodec.USER_EVENTS_PENDING);
        return new UserEventPosition(cursor, from, batch, last, new TreeSet<>(pending), room);
    }

    static String usersText(Collection<String> users) {
        ArrayNode array = JSON.createArrayNode();
        users.forEach(array::add);
        return write(array);
    }

    static String lastText(UserEventId id) {
        ArrayNode array = JSON.createArrayNode();
        array.add(id.timeMillis());
        if (id.peerId() == null) {
            array.addNull();
        } else {
            array.add(id.peerId());
        }
        array.add(id.eventId()).add(id.type()).add(id.paramOne()).add(id.paramTwo());
        return write(array);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a user events position", e);
        }
    }

    static List<String> users(Map<String, ?> offset, String key) {
        JsonNode array = parse(offset.get(key));
        List<String> users = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode u : array) {
                if (!u.isTextual() || u.asText().isEmpty()) {
                    array = null;
                    break;
                }
                users.add(u.asText());
            }
        }
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("source offset field '" + key + "' must be a string holding a JSON "
                    + "array of user ids, such as [\"u1\", \"u2\"], got " + offset.get(key));
        }
        return users;
    }

    private static UserEventId last(Object value) {
        JsonNode a = parse(value);
        boolean ok = a != null && a.isArray() && a.size() == 6 && a.get(0).isIntegralNumber()
                && (a.get(1).isNull() || a.get(1).isTextual());
        for (int i = 2; ok && i < 6; i++) {
            ok = a.get(i).isInt();
        }
        if (!ok) {
            throw new IllegalArgumentException("source offset field '" + OffsetCodec.USER_EVENTS_LAST + "' must be a "
                    + "string holding a JSON array [time ms, peer id or null, event id, type, param one, param two], "
                    + "got " + value);
        }
        return new UserEventId(a.get(0).asLong(), a.get(1).isNull() ? null : a.get(1).asText(), a.get(2).asInt(),
                a.get(3).asInt(), a.get(4).asInt(), a.get(5).asInt());
    }

    private static JsonNode parse(Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
