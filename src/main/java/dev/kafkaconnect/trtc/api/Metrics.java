package dev.kafkaconnect.trtc.api;

import java.util.List;
import java.util.Set;

/** The {@code DataType} values each API generation serves. */
public final class Metrics {
    /** Requests every metric the action serves. */
    public static final String ALL = "all";

    /** The 13 metrics of the seed's {@code DescribeCallDetail}. */
    public static final List<String> SEED = List.of(
            "appCpu", "sysCpu", "aBit", "aBlock", "bigvBit", "bigvCapFps", "bigvEncFps", "bigvDecFps",
            "bigvBlock", "aLoss", "bigvLoss", "bigvWidth", "bigvHeight");

    /** Metrics only the successor {@code DescribeCallDetailInfo} serves. */
    public static final List<String> SUCCESSOR_ONLY = List.of("aCapEnergy", "aPlayEnergy", "rtt", "bigvRecFps");

    /** Metrics that exist per receiving peer as well as for the uplink (bitrate and loss). */
    public static final Set<String> PER_PEER = Set.of("aBit", "bigvBit", "aLoss", "bigvLoss");

    private Metrics() {
    }

    public static List<String> served(ApiGeneration generation) {
        if (generation == ApiGeneration.SEED) {
            return SEED;
        }
        return java.util.stream.Stream.concat(SEED.stream(), SUCCESSOR_ONLY.stream()).toList();
    }
}
