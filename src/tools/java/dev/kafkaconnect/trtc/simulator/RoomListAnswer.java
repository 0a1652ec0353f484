package dev.kafkaconnect.trtc.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The answer to a valid room-list query: rooms created in the window (or active in it), in creation order, paged;
 * with {@code StartTime} exclusive ({@link SimulatorSettings.StartTime}) the window begins a second after it.
 * {@code Total} is the count on this page unless the settings ask for the overall count, so clients that trust
 * it are caught out. Vanished calls are not listed.
 */
final class RoomListAnswer {
    private RoomListAnswer() {
    }

    static ResponseFields of(RoomListQuery q, CallRegistry calls, long now, SimulatorSettings settings,
                             Predicate<String> vanished) {
        long to = Math.min(q.endTime(), now); // rooms not yet created do not exist
        boolean byActivity = settings.roomFilter() == SimulatorSettings.RoomFilter.ACTIVE_IN_WINDOW;
        long from = settings.firstServed(q.startTime());
        Iterable<SimulatedCall> candidates = byActivity ? calls.createdUpTo(to) : calls.createdBetween(from, to);
        long skip = (long) q.pageNumber() * q.pageSize();
        List<SimulatedCall> page = new ArrayList<>(Math.min(q.pageSize(), 100));
        long matching = 0;
        for (SimulatedCall c : candidates) {
            if (byActivity && c.activeUntil(now) < from) {
                continue;
            }
            if (q.roomId() != null && !q.roomId().equals(c.roomString()) || vanished.test(c.commId())) {
                continue;
            }
            if (matching >= skip && page.size() < q.pageSize()) {
                page.add(c);
            }
            matching++;
        }
        long total = settings.roomTotal() == SimulatorSettings.RoomTotal.OVERALL ? matching : page.size();
        boolean asStrings = settings.numbers() == SimulatorSettings.Numbers.AS_STRINGS;
        return g -> {
            JsonNumbers.field(g, "Total", total, asStrings);
            g.writeArrayFieldStart("RoomList");
            for (SimulatedCall c : page) {
                g.writeStartObject();
                g.writeStringField("CommId", c.commId());
                g.writeStringField("RoomString", c.roomString());
                JsonNumbers.field(g, "CreateTime", c.createTime(), asStrings);
                JsonNumbers.field(g, "DestroyTime", c.destroyTime(now), asStrings);
                g.writeBooleanField("IsFinished", c.isFinished(now));
                g.writeStringField("UserId", c.creatorUserId());
                g.writeEndObject();
            }
            g.writeEndArray();
        };
    }
}
