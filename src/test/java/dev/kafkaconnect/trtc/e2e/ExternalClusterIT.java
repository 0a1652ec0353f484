package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kafkaconnect.trtc.demo.KafkaBrokerProcess;

/**
 * A stack on a Kafka cluster it did not start (here a broker process the test runs itself, standing for a
 * shared cluster or a container): the worker joins it through its bootstrap servers, the connector delivers
 * exactly the ground truth, and closing the stack leaves the cluster running with the data on it. The same path
 * as {@link KafkaContainerIT}, which needs a Docker engine; this one needs none.
 */
class ExternalClusterIT {
    @RegisterExtension
    @Order(1)
    static final ExternalBroker CLUSTER = new ExternalBroker();

    @RegisterExtension
    @Order(2)
    static final E2eStack ENV = E2eStack.withWorker(w -> w).scenario(() -> CallScenario.many(8))
            .onExternalCluster(CLUSTER::start);

    @Test
    void workerOnAnExternalClusterDeliversExactlyAndLeavesTheClusterRunning() throws Exception {
        var stack = ENV.stack();
        assertThat(stack.bootstrapServers()).isEqualTo(CLUSTER.broker.bootstrapServers());
        assertThat(stack.ownBroker()).as("a stack on an external cluster owns no broker").isEmpty();
        assertThatThrownBy(stack::broker).hasMessageContaining("external Kafka cluster at "
                + CLUSTER.broker.bootstrapServers());
        String samplesTopic;
        try (ConnectorRun run = ENV.run("external")) {
            samplesTopic = run.samplesTopic();
            run.create(run.config());
            run.awaitAllCallsFinished();
            DeliveryReport<Sample> samples = run.samples();
            assertThat(samples.expected()).as("scenario size").isGreaterThan(500);
            assertThat(samples.isExact()).as("samples: %s", samples).isTrue();
            assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();
        }

        ENV.close();

        assertThat(CLUSTER.broker.isRunning()).as("the external broker after the stack closed").isTrue();
        Properties props = CLUSTER.broker.clientProperties();
        props.put("default.api.timeout.ms", "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).as("topics on the external cluster").contains(samplesTopic, "trtc-connect-configs");
        }
    }

    /** A broker started on demand, outside any stack, and stopped after every test of the class. */
    static final class ExternalBroker implements AfterAllCallback {
        private KafkaBrokerProcess broker;

        String start() {
            broker = KafkaBrokerProcess.start(E2eEnvironment.kafkaClasspath());
            return broker.bootstrapServers();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
