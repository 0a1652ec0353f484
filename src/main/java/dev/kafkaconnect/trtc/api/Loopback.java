package dev.kafkaconnect.trtc.api;

import java.util.Locale;

/**
 * Which hosts are loopback, the one check behind "plain http only to a loopback host" (connector validation and the
 * client both use it). A loopback host is {@code localhost}, an IPv4 literal in 127.0.0.0/8 (four decimal octets,
 * each 0-255), or the IPv6 literal {@code ::1} in any of its spellings, with or without brackets. Judged from the
 * text alone: a name is never resolved (it could resolve anywhere later), so {@code 127.example.com} is not loopback.
 */
public final class Loopback {
    private Loopback() {
    }

    /** Whether {@code host} (as {@link java.net.URI#getHost()} gives it) is a loopback host. */
    public static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.toLowerCase(Locale.ROOT).equals("localhost") || isIpv4Loopback(h) || isIpv6Loopback(h);
    }

    private static boolean isIpv4Loopback(String h) {
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return Integer.parseInt(octets[0]) == 127;
    }

    /** {@code ::1}: eight 16-bit groups (with at most one {@code ::} for a run of zero groups), all 0 but the last 1. */
    private static boolean isIpv6Loopback(String h) {
        if (!h.contains(":")) {
            return false;
        }
        int gap = h.indexOf("::");
        if (gap >= 0 && h.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] head;
        String[] tail;
        if (gap >= 0) {
            head = groups(h.substring(0, gap));
            tail = groups(h.substring(gap + 2));
            if (head == null || tail == null || head.length + tail.length > 7) {
                return false;
            }
        } else {
            head = groups(h);
            tail = new String[0];
            if (head == null || head.length != 8) {
                return false;
            }
        }
        String[] all = new String[8];
        java.util.Arrays.fill(all, "0");
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, 8 - tail.length, tail.length);
        for (int i = 0; i < 8; i++) {
            if (Integer.parseInt(all[i], 16) != (i == 7 ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    /** The colon-separated hex groups of {@code part}; empty for ""; null when one is not 1-4 hex digits. */
    private static String[] groups(String part) {
        if (part.isEmpty()) {
            return new String[0];
        }
        String[] groups = part.split(":", -1);
        for (String g : groups) {
            if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
        }
        return groups;
    }
}
