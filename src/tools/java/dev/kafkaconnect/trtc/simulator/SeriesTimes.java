package dev.kafkaconnect.trtc.simulator;

/**
 * One series of a user in a window: the metric, the peer ({@code null} for the uplink) and the times of its
 * points; values come from {@link MetricModel}. Arrays are shared between the series of one user and not copied.
 */
record SeriesTimes(String userId, String peerId, String metric, long[] times) {
}
