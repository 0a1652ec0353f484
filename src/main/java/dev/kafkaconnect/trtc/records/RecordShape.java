package dev.kafkaconnect.trtc.records;

/** How quality measurements become records ({@code trtc.record.shape}). */
public enum RecordShape {
    /** One QualitySample per user, direction, metric and time: long and narrow. */
    SAMPLE,
    /** One QualitySnapshot per user, direction and time, every metric a field: wide. */
    SNAPSHOT
}
