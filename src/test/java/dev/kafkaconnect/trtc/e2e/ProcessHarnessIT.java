package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.demo.ConnectRestClient;
import dev.kafkaconnect.trtc.demo.ConnectRestException;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.ProcessSupervisor;
import dev.kafkaconnect.trtc.demo.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The broker and worker processes themselves: they start from Kafka's jars alone, the REST client reports errors
 * with status and message, and a killed worker comes back on the same port with its state.
 * <p>
 * A stack of its own, closed at the end to check that nothing is left running: the class runs alone
 * ({@code @Isolated}: after the classes that run concurrently), with the shared stacks ({@link SharedStacks})
 * stopped first.
 */
@Isolated
@ExtendWith(SharedStacks.NoneRunning.class)
class ProcessHarnessIT {
    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w.exactlyOnce(true).groupId("harness")).privateStack();
    private static KafkaConnectStack stack;

    @BeforeAll
    static void start() {
        stack = ENV.stack();
    }

    /** Runs before the extension's own close, which then has nothing left to do. */
    @AfterAll
    static void stop() {
        ENV.close();
        assertThat(ProcessSupervisor.instance().running()).as("children left running").isEmpty();
    }

    @Test
    void workerRunsInItsOwnJvmAgainstTheBrokerAndCreatedItsInternalTopics() throws Exception {
        assertThat(stack.worker().isRunning()).isTrue();
        assertThat(stack.rest().serverInfo().path("kafka_cluster_id").asText()).isNotBlank();
        try (Admin admin = Admin.create(adminProps())) {
            List<String> topics = admin.listTopics().listings().get(30, TimeUnit.SECONDS).stream()
                    .map(TopicListing::name).toList();
            assertThat(topics).contains("harness-configs", "harness-offsets", "harness-status");
        }
    }

    @Test
    void listsPluginsWithTheirTypes() {
        List<ConnectRestClient.PluginInfo> plugins = stack.rest().connectorPlugins(false);
        assertThat(plugins).anySatisfy(p -> {
            assertThat(p.className()).isEqualTo("org.apache.kafka.connect.json.JsonConverter");
            assertThat(p.type()).isEqualTo("converter");
        });
    }

    @Test
    void restErrorsCarryStatusAndConnectsMessage() {
        assertThatThrownBy(() -> stack.rest().status("no-such-connector"))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("GET /connectors/no-such-connector/status", "404",
                            "no-such-connector");
                });
        assertThatThrownBy(() -> stack.rest().createConnector("bad", Map.of("connector.class", "no.such.Connector",
                "secret.key", "do-not-echo-me")))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.statusCode()).isBetween(400, 599);
                    assertThat(e.getMessage()).contains("no.such.Connector").doesNotContain("do-not-echo-me");
                });
    }

    @Test
    void killedWorkerRestartsOnTheSamePort() {
        String url = stack.worker().restUrl();
        stack.worker().kill();
        assertThat(stack.worker().isRunning()).isFalse();
        assertThat(stack.rest().isHealthy()).isFalse();

        stack.worker().restart();

        assertThat(stack.worker().restUrl()).isEqualTo(url);
        Waits.until("restarted worker to answer", Duration.ofSeconds(30), () -> !stack.rest().connectors().contains("x"));
        assertThat(stack.rest().isHealthy()).isTrue();
    }

    private static Properties adminProps() {
        Properties props = stack.broker().clientProperties();
        props.put("default.api.timeout.ms", "30000");
        return props;
    }
}
