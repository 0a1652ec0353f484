package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Our worker (a child JVM with the plugin on {@code plugin.path}) on a Kafka container, the {@code apache/kafka}
 * image of the Kafka version the project builds against, with exactly-once support: finished calls arrive exactly
 * as the ground truth. Needs a Docker engine and is skipped without one (reported as skipped, not failed);
 * {@link ExternalClusterIT} covers the same external-cluster path without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerIT {
    /** The Kafka version of the clients on the classpath: the project's {@code kafka.version}. */
    static final String IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(DockerImageName.parse(IMAGE));

    /** Registered after the class-level Testcontainers extension, so the container runs before the worker starts. */
    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w.exactlyOnce(true)).scenario(CallScenario::varied)
            .onExternalCluster(KAFKA::getBootstrapServers);

    @Test
    void finishedCallsArriveExactlyThroughAKafkaContainer() {
        assertThat(ENV.stack().ownBroker()).isEmpty();
        try (ConnectorRun run = ENV.run("container")) {
            var config = run.config();
            config.put("exactly.once.support", "required");
            run.create(config);
            run.awaitAllCallsFinished();

            DeliveryReport<Sample> samples = run.samples();
            assertThat(samples.expected()).as("scenario size").isGreaterThan(1000);
            assertThat(samples.isExact()).as("samples: %s", samples).isTrue();
            DeliveryReport<Participant> participants = run.participants();
            assertThat(participants.isExact()).as("participants: %s", participants).isTrue();
        }
    }
}
