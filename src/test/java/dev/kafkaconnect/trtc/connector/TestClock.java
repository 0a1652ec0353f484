package dev.kafkaconnect.trtc.connector;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. */
public final class TestClock extends Clock {
    private volatile long millis;

    public TestClock(long epochSeconds) {
        this.millis = epochSeconds * 1000;
    }

    void advanceSeconds(long seconds) {
        millis += seconds * 1000;
    }

    void setSeconds(long epochSeconds) {
        millis = epochSeconds * 1000;
    }

    long seconds() {
        return Math.floorDiv(millis, 1000);
    }

    @Override
    public long millis() {
        return millis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
