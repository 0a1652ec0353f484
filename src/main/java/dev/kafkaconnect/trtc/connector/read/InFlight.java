package dev.kafkaconnect.trtc.connector.read;

/**
 * The task's bound on requests in flight and answers not yet emitted ({@code trtc.max.in.flight}), which bounds the
 * task's memory: a slot is taken when a request is sent and given back once its answer has been emitted, or the
 * request failed or was dropped. Only {@link Fetch} takes and gives back slots, each at most once. Used from the
 * task's thread only.
 */
public final class InFlight {
    private final int max;
    private int held;

    public InFlight(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1: " + max);
        }
        this.max = max;
    }

    /** Whether another request may be sent. */
    public boolean hasRoom() {
        return held < max;
    }

    /** Requests in flight and answers not yet emitted. */
    public int held() {
        return held;
    }

    void take() {
        held++;
    }

    void giveBack() {
        if (held == 0) {
            throw new IllegalStateException("a slot given back twice");
        }
        held--;
    }
}
