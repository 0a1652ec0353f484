package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.kafkaconnect.trtc.demo.DemoSession;
import dev.kafkaconnect.trtc.demo.ProcessSupervisor;
import dev.kafkaconnect.trtc.demo.Waits;

/** The demo as a user starts it: from the shipped example, samples and participants reach their topics. */
class DemoSessionIT {

    @Test
    void demoStreamsTheSimulatorsCallsIntoKafka() {
        try (DemoSession demo = DemoSession.start(E2eEnvironment.kafkaClasspath(), E2eEnvironment.pluginPath(),
                E2eEnvironment.projectFile(TrtcConnectorConfig.SHIPPED_EXAMPLE), 2, 1, 42)) {
            assertThat(demo.connectorConfig().get("trtc.secret.key")).startsWith("${file:");

            Waits.until("samples and participants in both topics", Duration.ofMinutes(2),
                    () -> demo.topicRecordCounts().values().stream().allMatch(n -> n > 0),
                    () -> demo.status() + "\n" + demo.stack().worker().logTail());

            assertThat(demo.status().isRunning()).as("status %s", demo.status()).isTrue();
        }
        assertThat(ProcessSupervisor.instance().running()).as("children left running").isEmpty();
    }
}
