package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.demo.KafkaClasspath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code kafka-producer-perf-test} ({@code ProducerPerformance} from kafka-tools) in a child JVM with
 * the same Java options and Kafka classpath as the worker's, so both sides pay the same JVM and client costs.
 */
final class PerfTestRun {
    /** Its summary line: "N records sent, R records/sec (M MB/sec), ...". */
    private static final Pattern SUMMARY = Pattern.compile(
            "^(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\).*$", Pattern.MULTILINE);

    record Result(long records, double recordsPerSecond, double mbPerSecond, String summary) {
    }

    private PerfTestRun() {
    }

    /**
     * Sends {@code records} payloads from {@code payloadFile} (one a line) to {@code topic} with {@code producer}
     * settings; {@code transactionMs > 0} commits a transaction that often.
     */
    static Result run(KafkaClasspath classpath, List<String> jvmOptions, String bootstrap, String topic,
                      long records, Path payloadFile, Map<String, String> producer, long transactionMs, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath.value(), "org.apache.kafka.tools.ProducerPerformance",
                "--bootstrap-server", bootstrap, "--topic", topic, "--num-records", Long.toString(records),
                "--throughput", "-1", "--payload-file", payloadFile.toString(), "--reporting-interval", "5000"));
        if (transactionMs > 0) {
            command.addAll(List.of("--transaction-duration-ms", Long.toString(transactionMs)));
        }
        command.add("--command-property");
        producer.forEach((k, v) -> command.add(k + "=" + v));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish in 20 minutes; see " + log);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("ProducerPerformance failed (" + p.exitValue() + "):\n" + out);
        }
        Matcher m = SUMMARY.matcher(out);
        Result last = null;
        while (m.find()) {
            last = new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), m.group());
        }
        if (last == null || last.records() != records) {
            throw new IllegalStateException("no summary of " + records + " records in ProducerPerformance's output:\n"
                    + out);
        }
        return last;
    }
}
