package dev.kafkaconnect.trtc.records;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Readable names of TRTC's event ids: user events (by id and parameters), abnormal experiences and their probable
 * causes. The names are data, kept beside this class as the tables TRTC publishes ({@code user-event-names.csv},
 * {@code experience-names.csv}, {@code abnormal-event-names.csv}, each naming its source page), so a table that
 * grows is a data change. An id the tables do not list has no name: records carry the number either way, so
 * nothing is dropped for want of a name.
 */
public final class EventNames {
    static final String USER_EVENTS = "user-event-names.csv";
    static final String EXPERIENCES = "experience-names.csv";
    static final String ABNORMAL_EVENTS = "abnormal-event-names.csv";
    private static final String ANY = "*";

    private static final class BuiltIn {
        static final EventNames TABLES = new EventNames(
                parseUserEvents(USER_EVENTS, read(USER_EVENTS)),
                parseIds(EXPERIENCES, read(EXPERIENCES)),
                parseIds(ABNORMAL_EVENTS, read(ABNORMAL_EVENTS)));
    }

    /** A user event pattern; a null parameter matches any value. */
    record UserEventKey(int eventId, Integer paramOne, Integer paramTwo) {
    }

    private final Map<UserEventKey, String> userEvents;
    private final Map<Integer, String> experiences;
    private final Map<Integer, String> abnormalEvents;

    EventNames(Map<UserEventKey, String> userEvents, Map<Integer, String> experiences,
               Map<Integer, String> abnormalEvents) {
        this.userEvents = Map.copyOf(userEvents);
        this.experiences = Map.copyOf(experiences);
        this.abnormalEvents = Map.copyOf(abnormalEvents);
    }

    /** The tables shipped in the plugin, read once. */
    public static EventNames builtIn() {
        return BuiltIn.TABLES;
    }

    /**
     * The name of a user event: the entry for its parameter values where the table tells them apart, else the
     * entry for the id whatever its parameters; null when the table lists neither.
     */
    public String userEvent(int eventId, int paramOne, int paramTwo) {
        String name = userEvents.get(new UserEventKey(eventId, paramOne, paramTwo));
        if (name == null) {
            name = userEvents.get(new UserEventKey(eventId, paramOne, null));
        }
        if (name == null) {
            name = userEvents.get(new UserEventKey(eventId, null, paramTwo));
        }
        if (name == null) {
            name = userEvents.get(new UserEventKey(eventId, null, null));
        }
        return name;
    }

    /** The name of an abnormal experience ({@code ExperienceId}); null when the table does not list it. */
    public String experience(int experienceId) {
        return experiences.get(experienceId);
    }

    /** The name of a probable cause ({@code AbnormalEventId}); null when the table does not list it. */
    public String abnormalEvent(int abnormalEventId) {
        return abnormalEvents.get(abnormalEventId);
    }

    int userEventEntries() {
        return userEvents.size();
    }

    int experienceEntries() {
        return experiences.size();
    }

    int abnormalEventEntries() {
        return abnormalEvents.size();
    }

    /** Lines {@code eventId,paramOne,paramTwo,name}; a parameter is a value or {@code *}. */
    static Map<UserEventKey, String> parseUserEvents(String source, List<String> lines) {
        Map<UserEventKey, String> names = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = cells(source, i, lines.get(i), 4);
            if (cells == null) {
                continue;
            }
            UserEventKey key = new UserEventKey(number(source, i, cells[0]), parameter(source, i, cells[1]),
                    parameter(source, i, cells[2]));
            put(names, key, cells[3], source, i);
        }
        return names;
    }

    /** Lines {@code id,name}. */
    static Map<Integer, String> parseIds(String source, List<String> lines) {
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = cells(source, i, lines.get(i), 2);
            if (cells != null) {
                put(names, number(source, i, cells[0]), cells[1], source, i);
            }
        }
        return names;
    }

    /** The cells of a data line (the last one takes the rest of the line), or null for a comment or blank line. */
    private static String[] cells(String source, int index, String line, int count) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] cells = trimmed.split(",", count);
        if (cells.length != count || cells[count - 1].isBlank()) {
            throw malformed(source, index, "expected " + count + " comma-separated cells, the last a name: " + line);
        }
        for (int c = 0; c < count; c++) {
            cells[c] = cells[c].strip();
        }
        return cells;
    }

    private static <K> void put(Map<K, String> names, K key, String name, String source, int index) {
        if (names.putIfAbsent(key, name) != null) {
            throw malformed(source, index, "a second name for " + key + ": " + name);
        }
    }

    private static Integer parameter(String source, int index, String cell) {
        return ANY.equals(cell) ? null : number(source, index, cell);
    }

    private static int number(String source, int index, String cell) {
        try {
            return Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw malformed(source, index, "not a number: '" + cell + "'");
        }
    }

    private static IllegalStateException malformed(String source, int index, String what) {
        return new IllegalStateException("event name table " + source + ", line " + (index + 1) + ": " + what);
    }

    private static List<String> read(String resource) {
        try (InputStream in = EventNames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("event name table " + resource + " missing from the plugin jar");
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event name table " + resource, e);
        }
    }
}
