package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.demo.ConnectRestClient.PluginInfo;
import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plugin on distributed workers of each supported Kafka Connect version ({@value ConnectRuntimes#VERSIONS_PROPERTY},
 * set by {@code -Pcompat}; skipped, with the reason, without it): Kafka's own jars of that
 * version, the built plugin on {@code plugin.path}, exactly-once source support, a worker killed and restarted
 * mid-read. Every sample of the finished calls arrives exactly once; {@code GET} and {@code PATCH
 * /connectors/{name}/offsets} work; on runtimes before 4.1, which have no plugin metrics, the worker's log names
 * the missing metrics instead of a linkage error. Each version's worker is a group of its own on the build's
 * broker (clients of every tested version talk to it).
 */
@ExtendWith(ConnectRuntimeCompatIT.VersionsGiven.class)
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class ConnectRuntimeCompatIT {
    /** Calls read one request at a time, so the worker's restart lands between the first and the last. */
    private static final int CALLS = 6;

    @RegisterExtension
    static final ParameterResolver EXTENSION_CONTEXT = new ParameterResolver() {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ExtensionContext.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context;
        }
    };

    static Stream<String> versions() {
        return ConnectRuntimes.versions().stream();
    }

    @ParameterizedTest(name = "Kafka Connect {0}")
    @MethodSource("versions")
    void readsExactlyOnceAcrossAWorkerRestartWithTheOffsetsApi(String version, ExtensionContext context)
            throws IOException {
        String id = version.replace('.', '-');
        E2eStack env = E2eStack.withWorker(w -> w.groupId("trtc-connect-compat-" + id).exactlyOnce(true))
                .onSharedBroker().workerClasspath(() -> ConnectRuntimes.classpath(version))
                .scenario(() -> CallScenario.many(CALLS));
        try (env) {
            env.start(context);
            ConnectWorkerProcess worker = env.stack().worker();
            assertThat(worker.rest().serverInfo().path("version").asText()).as("version the worker reports")
                    .isEqualTo(version);
            assertThat(worker.rest().connectorPlugins(false)).as("plugins loaded by Kafka Connect %s", version)
                    .extracting(PluginInfo::className)
                    .contains("dev.kafkaconnect.trtc.connector.TrtcSourceConnector",
                            "dev.kafkaconnect.trtc.converter.RegistryAvroConverter");

            try (ConnectorRun run = env.run("compat-" + id)) {
                Map<String, String> config = run.config();
                config.put("exactly.once.support", "required");
                config.put("trtc.rate.limit", "1");
                run.create(config);

                int finishedBefore = Waits.value("a first call finished and committed, not all of them",
                        Duration.ofMinutes(2), () -> {
                            run.failFastIfFailed();
                            int finished = run.finishedCalls().size();
                            return finished > 0 ? Optional.of(finished) : Optional.empty();
                        }, run::diagnostics);
                worker.kill();
                assertThat(finishedBefore).as("calls finished when the worker was killed").isLessThan(CALLS);
                worker.restart();
                run.awaitAllCallsFinished();

                DeliveryReport<Sample> samples = run.samples();
                System.out.printf("Kafka Connect %s: %d of %d calls finished at the kill; samples %s; "
                        + "participants %s; call ends %s%n", version, finishedBefore, CALLS, samples,
                        run.participants(), run.callEnds());
                assertThat(samples.expected()).as("scenario size").isGreaterThan(100);
                assertThat(samples.isExact()).as("samples on %s: %s", version, samples).isTrue();
                assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();
                assertThat(run.callEnds().isExact()).as("call ends: %s", run.callEnds()).isTrue();

                Map<String, JsonNode> offsets = run.offsetsByCall();
                assertThat(offsets.keySet()).as("GET /connectors/%s/offsets on %s", run.name(), version)
                        .containsExactlyInAnyOrderElementsOf(env.scenario().commIds());
                assertThat(offsets.values()).allSatisfy(o -> assertThat(o.path("offset").path("finished")
                        .asBoolean()).as("finished: %s", o).isTrue());

                // The runtime hands the PATCH to the connector's alterOffsets, which checks the offset's format.
                run.rest().stopConnector(run.name());
                run.awaitState("STOPPED");
                SimulatedCall call = env.scenario().calls().get(0);
                long cursor = call.createTime() + 60;
                ObjectNode body = new ObjectMapper().createObjectNode();
                ObjectNode entry = body.putArray("offsets").addObject();
                entry.set("partition", offsets.get(call.commId()).get("partition"));
                entry.putObject("offset").put("v", 1).put("cursor", cursor);
                run.rest().alterOffsets(run.name(), body);
                assertThat(run.offsetsByCall().get(call.commId()).path("offset").path("cursor").asLong())
                        .as("cursor of %s after PATCH on %s", call.commId(), version).isEqualTo(cursor);
            }

            String log = Files.readString(worker.logFile());
            assertThat(log).as("worker log of Kafka Connect %s", version)
                    .doesNotContain("NoSuchMethodError").doesNotContain("NoClassDefFoundError");
            String missingMetrics = "are not available: this Kafka Connect runtime (" + version + ")";
            if (hasPluginMetrics(version)) {
                assertThat(log).as("worker log of Kafka Connect %s", version).doesNotContain(missingMetrics);
            } else {
                assertThat(log).as("worker log of Kafka Connect %s: the task's missing metrics named", version)
                        .contains("The metrics of task 0 (").contains(missingMetrics)
                        .contains("need Kafka Connect 4.1 or later");
            }
        }
    }

    /**
     * Skips the class without versions to test: one version takes 21-29 s and its first resolution about 5 s more,
     * about what the default build can spare at best, so the matrix runs in its own profile.
     */
    static final class VersionsGiven implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return ConnectRuntimes.versions().isEmpty()
                    ? ConditionEvaluationResult.disabled("no Connect runtime versions in -D"
                            + ConnectRuntimes.VERSIONS_PROPERTY + "; the compat profile (-Pcompat) sets them")
                    : ConditionEvaluationResult.enabled("Connect runtimes " + ConnectRuntimes.versions());
        }
    }

    /** KIP-877's plugin metrics came with Kafka Connect 4.1. */
    static boolean hasPluginMetrics(String version) {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return major > 4 || major == 4 && minor >= 1;
    }
}
