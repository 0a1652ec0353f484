package dev.kafkaconnect.trtc.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A Kafka cluster and a group of distributed Connect workers, each worker in its own JVM: what integration tests
 * and the demo run the connector in. The cluster is either a broker the stack starts itself (a child JVM it owns
 * and stops) or an external one reached through its bootstrap servers (a container, a shared cluster), which the
 * stack never stops. Workers share one group id and one set of internal topics, so {@link #addWorker()} grows the
 * group and the running connectors' tasks are rebalanced over it, as when an operator adds a machine.
 * Closing the stack stops every worker (newest first), then the broker it owns, killing whatever does not stop.
 */
public final class KafkaConnectStack implements AutoCloseable {
    private final KafkaBrokerProcess ownBroker;
    private final String bootstrapServers;
    private final KafkaClasspath classpath;
    private final WorkerSettings settings;
    private final List<ConnectWorkerProcess> workers = new ArrayList<>();

    private KafkaConnectStack(KafkaBrokerProcess ownBroker, String bootstrapServers, KafkaClasspath classpath,
                              WorkerSettings settings) {
        this.ownBroker = ownBroker;
        this.bootstrapServers = bootstrapServers;
        this.classpath = classpath;
        this.settings = settings;
    }

    /**
     * Starts a broker, then a worker whose {@code plugin.path} is {@code pluginPath}; {@code worker} adjusts the
     * default {@link WorkerSettings} (converters, exactly-once, flush interval) of every worker of the stack.
     */
    public static KafkaConnectStack start(KafkaClasspath classpath, Path pluginPath,
                                          UnaryOperator<WorkerSettings.Builder> worker) {
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(classpath);
        try {
            return startWorker(new KafkaConnectStack(broker, broker.bootstrapServers(), classpath,
                    settings(pluginPath, worker)));
        } catch (RuntimeException e) {
            broker.kill();
            throw e;
        }
    }

    /**
     * Starts a worker against a Kafka cluster the caller runs, at {@code bootstrapServers} ({@code host:port}
     * pairs, comma-separated). The cluster must allow replication factor 1 for the worker's internal topics and,
     * for exactly-once, its transaction state log. Closing the stack leaves the cluster running.
     */
    public static KafkaConnectStack startOn(String bootstrapServers, KafkaClasspath classpath, Path pluginPath,
                                            UnaryOperator<WorkerSettings.Builder> worker) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers of the external Kafka cluster are empty");
        }
        return startWorker(new KafkaConnectStack(null, bootstrapServers, classpath, settings(pluginPath, worker)));
    }

    private static WorkerSettings settings(Path pluginPath, UnaryOperator<WorkerSettings.Builder> worker) {
        return Objects.requireNonNull(worker.apply(WorkerSettings.builder(pluginPath)), "worker settings").build();
    }

    private static KafkaConnectStack startWorker(KafkaConnectStack stack) {
        stack.addWorker();
        return stack;
    }

    /**
     * Starts one more worker in the stack's group (its own REST port and directory, the same settings) and
     * returns once its REST API is healthy, i.e. once it has joined the group. Tasks move to it in the rebalance
     * that follows.
     */
    public ConnectWorkerProcess addWorker() {
        ConnectWorkerProcess worker = ConnectWorkerProcess.start(classpath, bootstrapServers, settings);
        synchronized (workers) {
            workers.add(worker);
        }
        return worker;
    }

    /**
     * Stops {@code worker} gracefully (SIGTERM: it leaves the group, its tasks commit their offsets and move to
     * the remaining workers) and removes it from the stack. The stack's first worker cannot be removed.
     */
    public void removeWorker(ConnectWorkerProcess worker) {
        synchronized (workers) {
            int index = workers.indexOf(worker);
            if (index < 0) {
                throw new IllegalArgumentException("not a worker of this stack: " + worker.restUrl());
            }
            if (index == 0) {
                throw new IllegalArgumentException("the stack's first worker " + worker.restUrl()
                        + " serves its REST API and stays; stop() or kill() it to take it down for a while");
            }
            workers.remove(index);
        }
        worker.close();
    }

    /** The broker this stack started; absent when it runs on an external cluster. */
    public Optional<KafkaBrokerProcess> ownBroker() {
        return Optional.ofNullable(ownBroker);
    }

    /** The broker this stack started; fails for a stack on an external cluster, which has no broker process. */
    public KafkaBrokerProcess broker() {
        return ownBroker().orElseThrow(() -> new IllegalStateException("this stack runs on the external Kafka "
                + "cluster at " + bootstrapServers + " and has no broker process of its own"));
    }

    /** The first worker: the one started with the stack, whose REST API {@link #rest()} calls. */
    public ConnectWorkerProcess worker() {
        synchronized (workers) {
            return workers.get(0);
        }
    }

    /** Every worker of the group, the first one first. */
    public List<ConnectWorkerProcess> workers() {
        synchronized (workers) {
            return List.copyOf(workers);
        }
    }

    public ConnectRestClient rest() {
        return worker().rest();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties pointing at the stack's cluster, a starting point for producers, consumers and admins. */
    public Properties clientProperties() {
        return KafkaBrokerProcess.clientProperties(bootstrapServers);
    }

    @Override
    public void close() {
        List<ConnectWorkerProcess> toStop;
        synchronized (workers) {
            toStop = new ArrayList<>(workers);
        }
        RuntimeException failure = null;
        for (int i = toStop.size() - 1; i >= 0; i--) {
            try {
                toStop.get(i).close();
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        if (ownBroker != null) {
            try {
                ownBroker.close();
            } catch (RuntimeException e) {
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException first(RuntimeException failure, RuntimeException next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }
}
