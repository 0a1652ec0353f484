package dev.kafkaconnect.trtc.connector.config;

/**
 * The {@code trtc.delivery.repeats} setting: what a crash may send again when the worker runs without exactly-once
 * source support (with it, nothing is repeated in either mode).
 */
public enum DeliveryRepeats {
    /** Everything sent since the worker's last offset flush; calls emit at full speed. */
    FLUSH_INTERVAL,
    /**
     * At most one request's answer (one page) per call: a call emits its next page only once the offset of the
     * last record it emitted is stored, which costs each call up to one offset flush per page.
     */
    ONE_REQUEST
}
