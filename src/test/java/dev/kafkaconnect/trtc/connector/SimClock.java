package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.simulator.SimulatorClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulator's clock as the task's {@link Clock}: task and simulated service share one "now". */
public final class SimClock extends Clock {
    private final SimulatorClock clock;

    public SimClock(SimulatorClock clock) {
        this.clock = clock;
    }

    @Override
    public long millis() {
        return clock.nowSeconds() * 1000;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
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
