package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.Metrics;

/**
 * Metric values as a pure function of (seed, commId, userId, peerId, metric, time): nothing is stored, any point
 * can be computed on demand, and two simulators with the same seed agree. Each series has a baseline drawn from
 * its key; each point adds noise drawn from the key and the time. Values are rounded to at most two decimals;
 * rates, frame counts and sizes are integral.
 */
public final class MetricModel {
    private static final int[][] RESOLUTIONS = {{320, 180}, {640, 360}, {960, 540}, {1280, 720}, {1920, 1080}};
    /** Resolution changes are rare: it is drawn once per 5-minute bucket. */
    private static final long RESOLUTION_BUCKET_SEC = 300;

    private final long seed;

    public MetricModel(long seed) {
        this.seed = seed;
    }

    /** A series' generator, for computing many of its points without rehashing the key. */
    public Series series(String commId, String userId, String peerId, String metric) {
        String peer = peerId == null ? "" : peerId;
        long base = Hashing.of(Hashing.of(Hashing.of(seed, commId), userId), peer);
        return new Series(metric, Hashing.of(base, metric), Hashing.of(base, "bigvResolution"));
    }

    public double value(String commId, String userId, String peerId, String metric, long timeSec) {
        return series(commId, userId, peerId, metric).valueAt(timeSec);
    }

    /** One series' values. */
    public static final class Series {
        private final String metric;
        private final long key;
        private final long resolutionKey;
        private final double baseline;

        private Series(String metric, long key, long resolutionKey) {
            this.metric = metric;
            this.key = key;
            this.resolutionKey = resolutionKey;
            this.baseline = Hashing.unit(Hashing.mix(key));
        }

        public double valueAt(long t) {
            long h = Hashing.of(key, t);
            double u = Hashing.unit(h);
            double u2 = Hashing.unit(Hashing.mix(h));
            return switch (metric) {
                case "appCpu" -> round2(3 + 35 * baseline + 12 * u);
                case "sysCpu" -> round2(Math.min(100, 15 + 55 * baseline + 20 * u));
                case "aBit" -> Math.round(24_000 + 40_000 * baseline + 6_000 * u);
                case "bigvBit" -> Math.round(250_000 + 1_500_000 * baseline + 250_000 * u);
                case "aBlock", "bigvBlock" -> u < 0.9 ? 0 : Math.round(20 + 480 * u2);
                case "bigvCapFps", "bigvEncFps", "bigvDecFps", "bigvRecFps" ->
                        Math.max(0, Math.min(30, Math.round(12 + 18 * baseline + 6 * u - 4)));
                case "aLoss", "bigvLoss" -> u < 0.7 ? 0 : round2(Math.min(100, 40 * baseline * u2));
                case "bigvWidth" -> resolution(t)[0];
                case "bigvHeight" -> resolution(t)[1];
                case "aCapEnergy", "aPlayEnergy" -> round2(10 + 70 * baseline * u);
                case "rtt" -> Math.round(20 + 250 * baseline + 60 * u);
                default -> throw new IllegalArgumentException("unknown metric " + metric
                        + "; known: " + Metrics.SEED + " and " + Metrics.SUCCESSOR_ONLY);
            };
        }

        /** Width and height are drawn from one key (not the metric's), so they always form a pair. */
        private int[] resolution(long t) {
            long h = Hashing.of(resolutionKey, Math.floorDiv(t, RESOLUTION_BUCKET_SEC));
            return RESOLUTIONS[(int) Math.floorMod(h, (long) RESOLUTIONS.length)];
        }

        private static double round2(double v) {
            return Math.round(v * 100.0) / 100.0;
        }
    }
}
