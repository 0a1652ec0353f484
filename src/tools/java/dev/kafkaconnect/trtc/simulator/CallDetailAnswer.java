package dev.kafkaconnect.trtc.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer to a valid call-detail query. The user page is chosen up front (it is small); the {@code Data} points
 * are computed while the JSON streams out, so a maximal answer never exists in memory as a whole.
 */
final class CallDetailAnswer {
    private CallDetailAnswer() {
    }

    static ResponseFields of(CallDetailQuery q, SimulatedCall call, long now, long visibleUntil,
                             SimulatorSettings settings, MetricModel model) {
        if (call == null || q.oversizeAsEmpty()) {
            return empty(settings);
        }
        List<UserListing.Entry> listed = UserListing.list(call, settings.userListMode(), settings.listedStay(),
                q.startTime(),
                q.endTime(), now);
        if (!q.userIds().isEmpty()) {
            Set<String> wanted = new HashSet<>(q.userIds());
            listed = listed.stream().filter(e -> wanted.contains(e.user().userId())).toList();
        }
        long from = (long) q.pageNumber() * q.pageSize();
        List<UserListing.Entry> page = from >= listed.size() ? List.of()
                : listed.subList((int) from, (int) Math.min(listed.size(), from + q.pageSize()));
        int total = settings.callTotal() == SimulatorSettings.CallTotal.PAGE ? page.size() : listed.size();
        return g -> {
            g.writeNumberField("Total", total);
            boolean omitted = settings.userListOmitted();
            if ((page.isEmpty() || omitted) && settings.emptyList() == SimulatorSettings.EmptyList.NULL) {
                g.writeNullField("UserList");
            } else {
                g.writeArrayFieldStart("UserList");
                for (UserListing.Entry e : omitted ? List.<UserListing.Entry>of() : page) {
                    writeUser(g, call, e, now);
                }
                g.writeEndArray();
            }
            if (!q.withData() && settings.emptyList() == SimulatorSettings.EmptyList.NULL) {
                g.writeNullField("Data");
            } else {
                g.writeArrayFieldStart("Data");
                Set<String> written = new HashSet<>();
                for (UserListing.Entry e : page) {
                    if (!written.add(e.user().userId())) {
                        continue;
                    }
                    for (SeriesTimes s : CallSeries.of(call, e.user(), q.metrics(), q.startTime(), q.endTime(), now,
                            visibleUntil)) {
                        writeSeries(g, call.commId(), s, model);
                    }
                }
                g.writeEndArray();
            }
        };
    }

    private static ResponseFields empty(SimulatorSettings settings) {
        return g -> {
            g.writeNumberField("Total", 0);
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

    private static void writeUser(JsonGenerator g, SimulatedCall call, UserListing.Entry e, long now)
            throws IOException {
        SimulatedUser u = e.user();
        g.writeStartObject();
        g.writeStringField("RoomStr", call.roomString());
        g.writeStringField("UserId", u.userId());
        g.writeNumberField("JoinTs", e.stay().joinSec());
        g.writeNumberField("LeaveTs", e.stay().leaveAsOf(now));
        g.writeBooleanField("Finished", !e.stay().openAt(now));
        g.writeStringField("DeviceType", u.deviceType());
        g.writeStringField("SdkVersion", u.sdkVersion());
        g.writeStringField("ClientIp", u.clientIp());
        g.writeEndObject();
    }

    /** Field order follows the seed page's example: Content first. */
    private static void writeSeries(JsonGenerator g, String commId, SeriesTimes s, MetricModel model)
            throws IOException {
        MetricModel.Series values = model.series(commId, s.userId(), s.peerId(), s.metric());
        g.writeStartObject();
        g.writeArrayFieldStart("Content");
        for (long t : s.times()) {
            g.writeStartObject();
            g.writeNumberField("Time", t);
            g.writeFieldName("Value");
            JsonNumbers.write(g, values.valueAt(t));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("PeerId", s.peerId() == null ? "" : s.peerId());
        g.writeStringField("UserId", s.userId());
        g.writeStringField("DataType", s.metric());
        g.writeEndObject();
    }
}
