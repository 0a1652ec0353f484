package dev.kafkaconnect.trtc.demo;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A broker and one Connect worker, each in its own JVM: what integration tests and the demo run the connector in.
 * Closing it stops both (worker first) and kills whatever does not stop.
 */
public final class KafkaConnectStack implements AutoCloseable {
    private final KafkaBrokerProcess broker;
    private final ConnectWorkerProcess worker;

    private KafkaConnectStack(KafkaBrokerProcess broker, ConnectWorkerProcess worker) {
        this.broker = broker;
        this.worker = worker;
    }

    /**
     * Starts the broker, then a worker whose {@code plugin.path} is {@code pluginPath}; {@code worker} adjusts the
     * default {@link WorkerSettings} (converters, exactly-once, flush interval).
     */
    public static KafkaConnectStack start(KafkaClasspath classpath, Path pluginPath,
                                          UnaryOperator<WorkerSettings.Builder> worker) {
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(classpath);
        try {
            WorkerSettings settings = worker.apply(WorkerSettings.builder(pluginPath)).build();
            return new KafkaConnectStack(broker,
                    ConnectWorkerProcess.start(classpath, broker.bootstrapServers(), settings));
        } catch (RuntimeException e) {
            broker.kill();
            throw e;
        }
    }

    public KafkaBrokerProcess broker() {
        return broker;
    }

    public ConnectWorkerProcess worker() {
        return worker;
    }

    public ConnectRestClient rest() {
        return worker.rest();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            worker.close();
        } finally {
            broker.close();
        }
    }
}
