package dev.kafkaconnect.trtc.simulator;

import java.util.List;

/** Plausible {@code DeviceType}, {@code SdkVersion} and {@code ClientIp} values, derived from the user's ids. */
final class DeviceFacts {
    private static final List<String> DEVICES = List.of("iPhone14,2", "iPhone15,3", "SM-G9910", "Mi 11", "Windows",
            "Mac", "Chrome", "HUAWEI P40", "");
    private static final List<String> SDK_VERSIONS = List.of("4.3.14", "8.9.10533", "9.5.12345", "10.2.0.1",
            "11.4.0.15047", "5.4.1");

    private DeviceFacts() {
    }

    static SimulatedUser forUser(String roomId, String userId, List<Presence> presences) {
        long h = Hashing.of(Hashing.of(0xde71ceL, roomId), userId);
        String device = DEVICES.get((int) Math.floorMod(h, (long) DEVICES.size()));
        String sdk = SDK_VERSIONS.get((int) Math.floorMod(h >>> 8, (long) SDK_VERSIONS.size()));
        // Documentation ranges (RFC 5737), so no real address is ever reported.
        String ip = switch ((int) Math.floorMod(h >>> 16, 3L)) {
            case 0 -> "192.0.2.";
            case 1 -> "198.51.100.";
            default -> "203.0.113.";
        } + (1 + Math.floorMod(h >>> 24, 254L));
        return new SimulatedUser(userId, presences, device, sdk, ip);
    }
}
