package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The answers of the event actions, in the settings' styles (numbers as strings, empty lists as null, the user's
 * own {@code PeerId}, the unit of {@code EventTime}), and the "any 20" sample of abnormal experiences.
 */
final class EventAnswers {
    private EventAnswers() {
    }

    /**
     * {@code Data}: one {@code EventList} per sender the events are about, the user's own first, then peers in the
     * order {@code events} lists them (call order); events in time order within each.
     */
    static ResponseFields userEvents(List<GroundTruth.UserEvent> events, String userId, SimulatorSettings settings) {
        boolean asStrings = settings.numbers() == SimulatorSettings.Numbers.AS_STRINGS;
        String ownPeerId = settings.ownPeerId() == SimulatorSettings.OwnPeerId.SELF ? userId : "";
        Map<String, List<GroundTruth.UserEvent>> groups = new java.util.LinkedHashMap<>();
        for (GroundTruth.UserEvent e : events) {
            groups.computeIfAbsent(e.peerId() == null ? "\u0000own" : e.peerId(), k -> new ArrayList<>()).add(e);
        }
        return g -> {
            if (groups.isEmpty() && settings.emptyList() == SimulatorSettings.EmptyList.NULL) {
                g.writeNullField("Data");
                return;
            }
            g.writeArrayFieldStart("Data");
            for (List<GroundTruth.UserEvent> group : groups.values()) {
                String peer = group.get(0).peerId();
                g.writeStartObject();
                g.writeStringField("PeerId", peer == null ? ownPeerId : peer);
                g.writeArrayFieldStart("Content");
                for (GroundTruth.UserEvent e : group) {
                    g.writeStartObject();
                    JsonNumbers.field(g, "Type", e.type(), asStrings);
                    JsonNumbers.field(g, "Time", e.timeMillis(), asStrings);
                    JsonNumbers.field(g, "EventId", e.eventId(), asStrings);
                    JsonNumbers.field(g, "ParamOne", e.paramOne(), asStrings);
                    JsonNumbers.field(g, "ParamTwo", e.paramTwo(), asStrings);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
        };
    }

    /** {@code Total} (the number returned) and {@code AbnormalExperienceList}. */
    static ResponseFields unusualEvents(List<GroundTruth.Experience> chosen, SimulatorSettings settings) {
        boolean asStrings = settings.numbers() == SimulatorSettings.Numbers.AS_STRINGS;
        ToLongFunction<GroundTruth.Experience> eventTime =
                settings.eventTimeUnit() == SimulatorSettings.EventTimeUnit.MILLIS
                        ? GroundTruth.Experience::timeMillis : GroundTruth.Experience::timeSec;
        return g -> {
            JsonNumbers.field(g, "Total", chosen.size(), asStrings);
            if (chosen.isEmpty() && settings.emptyList() == SimulatorSettings.EmptyList.NULL) {
                g.writeNullField("AbnormalExperienceList");
                return;
            }
            g.writeArrayFieldStart("AbnormalExperienceList");
            for (GroundTruth.Experience e : chosen) {
                g.writeStartObject();
                g.writeStringField("UserId", e.userId());
                JsonNumbers.field(g, "ExperienceId", e.experienceId(), asStrings);
                g.writeStringField("RoomId", e.roomId());
                g.writeArrayFieldStart("AbnormalEventList");
                for (GroundTruth.Cause c : e.causes()) {
                    writeCause(g, c, asStrings);
                }
                g.writeEndArray();
                JsonNumbers.field(g, "EventTime", eventTime.applyAsLong(e), asStrings);
                g.writeEndObject();
            }
            g.writeEndArray();
        };
    }

    private static void writeCause(JsonGenerator g, GroundTruth.Cause c, boolean asStrings) throws IOException {
        g.writeStartObject();
        JsonNumbers.field(g, "AbnormalEventId", c.abnormalEventId(), asStrings);
        g.writeStringField("PeerId", c.peerId() == null ? "" : c.peerId());
        g.writeEndObject();
    }

    /**
     * At most {@code max} of {@code all}, as the service returns "any" of them: all when they fit, else those that
     * rank first by a hash of {@code key} and the experience (the same query gets the same sample; another window
     * another one, spread over the window rather than its beginning), in time order.
     */
    static List<GroundTruth.Experience> any(List<GroundTruth.Experience> all, int max, long key) {
        if (all.size() <= max) {
            return all;
        }
        Comparator<GroundTruth.Experience> byDraw = Comparator.comparingLong(e -> Hashing.of(Hashing.of(
                Hashing.of(Hashing.of(key, e.commId()), e.userId()), e.timeMillis()), e.experienceId()));
        List<GroundTruth.Experience> chosen = new ArrayList<>(all.stream().sorted(byDraw.thenComparing(
                ExperienceModel.ORDER)).limit(max).toList());
        chosen.sort(ExperienceModel.ORDER);
        return chosen;
    }
}
