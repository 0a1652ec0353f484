package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.demo.WorkerSettings;

/**
 * The SecretKey given through the worker's {@code env} and {@code directory} config providers, enabled by the
 * shipped {@code config/worker-config-providers.properties}: the connector authenticates (every sample arrives)
 * while the key itself appears nowhere an operator or attacker could look: not in the REST answers (which show
 * the reference), the status, the task configurations, the config topic, or anything the worker wrote.
 */
class ConfigProvidersIT {
    static final String WORKER_SNIPPET = "config/worker-config-providers.properties";
    private static final String ENV_VAR = "TRTC_SECRET_KEY";
    private static final String ENV_SECRET_ID = "AKIDenvProvider0000000000000000000000";
    private static final String ENV_SECRET_KEY = "env-secret-" + UUID.randomUUID();
    private static final String DIR_SECRET_ID = "AKIDdirectoryProvider000000000000000";
    private static final String DIR_SECRET_KEY = "dir-secret-" + UUID.randomUUID();
    private static final String SECRET_FILE = "trtc-secret-key";

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(ConfigProvidersIT::worker)
            .scenario(() -> CallScenario.many(4, b -> b.addCredentials(ENV_SECRET_ID, ENV_SECRET_KEY)
                    .addCredentials(DIR_SECRET_ID, DIR_SECRET_KEY)));

    /** The shipped provider settings, an allowlist for the env provider, and the secret in the environment. */
    private static WorkerSettings.Builder worker(WorkerSettings.Builder w) {
        Properties snippet = new Properties();
        Path file = E2eEnvironment.projectFile(WORKER_SNIPPET);
        try (Reader in = Files.newBufferedReader(file)) {
            snippet.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        assertThat(snippet.getProperty("config.providers")).as(WORKER_SNIPPET).contains("env", "directory");
        snippet.stringPropertyNames().forEach(k -> w.property(k, snippet.getProperty(k)));
        return w.property("config.providers.env.param.allowlist.pattern", "TRTC_.*")
                .environment(ENV_VAR, ENV_SECRET_KEY);
    }

    @Test
    void secretKeyFromAnEnvironmentVariableOfTheWorker() throws IOException {
        String reference = "${env:" + ENV_VAR + "}";
        readsEverythingWithoutShowingTheSecret("env-provider", ENV_SECRET_ID, reference, ENV_SECRET_KEY);
    }

    @Test
    void secretKeyFromAFileInASecretsDirectory() throws IOException {
        Path dir = Files.createDirectories(ENV.stack().worker().workDir().resolve("run-secrets"));
        // The whole file is the value: no trailing newline.
        Files.writeString(dir.resolve(SECRET_FILE), DIR_SECRET_KEY, StandardCharsets.UTF_8);
        String reference = "${directory:" + dir.toAbsolutePath() + ":" + SECRET_FILE + "}";
        readsEverythingWithoutShowingTheSecret("directory-provider", DIR_SECRET_ID, reference, DIR_SECRET_KEY);
    }

    private static void readsEverythingWithoutShowingTheSecret(String name, String secretId, String reference,
                                                               String secret) throws IOException {
        KafkaConnectStack stack = ENV.stack();
        try (ConnectorRun run = ENV.run(name)) {
            Map<String, String> config = run.config();
            config.put("trtc.secret.id", secretId);
            config.put("trtc.secret.key", reference);
            run.create(config);
            run.awaitAllCallsFinished();

            DeliveryReport<Sample> samples = run.samples();
            assertThat(samples.isExact()).as("samples read with the key from %s: %s", reference, samples).isTrue();
            assertThat(samples.expected()).isPositive();
            assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();

            assertThat(run.rest().connectorConfig(name).path("trtc.secret.key").asText())
                    .as("the key in GET /connectors/%s/config", name).isEqualTo(reference);
            assertThat(run.rest().connectorConfig(name).toString()).doesNotContain(secret);
            assertThat(run.rest().taskConfigs(name).toString()).as("task configurations").doesNotContain(secret);
            assertThat(run.rest().status(name).toString()).as("status").doesNotContain(secret);
            List<String> stored = configTopic(stack);
            assertThat(stored).as("connector configuration records in the config topic")
                    .anySatisfy(r -> assertThat(r).contains(reference))
                    .allSatisfy(r -> assertThat(r).doesNotContain(secret));
            for (ConnectWorkerProcess worker : stack.workers()) {
                assertThat(filesUnder(worker.workDir())).as("files the worker wrote").isNotEmpty()
                        .allSatisfy(f -> assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
                                .as("%s", f).doesNotContain(secret));
            }
            run.rest().deleteConnector(name);
        }
    }

    /** Every file of a worker's directory (its log, properties), except the secret files the test put there. */
    private static List<Path> filesUnder(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(SECRET_FILE))
                    .filter(f -> !f.getParent().getFileName().toString().equals("secrets"))
                    .toList();
        }
    }

    /** The values of the worker group's config topic, from its start to its end, as text. */
    private static List<String> configTopic(KafkaConnectStack stack) {
        Properties props = stack.clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("trtc-connect-configs").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Waits.until("the config topic to be read to its end", Duration.ofSeconds(60), () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        values.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return values;
    }
}
