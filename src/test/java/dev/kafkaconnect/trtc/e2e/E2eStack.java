package dev.kafkaconnect.trtc.e2e;

import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.demo.KafkaClasspath;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.WorkerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The broker, worker(s) and (optionally) simulator scenario an end-to-end test class uses. Register it as a static
 * field:
 * <pre>{@code @RegisterExtension static final E2eStack ENV =
 *         E2eStack.withWorker(w -> w).scenario(CallScenario::varied);}</pre>
 * Each test then creates its own connector through {@link #run(String)}.
 * <p>
 * The scenario is the class's own: started before its first test, stopped after its last. The broker and workers
 * are by default shared ({@link SharedStacks}) with every other class of the test JVM whose worker settings are the
 * same, and stopped when the JVM's tests end; after the class's last test its connectors are deleted and the
 * group is brought back to its shape (one worker, running). Classes sharing a stack must therefore use connector
 * names of their own (checked) and must not count what is on the cluster as a whole. A class that needs a stack of
 * its own (e.g. to close it and check what is left) asks for {@link #privateStack()}; a stack on an external
 * cluster, or on the shared broker ({@link #onSharedBroker()}), is always private.
 */
final class E2eStack implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    /**
     * {@code @ResourceLock} of the stack with the default worker settings (JSON converters, 1 s offset flush,
     * exactly-once off), taken in {@code READ} mode by the classes that only add connectors of their own to it: they
     * may run together. A class that kills, restarts, adds or removes workers of a shared stack takes its lock in
     * {@code READ_WRITE} mode and uses a stack of its own pool ({@link #sharedAs}), so the readers need not wait.
     */
    static final String DEFAULT_WORKERS = "trtc.e2e.stack.default";
    /** {@code @ResourceLock} of the at-least-once stack whose workers the crash and rebalance tests restart. */
    static final String RESTARTED_WORKERS = "trtc.e2e.stack.restarted";
    /** {@code @ResourceLock} of the exactly-once stack whose workers the crash and rebalance tests restart. */
    static final String RESTARTED_EXACTLY_ONCE_WORKERS = "trtc.e2e.stack.restarted.exactly-once";

    private final UnaryOperator<WorkerSettings.Builder> worker;
    private Supplier<CallScenario> scenarioFactory;
    private Supplier<String> externalBootstrap;
    private boolean onSharedBroker;
    private Supplier<Path> pluginPath = E2eEnvironment::pluginPath;
    /** Null for the build's Kafka classpath. */
    private Supplier<KafkaClasspath> workerClasspath;
    private boolean shared = true;
    private String pool = "";
    private CallScenario scenario;
    private KafkaConnectStack stack;
    /** For a shared stack: the class using it, and the connectors on it when the class started. */
    private String owner;
    private Set<String> connectorsBefore = Set.of();

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

    /**
     * Workers of the class's own, in a group of their own (a group id set through the worker settings), on the
     * broker of the shared stack with the default worker settings (started for them if no class has yet): a class
     * whose workers cannot be shared (e.g. on another Java) starts no broker. Its workers stop after its last test;
     * the broker stays with the shared stack.
     */
    E2eStack onSharedBroker() {
        this.onSharedBroker = true;
        return this;
    }

    /** The workers' {@code plugin.path} instead of the build's plugin directory; asked for when the class starts. */
    E2eStack pluginPath(Supplier<Path> pluginPath) {
        this.pluginPath = Objects.requireNonNull(pluginPath);
        return this;
    }

    /**
     * The workers' classpath (Kafka's jars of another version) instead of the build's; asked for when the class
     * starts. Only with {@link #onSharedBroker()}: the broker stays the build's.
     */
    E2eStack workerClasspath(Supplier<KafkaClasspath> classpath) {
        this.workerClasspath = Objects.requireNonNull(classpath);
        return this;
    }

    /** A broker and workers of the class's own, stopped after its last test (or when it closes the stack). */
    E2eStack privateStack() {
        this.shared = false;
        return this;
    }

    /**
     * Shares the stack only with classes of the same {@code pool} (and worker settings): e.g. those that restart
     * workers, apart from those that only add connectors.
     */
    E2eStack sharedAs(String pool) {
        this.pool = Objects.requireNonNull(pool);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start(context);
    }

    /** Starts the scenario (if any) and the stack; {@link #close()} undoes whatever part was started. */
    void start(ExtensionContext context) {
        try {
            if (scenarioFactory != null) {
                scenario = scenarioFactory.get();
            }
            Path plugins = pluginPath.get();
            if (onSharedBroker) {
                shared = false;
                stack = KafkaConnectStack.startOn(sharedBroker(context, plugins),
                        workerClasspath == null ? E2eEnvironment.kafkaClasspath() : workerClasspath.get(), plugins,
                        worker);
            } else if (workerClasspath != null) {
                throw new IllegalStateException("a worker classpath of its own needs onSharedBroker()");
            } else if (externalBootstrap != null) {
                shared = false;
                stack = KafkaConnectStack.startOn(externalBootstrap.get(), E2eEnvironment.kafkaClasspath(), plugins,
                        worker);
            } else if (shared) {
                WorkerSettings settings = worker.apply(WorkerSettings.builder(plugins)).build();
                KafkaConnectStack s = SharedStacks.acquire(context, pool, settings, () -> KafkaConnectStack.start(
                        E2eEnvironment.kafkaClasspath(), plugins, worker));
                owner = context.getRequiredTestClass().getName();
                connectorsBefore = SharedStacks.connectors(s);
                stack = s;
            } else {
                stack = KafkaConnectStack.start(E2eEnvironment.kafkaClasspath(), plugins, worker);
            }
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The bootstrap servers of the default shared stack, once the class's group is known to be apart from it. */
    private String sharedBroker(ExtensionContext context, Path plugins) {
        WorkerSettings defaults = WorkerSettings.builder(E2eEnvironment.pluginPath()).build();
        String groupId = worker.apply(WorkerSettings.builder(plugins)).build().groupId();
        if (groupId.equals(defaults.groupId())) {
            throw new IllegalStateException("workers on the shared broker need a group id of their own, not the "
                    + "shared stack's '" + groupId + "': they would join its group");
        }
        return SharedStacks.acquire(context, "", defaults, () -> KafkaConnectStack.start(
                E2eEnvironment.kafkaClasspath(), E2eEnvironment.pluginPath(), w -> w)).bootstrapServers();
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
        return new ConnectorRun(claim(name), scenario(), name);
    }

    ConnectorRun run(String name, RecordFormat format) {
        return new ConnectorRun(claim(name), scenario(), name, format);
    }

    /** A connector reading {@code other}, a scenario the test started itself. */
    ConnectorRun run(CallScenario other, String name) {
        return new ConnectorRun(claim(name), other, name);
    }

    ConnectorRun run(CallScenario other, String name, RecordFormat format) {
        return new ConnectorRun(claim(name), other, name, format);
    }

    /** The stack, once connector {@code name} is known to be this class's alone on it. */
    private KafkaConnectStack claim(String name) {
        KafkaConnectStack s = stack();
        if (shared) {
            SharedStacks.claimConnectorName(s, name, owner);
        }
        return s;
    }

    /**
     * A private stack: stops it, then the scenario. A shared one: deletes the connectors the class created and
     * restores the group's shape (extra workers removed, the first one running), then stops the scenario. Does
     * nothing once done, so a test class may close it early.
     */
    @Override
    public void close() {
        KafkaConnectStack s = stack;
        CallScenario c = scenario;
        stack = null;
        scenario = null;
        try {
            if (s != null) {
                if (shared) {
                    release(s);
                } else {
                    s.close();
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Hands a shared stack back as the next class expects it: one running worker, no connector of this class. */
    private void release(KafkaConnectStack s) {
        List<ConnectWorkerProcess> workers = s.workers();
        for (int i = workers.size() - 1; i > 0; i--) {
            s.removeWorker(workers.get(i));
        }
        if (!s.worker().isRunning()) {
            s.worker().restart();
        }
        Set<String> others = SharedStacks.namesOfOthers(s, owner);
        for (String name : SharedStacks.connectors(s)) {
            if (!connectorsBefore.contains(name) && !others.contains(name)) {
                s.rest().deleteConnector(name);
            }
        }
    }
}
