package dev.kafkaconnect.trtc.demo;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for conditions that become true in another process. A condition that throws counts as "not yet";
 * its last failure is reported if the wait times out, so a timeout says what was being waited for and why it never
 * happened instead of just "timed out".
 */
public final class Waits {
    private static final long FIRST_PAUSE_MS = 20;
    private static final long MAX_PAUSE_MS = 500;

    private Waits() {
    }

    public static void until(String description, Duration timeout, BooleanSupplier condition) {
        until(description, timeout, condition, () -> "");
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}; {@code diagnostics} is added to the failure message. */
    public static void until(String description, Duration timeout, BooleanSupplier condition,
                             Supplier<String> diagnostics) {
        value(description, timeout, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty(),
                diagnostics);
    }

    /** Waits until {@code probe} yields a value and returns it. */
    public static <T> T value(String description, Duration timeout, Supplier<Optional<T>> probe) {
        return value(description, timeout, probe, () -> "");
    }

    public static <T> T value(String description, Duration timeout, Supplier<Optional<T>> probe,
                              Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MS;
        RuntimeException lastFailure = null;
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                Optional<T> result = probe.get();
                if (result.isPresent()) {
                    return result.get();
                }
                lastFailure = null;
            } catch (AbortWaitException e) {
                throw new WaitTimeoutException("Gave up waiting for " + description + ": " + e.getMessage()
                        + detail(diagnostics), e.getCause());
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                String last = lastFailure == null ? "" : "; last check failed with " + lastFailure;
                throw new WaitTimeoutException("Timed out after " + timeout.toMillis() + " ms (" + attempts
                        + " checks) waiting for " + description + last + detail(diagnostics), lastFailure);
            }
            sleep(Math.min(pause, Math.max(1, remaining / 1_000_000)));
            pause = Math.min(MAX_PAUSE_MS, pause * 2);
        }
    }

    private static String detail(Supplier<String> diagnostics) {
        String text;
        try {
            text = diagnostics.get();
        } catch (RuntimeException e) {
            text = "(diagnostics failed: " + e + ")";
        }
        return text == null || text.isBlank() ? "" : "\n" + text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitTimeoutException("Interrupted while waiting", e);
        }
    }

    /** Thrown by a probe to stop waiting at once, e.g. because the process it waits for has died. */
    public static final class AbortWaitException extends RuntimeException {
        public AbortWaitException(String message) {
            super(message);
        }
    }

    public static final class WaitTimeoutException extends RuntimeException {
        WaitTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
