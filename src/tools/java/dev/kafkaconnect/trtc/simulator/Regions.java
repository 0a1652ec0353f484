package dev.kafkaconnect.trtc.simulator;

import java.util.List;

/** Regions that serve TRTC's API; a request naming another answers {@code UnsupportedRegion}. */
final class Regions {
    static final List<String> TRTC = List.of("ap-beijing", "ap-guangzhou", "ap-shanghai", "ap-chengdu",
            "ap-chongqing", "ap-nanjing", "ap-hongkong", "ap-singapore", "ap-mumbai", "ap-seoul", "ap-bangkok",
            "ap-tokyo", "ap-jakarta", "na-siliconvalley", "na-ashburn", "na-toronto", "eu-frankfurt", "eu-moscow",
            "sa-saopaulo");

    private Regions() {
    }
}
