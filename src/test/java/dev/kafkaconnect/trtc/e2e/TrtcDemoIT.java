package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.demo.ConnectRestClient;
import dev.kafkaconnect.trtc.demo.DemoOptions;
import dev.kafkaconnect.trtc.demo.DemoSession;
import dev.kafkaconnect.trtc.demo.DemoSummary;
import dev.kafkaconnect.trtc.demo.ProcessSupervisor;
import dev.kafkaconnect.trtc.demo.TrtcDemo;
import dev.kafkaconnect.trtc.demo.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The demo as {@code mvn -Pdemo verify -Ddemo.args="--duration 60s --plain"} runs it (registry, Avro converter,
 * finished and live calls): while it runs, the connector it created from the shipped example holds its SecretKey
 * as a {@code file} provider reference and both its topics fill; it shows the tasks' freshness metrics, read over
 * the worker's JMX; its summary agrees with the simulator's ground truth and it leaves nothing running.
 * <p>
 * It checks that no child process is left running: it runs alone ({@code @Isolated}: after the classes that run
 * concurrently), with the shared stacks ({@link SharedStacks}) stopped first.
 */
@Isolated
@ExtendWith(SharedStacks.NoneRunning.class)
class TrtcDemoIT {
    private static final Duration STARTUP = Duration.ofMinutes(3);

    @Test
    void summaryMatchesTheSimulatorsGroundTruth() {
        DemoOptions options = DemoOptions.parse(
                new String[] {"--calls", "2", "--live-calls", "1", "--duration", "60s", "--plain"}, Map.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        CompletableFuture<DemoSummary> demo = CompletableFuture.supplyAsync(
                () -> new TrtcDemo(options, out, false).run());

        // While the demo runs: the connector it created, through the addresses it printed.
        Map<String, String> started = Waits.value("the demo to print where it runs", STARTUP, () -> {
            if (demo.isDone()) {
                throw new Waits.AbortWaitException("the demo ended before it started: " + outcome(demo) + "\n"
                        + printed.toString(StandardCharsets.UTF_8));
            }
            return printedAddresses(printed.toString(StandardCharsets.UTF_8));
        });
        ConnectRestClient rest = new ConnectRestClient(started.get("rest"));
        String connector = started.get("connector");
        JsonNode config = rest.connectorConfig(connector);
        assertThat(config.path("trtc.secret.key").asText()).startsWith("${file:");
        List<String> topics = List.of(topic(config, "trtc.topic.samples"), topic(config, "trtc.topic.participants"));
        Waits.until("samples and participants in both topics", Duration.ofMinutes(2),
                () -> topicRecordCounts(started.get("kafka"), topics).values().stream().allMatch(n -> n > 0),
                () -> rest.status(connector) + "\n" + printed.toString(StandardCharsets.UTF_8));
        assertThat(rest.status(connector).isRunning()).as("status %s", rest.status(connector)).isTrue();

        DemoSummary summary = demo.join();
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(output).as("output").contains("Registry:     http://127.0.0.1:").contains("First records")
                .contains("Summary").contains("live samples, sample time to acked in Kafka");
        assertThat(Pattern.compile("(?m)^ +task \\d+ +(-|\\d+\\.\\d s) ").matcher(output).find())
                .as("the tasks' freshness metrics read over the worker's JMX in %s", output).isTrue();
        assertThat(summary.calls()).isEqualTo(3);
        assertThat(summary.finishedCalls()).as(output).isEqualTo(2);
        assertThat(summary.perCall()).filteredOn(DemoSummary.CallCount::finished).hasSize(2)
                .allSatisfy(c -> assertThat(c.read()).as(c.commId()).isEqualTo(c.expected()).isPositive());
        assertThat(summary.perCall()).filteredOn(c -> !c.finished()).singleElement()
                .satisfies(c -> assertThat(c.read()).as("live call read").isPositive()
                        .isLessThanOrEqualTo(c.expected()));
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.undecodable()).isZero();
        assertThat(summary.participants()).isPositive();
        assertThat(summary.requests()).isPositive();
        assertThat(summary.samplesRead()).isGreaterThanOrEqualTo(summary.settledRead());
        assertThat(ProcessSupervisor.instance().running()).as("children left running").isEmpty();
        java.util.regex.Matcher registry = java.util.regex.Pattern.compile("Registry: +http://127\\.0\\.0\\.1:(\\d+)/")
                .matcher(output);
        assertThat(registry.find()).as("registry address in %s", output).isTrue();
        assertThat(listening(Integer.parseInt(registry.group(1)))).as("registry still listening").isFalse();
    }

    /** Kafka's bootstrap servers, the Connect REST URL and the connector's name, once the demo printed them. */
    private static Optional<Map<String, String>> printedAddresses(String output) {
        Matcher kafka = Pattern.compile("(?m)^Kafka: +(\\S+)$").matcher(output);
        Matcher rest = Pattern.compile("(?m)^Connect REST: +(\\S+)$").matcher(output);
        Matcher connector = Pattern.compile("(?m)^Connector: +(\\S+) \\(").matcher(output);
        if (!kafka.find() || !rest.find() || !connector.find()) {
            return Optional.empty();
        }
        Map<String, String> found = new LinkedHashMap<>();
        found.put("kafka", kafka.group(1));
        found.put("rest", rest.group(1));
        found.put("connector", connector.group(1));
        return Optional.of(found);
    }

    private static Map<String, Long> topicRecordCounts(String bootstrapServers, List<String> topics) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        return DemoSession.topicRecordCounts(props, topics);
    }

    private static String outcome(CompletableFuture<DemoSummary> demo) {
        try {
            return "returned " + demo.join();
        } catch (RuntimeException e) {
            return "failed: " + e;
        }
    }

    /** A topic the connector writes to, as its configuration names it (with the connector's default template). */
    private static String topic(JsonNode config, String key) {
        String template = key.equals("trtc.topic.samples") ? "trtc.${sdkAppId}.quality"
                : "trtc.${sdkAppId}.participants";
        return config.path(key).asText(template).replace("${sdkAppId}", config.path("trtc.sdk.app.id").asText());
    }


    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
