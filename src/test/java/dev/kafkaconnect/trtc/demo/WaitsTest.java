package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        Waits.until("third check", Duration.ofSeconds(30), () -> checks.incrementAndGet() >= 3);
        assertThat(checks).hasValue(3);
    }

    @Test
    void returnsTheFirstValueTheProbeYields() {
        AtomicInteger checks = new AtomicInteger();
        String value = Waits.value("a value", Duration.ofSeconds(30),
                () -> checks.incrementAndGet() < 2 ? Optional.empty() : Optional.of("ready"));
        assertThat(value).isEqualTo("ready");
    }

    @Test
    void timeoutNamesWhatWasAwaitedTheLastFailureAndTheDiagnostics() {
        assertThatThrownBy(() -> Waits.until("the broker to start", Duration.ofMillis(50), () -> {
            throw new IllegalStateException("connection refused");
        }, () -> "log tail here"))
                .isInstanceOf(Waits.WaitTimeoutException.class)
                .hasMessageContaining("waiting for the broker to start")
                .hasMessageContaining("connection refused")
                .hasMessageContaining("log tail here")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void abortStopsAtOnceWithoutWaitingForTheTimeout() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(() -> Waits.until("the worker", Duration.ofHours(1), () -> {
            checks.incrementAndGet();
            throw new Waits.AbortWaitException("worker exited with code 1");
        }))
                .isInstanceOf(Waits.WaitTimeoutException.class)
                .hasMessageContaining("Gave up waiting for the worker: worker exited with code 1");
        assertThat(checks).hasValue(1);
    }
}
