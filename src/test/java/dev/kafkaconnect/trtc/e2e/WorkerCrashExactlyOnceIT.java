package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * With {@code exactly.once.source.support=enabled}, a read_committed consumer sees no duplicate after a crash or
 * a graceful restart of the worker.
 */
@ResourceLock(E2eStack.RESTARTED_EXACTLY_ONCE_WORKERS)
class WorkerCrashExactlyOnceIT extends WorkerCrashRecovery {
    @RegisterExtension
    static final E2eStack ENV = environment(true);

    @Override
    E2eStack env() {
        return ENV;
    }

    @Override
    Map<String, String> connectorSettings() {
        // The worker refuses the connector unless it declares exactly-once support.
        return Map.of("exactly.once.support", "required");
    }

    @Override
    void checkAfterKill(Interrupted run) {
        assertExact(run);
    }

    /** SIGTERM mid-way and a new start (the worker stops its tasks and commits on the way down). */
    @Test
    void gracefullyRestartedWorkerRepeatsNothing() {
        assertExact(readAcrossRestart("graceful", "stop", ConnectWorkerProcess::stop));
    }

    private static void assertExact(Interrupted run) {
        assertThat(run.samples().isExact()).as("exactly once: %s", run.samples()).isTrue();
        assertThat(run.participants().isExact()).as("exactly once: %s", run.participants()).isTrue();
        assertThat(run.experiences().isExact()).as("exactly once: %s", run.experiences()).isTrue();
        assertThat(run.userEvents().isExact()).as("exactly once: %s", run.userEvents()).isTrue();
    }
}
