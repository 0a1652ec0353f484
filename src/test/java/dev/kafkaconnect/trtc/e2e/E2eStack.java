package dev.kafkaconnect.trtc.e2e;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.WorkerSettings;

/**
 * The broker, worker(s) and (optionally) simulator scenario an end-to-end test class shares: started before its
 * first test, stopped after its last (worker(s), broker, then simulator). Register it as a static field:
 * <pre>{@code @RegisterExtension static final E2eStack ENV =
 *         E2eStack.withWorker(w -> w).scenario(CallScenario::varied);}</pre>
 * Each test then creates its own connector through {@link #run(String)}.
 */
final class E2eStack implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final UnaryOperator<WorkerSettings.Builder> worker;
    private Supplier<CallScenario> scenarioFactory;
    private Supplier<String> externalBootstrap;
    private CallScenario scenario;
    private KafkaConnectStack stack;

    private E2eStack(UnaryOperator<WorkerSettings.Builder> worker) {
        this.worker = Objects.requireNonNull(worker);
    }

    /** A stack whose workers use the default settings as adjusted by {@code worker}. */
    static E2eStack withWorker(UnaryOperator<WorkerSettings.Builder> worker) {
        return new E2eStack(worker);
    }

    /** The simulator and calls the class's tests read, started before the stack. */
    E2eStack scenario(Supplier<CallScenario> scenario) {
        this.scenarioFactory = scenario;
        return this;
    }

    /**
     * Runs the workers on a Kafka cluster the test provides instead of a broker of the stack's own; asked for
     * its bootstrap servers when the class starts (after class-level extensions such as Testcontainers').
     */
    E2eStack onExternalCluster(Supplier<String> bootstrapServers) {
        this.externalBootstrap = bootstrapServers;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /** Starts the scenario (if any) and the stack; {@link #close()} undoes whatever part was started. */
    void start() {
        try {
            if (scenarioFactory != null) {
                scenario = scenarioFactory.get();
            }
            stack = externalBootstrap == null
                    ? KafkaConnectStack.start(E2eEnvironment.kafkaClasspath(), E2eEnvironment.pluginPath(), worker)
                    : KafkaConnectStack.startOn(externalBootstrap.get(), E2eEnvironment.kafkaClasspath(),
                            E2eEnvironment.pluginPath(), worker);
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    KafkaConnectStack stack() {
        if (stack == null) {
            throw new IllegalStateException("the e2e stack is not running (not started, or already closed)");
        }
        return stack;
    }

    CallScenario scenario() {
        if (scenario == null) {
            throw new IllegalStateException("this e2e stack was registered without a scenario");
        }
        return scenario;
    }

    /** A connector named {@code name} reading the class's scenario, with the JSON converter. */
    ConnectorRun run(String name) {
        return new ConnectorRun(stack(), scenario(), name);
    }

    ConnectorRun run(String name, RecordFormat format) {
        return new ConnectorRun(stack(), scenario(), name, format);
    }

    /** A connector reading {@code other}, a scenario the test started itself. */
    ConnectorRun run(CallScenario other, String name) {
        return new ConnectorRun(stack(), other, name);
    }

    ConnectorRun run(CallScenario other, String name, RecordFormat format) {
        return new ConnectorRun(stack(), other, name, format);
    }

    /** Stops the stack, then the scenario; does nothing once done, so a test class may close it early. */
    @Override
    public void close() {
        KafkaConnectStack s = stack;
        CallScenario c = scenario;
        stack = null;
        scenario = null;
        try {
            if (s != null) {
                s.close();
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }
}
