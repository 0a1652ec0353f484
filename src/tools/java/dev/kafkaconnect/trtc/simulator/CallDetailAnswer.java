package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to a valid call-detail query. The user page is chosen up front (it is small); the {@code Data} points
 * are computed while the JSON streams out, so a maximal answer never exists in memory as a whole. Points are those
 * in [{@code StartTime}, {@code EndTime}], or after {@code StartTime} when the settings make it exclusive.
 */
final class CallDetailAnswer {
    private CallDetailAnswer() {
    }

    /**
     * The answer, malformed as {@code malformed} says when it is not null; with {@code orderShifted}, the first
     * user of the window's order is listed last.
     */
    static ResponseFields of(CallDetailQuery q, SimulatedCall call, long now, long visibleUntil,
                             SimulatorSettings settings, MetricModel model, Malformation malformed,
                             boolean orderShifted) {
        boolean asStrings = settings.numbers() == SimulatorSettings.Numbers.AS_STRINGS;
        if (call == null || q.oversizeAsEmpty()) {
            return empty(settings, asStrings);
        }
        List<UserListing.Entry> listed = UserListing.list(call, settings.userListMode(), settings.listedStay(),
                q.startTime(),
                q.endTime(), now);
        if (!q.userIds().isEmpty()) {
            Set<String> wanted = new HashSet<>(q.userIds());
            listed = listed.stream().filter(e -> wanted.contains(e.user().userId())).toList();
        }
        if (orderShifted && listed.size() > 1) {
            List<UserListing.Entry> rotated = new java.util.ArrayList<>(listed.subList(1, listed.size()));
            rotated.add(listed.get(0));
            listed = rotated;
        }
        long from = (long) q.pageNumber() * q.pageSize();
        List<UserListing.Entry> page = from >= listed.size() ? List.of()
                : listed.subList((int) from, (int) Math.min(listed.size(), from + q.pageSize()));
        int total = settings.callTotal() == SimulatorSettings.CallTotal.PAGE ? page.size() : listed.size();
        long firstPoint = settings.firstServed(q.startTime());
        return g -> {
            boolean omitted = settings.userListOmitted();
            Writer w = new Writer(g, asStrings, malformed == Malformation.POINT_WITHOUT_TIME);
            if (malformed != Malformation.TOTAL_MISSING) {
                JsonNumbers.field(g, "Total", total, asStrings);
            }
            if (malformed == Malformation.WRONG_TYPE) {
                g.writeStringField("UserList", page.isEmpty() ? "" : page.get(0).user().userId());
            } else if ((page.isEmpty() || omitted) && settings.emptyList() == SimulatorSettings.EmptyList.NULL) {
                g.writeNullField("UserList");
            } else {
                g.writeArrayFieldStart("UserList");
                for (UserListing.Entry e : omitted ? List.<UserListing.Entry>of() : page) {
                    w.user(call, e, now);
                }
                g.writeEndArray();
            }
            if (!q.withData() && settings.emptyList() == SimulatorSettings.EmptyList.NULL && !w.dropTime) {
                g.writeNullField("Data");
            } else {
                g.writeArrayFieldStart("Data");
                Set<String> written = new HashSet<>();
                for (UserListing.Entry e : page) {
                    if (!written.add(e.user().userId())) {
                        continue;
                    }
                    for (SeriesTimes s : CallSeries.of(call, e.user(), q.metrics(), firstPoint, q.endTime(), now,
                            visibleUntil)) {
                        w.series(call.commId(), s, model);
                    }
                }
                if (w.dropTime) {
                    // No point was written: a series of one point without Time carries the malformation.
                    String user = page.isEmpty() ? call.creatorUserId() : page.get(0).user().userId();
                    g.writeStartObject();
                    g.writeArrayFieldStart("Content");
                    g.writeStartObject();
                    g.writeFieldName("Value");
                    JsonNumbers.write(g, 0, asStrings);
                    g.writeEndObject();
                    g.writeEndArray();
                    g.writeStringField("PeerId", "");
                    g.writeStringField("UserId", user);
                    g.writeStringField("DataType", "appCpu");
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        };
    }

    private static ResponseFields empty(SimulatorSettings settings, boolean asStrings) {
        return g -> {
            JsonNumbers.field(g, "Total", 0, asStrings);
            if (settings.emptyList() == SimulatorSettings.EmptyList.NULL) {
                g.writeNullField("UserList");
                g.writeNullField("Data");
            } else {
                g.writeArrayFieldStart("UserList");
                g.writeEndArray();
                g.writeArrayFieldStart("Data");
                g.writeEndArray();
            }
        };
    }

    /** Writes users and series in the answer's number style; drops the first point's Time when asked to. */
    private static final class Writer {
        private final JsonGenerator g;
        private final boolean asStrings;
        /** Still to drop the Time of the next point written (a malformed answer). */
        boolean dropTime;

        Writer(JsonGenerator g, boolean asStrings, boolean dropTime) {
            this.g = g;
            this.asStrings = asStrings;
            this.dropTime = dropTime;
        }

        void user(SimulatedCall call, UserListing.Entry e, long now) throws IOException {
            SimulatedUser u = e.user();
            g.writeStartObject();
            g.writeStringField("RoomStr", call.roomString());
            g.writeStringField("UserId", u.userId());
            JsonNumbers.field(g, "JoinTs", e.stay().joinSec(), asStrings);
            JsonNumbers.field(g, "LeaveTs", e.stay().leaveAsOf(now), asStrings);
            g.writeBooleanField("Finished", !e.stay().openAt(now));
            g.writeStringField("DeviceType", u.deviceType());
            g.writeStringField("SdkVersion", u.sdkVersion());
            g.writeStringField("ClientIp", u.clientIp());
            g.writeEndObject();
        }

        /** Field order follows the seed page's example: Content first. */
        void series(String commId, SeriesTimes s, MetricModel model) throws IOException {
            MetricModel.Series values = model.series(commId, s.userId(), s.peerId(), s.metric());
            g.writeStartObject();
            g.writeArrayFieldStart("Content");
            for (long t : s.times()) {
                g.writeStartObject();
                if (dropTime) {
                    dropTime = false;
                } else {
                    JsonNumbers.field(g, "Time", t, asStrings);
                }
                g.writeFieldName("Value");
                JsonNumbers.write(g, values.valueAt(t), asStrings);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("PeerId", s.peerId() == null ? "" : s.peerId());
            g.writeStringField("UserId", s.userId());
            g.writeStringField("DataType", s.metric());
            g.writeEndObject();
        }
    }
}
