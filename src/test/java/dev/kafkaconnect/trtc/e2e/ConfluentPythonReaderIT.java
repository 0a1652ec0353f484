package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The records the connector writes through {@code RegistryAvroConverter} in a real worker are read by a consumer
 * nobody here wrote: Confluent's Python client ({@code confluent_kafka}, Debian's {@code /usr/bin/python3}),
 * which parses the wire format, fetches the writer schemas from the registry's Confluent API and decodes keys and
 * values itself. Every field of every record it prints must equal what the project's own converter decodes from the
 * same bytes, and those decode to the simulator's ground truth: non-ASCII user and device names, nulls (uplink
 * {@code peerId}, missing snapshot metrics, dropped client IPs, no leave time) and timestamp-millis included, in both
 * record shapes.
 * <p>
 * Skipped, with the reason, when {@code /usr/bin/python3} cannot import the client ({@code .ci/run} installs Debian's
 * packages).
 */
@ExtendWith(ConfluentPythonReaderIT.PythonClientInstalled.class)
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class ConfluentPythonReaderIT {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String SCRIPT = "src/test/python/confluent_avro_reader.py";
    static final String ZOE = "学生-Zoë";
    static final String JOSE = "老师-José";
    static final String ZOE_DEVICE = "华为 Mate 60 «Pro»";
    /** The script's own bound on reading; the subprocess gets a little longer to report it. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w).scenario(ConfluentPythonReaderIT::scenario);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One finished call of three users, two with non-ASCII ids; Zoë's device facts give a non-ASCII device type and
     * an empty SDK version (a null field).
     */
    static CallScenario scenario() {
        long t = Instant.now().getEpochSecond() - 3 * 3600;
        return CallScenario.start(List.of(CallSpec.builder("python-reader").user(ZOE, t, t + 90)
                .user(JOSE, t + 5, t + 80).user("ascii-only", t + 10, t + 60)
                .device(ZOE, ZOE_DEVICE, "", "203.0.113.7").build()), b -> b);
    }

    @Test
    void confluentsPythonClientReadsEveryFieldAsOurConverterDoes(@TempDir Path dir) throws Exception {
        String registryUrl = ApicurioRegistry.shared().ccompatUrl();
        RecordFormat avro = RecordFormat.avro(registryUrl);
        try (ConnectorRun narrow = ENV.run("python-reader-samples", avro);
             ConnectorRun wide = ENV.run("python-reader-snapshots", avro)) {
            String snapshotsTopic = wide.samplesTopic().replaceFirst("\\.samples$", ".snapshots");
            narrow.create(narrow.config());
            Map<String, String> wideConfig = wide.config();
            wideConfig.put("trtc.record.shape", "snapshot");
            wideConfig.put("trtc.topic.snapshots", snapshotsTopic);
            wide.create(wideConfig);
            narrow.awaitAllCallsFinished();
            wide.awaitAllCallsFinished();

            assertThat(narrow.samples().isExact()).as("samples: %s", narrow.samples()).isTrue();
            assertThat(narrow.participants().isExact()).as("participants: %s", narrow.participants()).isTrue();
            assertThat(narrow.callEnds().isExact()).as("call ends: %s", narrow.callEnds()).isTrue();
            assertThat(wide.participants().isExact()).as("participants (snapshot run): %s", wide.participants())
                    .isTrue();
            assertThat(wide.callEnds().isExact()).as("call ends (snapshot run): %s", wide.callEnds()).isTrue();

            List<String> topics = List.of(narrow.samplesTopic(), narrow.participantsTopic(), narrow.callsTopic(),
                    snapshotsTopic, wide.participantsTopic(), wide.callsTopic());
            Map<String, ObjectNode> ours = readWithOurConverter(narrow, registryUrl, topics);
            List<ObjectNode> snapshots = valuesOf(ours, snapshotsTopic);
            DeliveryReport<Sample> flattened = DeliveryReport.compare(ENV.scenario().expectedSamples(),
                    snapshots.stream().flatMap(ConfluentPythonReaderIT::samplesOf).toList());
            assertThat(flattened.isExact()).as("snapshots, flattened to samples: %s", flattened).isTrue();

            long started = System.nanoTime();
            Map<String, ObjectNode> theirs = readWithConfluentPython(narrow, registryUrl, topics, ours.size(), dir);
            System.out.printf("Confluent's Python client read %d records of %s in %d ms%n", theirs.size(), topics,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));

            assertThat(theirs.keySet()).as("records Confluent's Python client read (topic/partition/offset)")
                    .containsExactlyElementsOf(ours.keySet());
            List<String> differing = ours.keySet().stream()
                    .filter(id -> !ours.get(id).equals(SAME_JSON_TYPE_AND_VALUE, theirs.get(id))).toList();
            assertThat(differing).as("records Confluent's Python client decoded differently: %d of %d, such as%s",
                    differing.size(), ours.size(), differing.stream().limit(3).map(id -> "\n" + id
                            + "\n  our converter:   " + ours.get(id) + "\n  confluent_kafka: " + theirs.get(id))
                            .collect(Collectors.joining())).isEmpty();

            // What the equality above covered: the cases this test exists for are in the data.
            List<ObjectNode> samples = valuesOf(theirs, narrow.samplesTopic());
            assertThat(samples).as("samples").isNotEmpty()
                    .anySatisfy(v -> assertThat(v.get("peerId").isNull()).isTrue())
                    .anySatisfy(v -> assertThat(v.get("peerId").asText()).isEqualTo(JOSE))
                    .anySatisfy(v -> assertThat(v.get("userId").asText()).isEqualTo(ZOE))
                    .allSatisfy(v -> assertThat(v.get("time").isIntegralNumber()).as("time in %s", v).isTrue());
            assertThat(valuesOf(theirs, snapshotsTopic)).as("snapshots").isNotEmpty()
                    .anySatisfy(v -> assertThat(v.get("peerId").isNull() && v.get("appCpu").isDouble()
                            && v.get("sysCpu").isNull() && v.get("otherMetrics").isNull()).as("%s", v).isTrue())
                    .anySatisfy(v -> assertThat(v.get("peerId").asText().equals(ZOE) && v.get("aBit").isDouble()
                            && v.get("appCpu").isNull()).as("%s", v).isTrue());
            assertThat(valuesOf(theirs, narrow.participantsTopic())).as("participants")
                    .anySatisfy(v -> assertThat(List.of(v.get("userId").asText(), v.get("deviceType").asText(),
                            v.get("sdkVersion").isNull(), v.get("clientIp").isNull()))
                            .isEqualTo(List.of(ZOE, ZOE_DEVICE, true, true)));
            assertThat(theirs.values()).as("keys").anySatisfy(r -> assertThat(r.get("key").path("userId").asText())
                    .isEqualTo(ZOE));
            assertThat(valuesOf(theirs, narrow.callsTopic())).as("call ends").singleElement()
                    .satisfies(v -> assertThat(v.get("endTime").asLong())
                            .isEqualTo(ENV.scenario().expectedCallEnds().get(0).endMillis()));
        }
    }

    /** The values of {@code topic}'s records, in partition and offset order. */
    private static List<ObjectNode> valuesOf(Map<String, ObjectNode> records, String topic) {
        return records.values().stream().filter(r -> r.get("topic").asText().equals(topic))
                .map(r -> (ObjectNode) r.get("value")).toList();
    }

    /** The samples one snapshot stands for: one per metric field that is not null. */
    private static Stream<Sample> samplesOf(ObjectNode snapshot) {
        List<Sample> out = new ArrayList<>();
        String peer = snapshot.get("peerId").isNull() ? null : snapshot.get("peerId").asText();
        for (String metric : List.of("appCpu", "sysCpu", "aBit", "aBlock", "bigvBit", "bigvCapFps", "bigvEncFps",
                "bigvDecFps", "bigvBlock", "aLoss", "bigvLoss", "bigvWidth", "bigvHeight", "aCapEnergy", "aPlayEnergy",
                "rtt", "bigvRecFps")) {
            JsonNode value = snapshot.get(metric);
            if (value == null) {
                throw new AssertionError("snapshot without the field " + metric + ": " + snapshot);
            }
            if (!value.isNull()) {
                out.add(new Sample(snapshot.get("commId").asText(), snapshot.get("userId").asText(), peer, metric,
                        snapshot.get("time").asLong(), value.doubleValue()));
            }
        }
        assertThat(snapshot.get("otherMetrics").isNull()).as("otherMetrics of %s", snapshot).isTrue();
        return out.stream();
    }

    /**
     * Every record of {@code topics}, read from the start with {@code read_committed} up to the end, keys and values
     * decoded by {@link RegistryAvroConverter}, in the form the Python script prints, by topic/partition/offset.
     */
    private static Map<String, ObjectNode> readWithOurConverter(ConnectorRun run, String registryUrl,
                                                                List<String> topics) {
        RegistryAvroConverter keys = new RegistryAvroConverter();
        keys.configure(Map.of("schema.registry.url", registryUrl), true);
        RegistryAvroConverter values = new RegistryAvroConverter();
        values.configure(Map.of("schema.registry.url", registryUrl), false);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.stack().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "python-reader-ours-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, ObjectNode> out = new TreeMap<>(Comparator.comparing(ConfluentPythonReaderIT::order));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t).stream()
                    .map(p -> new TopicPartition(t, p.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Waits.until("our converter's reader to reach the end of " + topics, Duration.ofSeconds(30), () -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    SchemaAndValue key = keys.toConnectData(r.topic(), r.headers(), r.key());
                    SchemaAndValue value = values.toConnectData(r.topic(), r.headers(), r.value());
                    ObjectNode record = JsonNodeFactory.instance.objectNode();
                    record.put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset());
                    record.set("key", json(key.schema(), key.value()));
                    record.set("value", json(value.schema(), value.value()));
                    out.put(id(r.topic(), r.partition(), r.offset()), record);
                }
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            }, run::diagnostics);
        } finally {
            keys.close();
            values.close();
        }
        return out;
    }

    /** Connect data as JSON: structs and maps as objects, Timestamps as epoch milliseconds. */
    static JsonNode json(Schema schema, Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (Timestamp.LOGICAL_NAME.equals(schema.name())) {
            return f.numberNode(((Date) value).getTime());
        }
        switch (schema.type()) {
            case STRUCT -> {
                Struct struct = (Struct) value;
                ObjectNode node = f.objectNode();
                for (Field field : schema.fields()) {
                    node.set(field.name(), json(field.schema(), struct.getWithoutDefault(field.name())));
                }
                return node;
            }
            case MAP -> {
                ObjectNode node = f.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> node.set((String) k, json(schema.valueSchema(), v)));
                return node;
            }
            case ARRAY -> {
                ArrayNode node = f.arrayNode();
                ((List<?>) value).forEach(v -> node.add(json(schema.valueSchema(), v)));
                return node;
            }
            case INT8, INT16, INT32, INT64 -> {
                return f.numberNode(((Number) value).longValue());
            }
            case FLOAT32, FLOAT64 -> {
                return f.numberNode(((Number) value).doubleValue());
            }
            case BOOLEAN -> {
                return f.booleanNode((Boolean) value);
            }
            case STRING -> {
                return f.textNode((String) value);
            }
            default -> throw new IllegalArgumentException("no JSON form for a " + schema.type() + " in this test");
        }
    }

    /**
     * Runs the script on Debian's Python with a bounded wait and parses its JSON lines, by topic/partition/offset.
     * {@code -I}: the interpreter's own packages only, whatever PYTHONPATH or user site the test JVM inherited.
     */
    private Map<String, ObjectNode> readWithConfluentPython(ConnectorRun run, String registryUrl, List<String> topics,
                                                            int expected, Path dir) throws Exception {
        Path stdout = dir.resolve("records.jsonl");
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-I",
                E2eEnvironment.projectFile(SCRIPT).toAbsolutePath().toString(),
                "--bootstrap-servers", ENV.stack().bootstrapServers(), "--registry-url", registryUrl,
                "--expect", Integer.toString(expected), "--timeout", Long.toString(READ_TIMEOUT.toSeconds())));
        command.addAll(topics);
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        long waitSeconds = READ_TIMEOUT.toSeconds() + 15;
        if (!process.waitFor(waitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("%s did not end within %d s; its stderr:%n%s%n%s", SCRIPT, waitSeconds, read(stderr),
                    run.diagnostics());
        }
        String errors = read(stderr);
        assertThat(process.exitValue()).as("exit status of %s; its stderr:%n%s", SCRIPT, errors).isZero();
        System.out.print(errors);
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            ObjectNode record = (ObjectNode) JSON.readTree(line);
            String id = id(record.get("topic").asText(), record.get("partition").asInt(),
                    record.get("offset").asLong());
            if (out.put(id, record) != null) {
                fail("%s printed %s twice", SCRIPT, id);
            }
        }
        return out;
    }

    /**
     * Equal JSON values of the same kind: integers with integers, floating-point numbers with floating-point numbers
     * (whatever width the parser chose), everything else by {@link JsonNode#equals}.
     */
    static final Comparator<JsonNode> SAME_JSON_TYPE_AND_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            }
            if (a.isFloatingPointNumber() && b.isFloatingPointNumber()) {
                return Double.compare(a.doubleValue(), b.doubleValue());
            }
            return 1;
        }
        return a.equals(b) ? 0 : 1;
    };

    private static String id(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** Topic, then partition and offset as numbers: the order the script prints in. */
    private static String order(String id) {
        String[] parts = id.split("/");
        return String.format("%s/%010d/%019d", parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Skips the class when Debian's Python lacks Confluent's client, before its stack or scenario starts (a
     * condition is evaluated before any {@code beforeAll} callback), with the reason in the test report.
     */
    static final class PythonClientInstalled implements ExecutionCondition {
        private static final String PACKAGES = "python3-confluent-kafka python3-avro python3-requests";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = missing();
            return missing == null ? ConditionEvaluationResult.enabled(PYTHON + " imports Confluent's client")
                    : ConditionEvaluationResult.disabled(missing + "; install Debian's " + PACKAGES
                            + " (as .ci/run does) to run this test");
        }

        /** Why the client cannot be used, or null when it can. */
        private static String missing() {
            if (!Files.isExecutable(PYTHON)) {
                return PYTHON + " not found";
            }
            try {
                Process check = new ProcessBuilder(PYTHON.toString(), "-I", "-c",
                        "import confluent_kafka, confluent_kafka.avro, avro, requests").redirectErrorStream(true)
                        .start();
                boolean ended = check.waitFor(30, TimeUnit.SECONDS);
                if (!ended) {
                    check.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!ended) {
                    return PYTHON + " did not import Confluent's client within 30 s";
                }
                return check.exitValue() == 0 ? null : PYTHON + " cannot import Confluent's client: " + output;
            } catch (IOException e) {
                return PYTHON + " could not be run: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while checking " + PYTHON;
            }
        }
    }
}
