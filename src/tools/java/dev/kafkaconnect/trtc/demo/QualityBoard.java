package dev.kafkaconnect.trtc.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest quality of every user of every call, from the samples read so far. A user is marked bad when, in
 * its latest samples, audio loss is above {@value #MAX_LOSS_PERCENT} %, the captured video frame rate is below
 * {@value #MIN_FPS} fps (while video is sent), or audio blocked at all ({@code aBlock} above 0 ms).
 */
final class QualityBoard {
    static final double MAX_LOSS_PERCENT = 10;
    static final double MIN_FPS = 10;

    private final Map<String, Map<String, UserQuality>> calls = new TreeMap<>();

    synchronized void record(String commId, String userId, String peerId, String metric, long timeMs,
                             double value) {
        UserQuality user = calls.computeIfAbsent(commId, c -> new TreeMap<>())
                .computeIfAbsent(userId, u -> new UserQuality());
        // Uplink for the user's own sending; downlink (from any peer) for what it receives.
        String slot = (peerId == null ? "up:" : "down:") + metric;
        user.latest.merge(slot, new Sample(timeMs, value), (old, now) -> now.timeMs >= old.timeMs ? now : old);
    }

    /** An abnormal experience TRTC diagnosed for the user ({@code name}); the latest is shown. */
    synchronized void experience(String commId, String userId, String name, long timeMs) {
        UserQuality user = calls.computeIfAbsent(commId, c -> new TreeMap<>())
                .computeIfAbsent(userId, u -> new UserQuality());
        if (user.experience == null || timeMs >= user.experienceTimeMs) {
            user.experience = name;
            user.experienceTimeMs = timeMs;
        }
    }

    /** An event of the user's timeline ({@code name}); the latest is shown. */
    synchronized void userEvent(String commId, String userId, String name, long timeMs) {
        UserQuality user = calls.computeIfAbsent(commId, c -> new TreeMap<>())
                .computeIfAbsent(userId, u -> new UserQuality());
        if (user.event == null || timeMs >= user.eventTimeMs) {
            user.event = name;
            user.eventTimeMs = timeMs;
        }
    }

    synchronized int participants() {
        return calls.values().stream().mapToInt(Map::size).sum();
    }

    synchronized int calls() {
        return calls.size();
    }

    /** One line per user of the given calls (all calls when empty), bad ones marked with {@code !}. */
    synchronized List<String> lines(java.util.Collection<String> onlyCalls, int maxLines) {
        List<String> out = new ArrayList<>();
        out.add(String.format("  %-36s %-12s %9s %9s %9s %9s %6s %6s %5s %-9s %-40s %s", "call", "user", "aBit up",
                "aBit dn", "vBit up", "vBit dn", "loss%", "block", "fps", "res", "last event",
                "last abnormal experience"));
        for (var call : calls.entrySet()) {
            if (!onlyCalls.isEmpty() && !onlyCalls.contains(call.getKey())) {
                continue;
            }
            for (var user : call.getValue().entrySet()) {
                if (out.size() > maxLines) {
                    out.add("  ... (more users)");
                    return out;
                }
                UserQuality q = user.getValue();
                out.add(String.format("%s %-36s %-12s %9s %9s %9s %9s %6s %6s %5s %-9s %-40s %s", q.bad() ? "!" : " ",
                        clip(call.getKey(), 36), clip(user.getKey(), 12), kbps(q.get("up:aBit")),
                        kbps(q.get("down:aBit")), kbps(q.get("up:bigvBit")), kbps(q.get("down:bigvBit")),
                        num(q.get("up:aLoss")), num(q.get("up:aBlock")), num(q.get("up:bigvCapFps")),
                        resolution(q), latest(q.event, q.eventTimeMs), latest(q.experience, q.experienceTimeMs)));
            }
        }
        return out;
    }

    /** What happened last and when (UTC), in 40 characters; {@code -} when nothing has. */
    private static String latest(String what, long timeMs) {
        return what == null ? "-" : clip(what + " at "
                + java.time.Instant.ofEpochMilli(timeMs).toString().substring(11, 19), 40);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    private static String kbps(Double bitsPerSecond) {
        return bitsPerSecond == null ? "-" : String.format("%.0fk", bitsPerSecond / 1000);
    }

    private static String num(Double v) {
        return v == null ? "-" : v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v);
    }

    private static String resolution(UserQuality q) {
        Double w = q.get("up:bigvWidth");
        Double h = q.get("up:bigvHeight");
        return w == null || h == null ? "-" : String.format("%.0fx%.0f", w, h);
    }

    private record Sample(long timeMs, double value) {
    }

    private static final class UserQuality {
        private final Map<String, Sample> latest = new TreeMap<>();
        private String experience;
        private long experienceTimeMs;
        private String event;
        private long eventTimeMs;

        Double get(String slot) {
            Sample s = latest.get(slot);
            return s == null ? null : s.value;
        }

        boolean bad() {
            Double loss = get("up:aLoss");
            Double fps = get("up:bigvCapFps");
            Double videoBits = get("up:bigvBit");
            Double block = get("up:aBlock");
            return loss != null && loss > MAX_LOSS_PERCENT
                    || fps != null && fps < MIN_FPS && videoBits != null && videoBits > 0
                    || block != null && block > 0;
        }
    }
}
