package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.kafkaconnect.trtc.demo.DemoOptions;
import dev.kafkaconnect.trtc.demo.DemoSummary;
import dev.kafkaconnect.trtc.demo.ProcessSupervisor;
import dev.kafkaconnect.trtc.demo.TrtcDemo;

/**
 * The demo as {@code mvn -Pdemo verify -Ddemo.args="--duration 60s --plain"} runs it (registry, Avro converter,
 * finished and live calls): its summary agrees with the simulator's ground truth and it leaves nothing running.
 */
class TrtcDemoIT {

    @Test
    void summaryMatchesTheSimulatorsGroundTruth() {
        DemoOptions options = DemoOptions.parse(
                new String[] {"--calls", "2", "--live-calls", "1", "--duration", "60s", "--plain"}, Map.of());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoSummary summary = new TrtcDemo(options, new PrintStream(printed, true, StandardCharsets.UTF_8), false)
                .run();
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(output).as("output").contains("Registry:     http://127.0.0.1:").contains("First records")
                .contains("Summary");
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

    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
