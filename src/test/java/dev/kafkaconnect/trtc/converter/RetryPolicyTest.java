package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final List<Long> sleeps = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, 100, 500, sleeps::add);

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(List.of(policy.backoffMs(1), policy.backoffMs(2), policy.backoffMs(3), policy.backoffMs(4),
                policy.backoffMs(30))).containsExactly(100L, 200L, 400L, 500L, 500L);
    }

    @Test
    void retriesRetriableFailuresThenSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String result = policy.call(n -> {
            if (attempts.incrementAndGet() < 3) {
                throw failure(SchemaRegistryException.Kind.UNAVAILABLE);
            }
            return "ok after " + n;
        });

        assertThat(result).isEqualTo("ok after 2");
        assertThat(sleeps).containsExactly(100L, 200L);
    }

    @Test
    void givesUpAfterTheConfiguredRetriesSayingSo() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> policy.call(n -> {
            attempts.incrementAndGet();
            throw failure(SchemaRegistryException.Kind.UNAVAILABLE);
        })).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.retriable()).isTrue();
            assertThat(e.getMessage()).contains("registry down").contains("gave up after 4 retries");
        });
        assertThat(attempts).hasValue(5);
        assertThat(sleeps).containsExactly(100L, 200L, 400L, 500L);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> policy.call(n -> {
            attempts.incrementAndGet();
            throw failure(SchemaRegistryException.Kind.INCOMPATIBLE);
        })).isInstanceOf(SchemaRegistryException.class).hasMessage("registry down");
        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void interruptionStopsRetryingAndKeepsTheFlag() {
        RetryPolicy interrupted = new RetryPolicy(3, 10, 10, ms -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> interrupted.call(n -> {
            throw failure(SchemaRegistryException.Kind.UNAVAILABLE);
        })).isInstanceOf(SchemaRegistryException.class);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void httpStatusesMapToKinds() {
        assertThat(SchemaRegistryException.kindOf(409)).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE);
        assertThat(SchemaRegistryException.kindOf(401)).isEqualTo(SchemaRegistryException.Kind.UNAUTHORIZED);
        assertThat(SchemaRegistryException.kindOf(403)).isEqualTo(SchemaRegistryException.Kind.UNAUTHORIZED);
        assertThat(SchemaRegistryException.kindOf(404)).isEqualTo(SchemaRegistryException.Kind.NOT_FOUND);
        assertThat(SchemaRegistryException.kindOf(422)).isEqualTo(SchemaRegistryException.Kind.REJECTED);
        assertThat(SchemaRegistryException.kindOf(429)).isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE);
        assertThat(SchemaRegistryException.kindOf(503)).isEqualTo(SchemaRegistryException.Kind.UNAVAILABLE);
    }

    private static SchemaRegistryException failure(SchemaRegistryException.Kind kind) {
        return new SchemaRegistryException(kind, 0, 0, "registry down", null);
    }
}
