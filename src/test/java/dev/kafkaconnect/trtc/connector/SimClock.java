package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.simulator.SimulatorClock;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;

/**
 * The simulator's clock as the task's {@link Time}: task and simulated service share one "now". The one adapter
 * between the two clocks: Kafka's {@code MockTime} cannot be the simulator's clock, because the simulator runs from
 * the tools jar, which has no kafka-clients at run time. Wall time is the simulator's (whole seconds, moved by the
 * test); monotonic time follows it; waiting really waits, since only the test moves the simulated clock.
 */
public final class SimClock implements Time {
    private final SimulatorClock clock;

    public SimClock(SimulatorClock clock) {
        this.clock = clock;
    }

    @Override
    public long milliseconds() {
        return clock.nowSeconds() * 1000;
    }

    @Override
    public long nanoseconds() {
        return TimeUnit.SECONDS.toNanos(clock.nowSeconds());
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        // As Kafka's SystemTime does, with the deadline on this clock.
        synchronized (obj) {
            while (!condition.get()) {
                long now = milliseconds();
                if (now >= deadlineMs) {
                    throw new TimeoutException("Condition not satisfied before deadline");
                }
                obj.wait(deadlineMs - now);
            }
        }
    }
}
