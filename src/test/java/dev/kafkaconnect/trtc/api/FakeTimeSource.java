package dev.kafkaconnect.trtc.api;

import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when someone sleeps or the test advances it. */
final class FakeTimeSource implements TimeSource {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        advance(nanos);
    }

    void advance(long nanos) {
        now.addAndGet(Math.max(0, nanos));
    }
}
