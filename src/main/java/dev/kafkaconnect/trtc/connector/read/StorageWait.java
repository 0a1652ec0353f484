package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import java.util.Map;

/**
 * {@code trtc.delivery.repeats=one-request} for one call: once on, each page that emitted records holds back the
 * call's next page until the worker has stored the offset of its last record, so a crash repeats at most one page.
 */
final class StorageWait {
    private boolean on;
    /** The offset of the last record emitted. */
    private Map<String, ?> lastEmitted;
    /** Whether a record of the current page was emitted. */
    private boolean pageEmitted;
    /** While the next page waits: the offset of the last record emitted, until the worker has stored it. */
    private Map<String, ?> awaited;

    void turnOn() {
        on = true;
    }

    /** Whether the next page waits for the worker to store the offset of the last record emitted. */
    boolean waiting() {
        return awaited != null;
    }

    /** A record with offset {@code offset} was emitted. */
    void emitted(Map<String, ?> offset) {
        lastEmitted = offset;
        pageEmitted = true;
    }

    /** The page being emitted is done: when it emitted records, the next one waits for its last offset. */
    void pageDone() {
        if (on && pageEmitted) {
            awaited = lastEmitted;
        }
        pageEmitted = false;
    }

    /**
     * The offset the worker has stored for the call (null: none): when it is the awaited one, the next page may
     * be emitted. Returns whether that released the call.
     */
    boolean stored(Map<String, ?> offset) {
        if (awaited == null || offset == null || !OffsetCodec.samePosition(awaited, offset)) {
            return false;
        }
        awaited = null;
        return true;
    }
}
