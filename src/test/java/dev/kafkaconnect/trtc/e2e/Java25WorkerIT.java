package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.demo.ConnectRestClient.PluginInfo;
import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.demo.FreePorts;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The plugin, built for Java 17, on a distributed worker running on Java 25 (what users may already run), installed
 * as users install it: the Confluent Hub zip unzipped into a directory on {@code plugin.path}. With exactly-once
 * source support, every sample of a finished call arrives once and {@code GET /connectors/{name}/offsets} answers.
 * The worker is a group of its own on the shared broker, which saves starting one.
 * <p>
 * Skipped, with the reason, when no Java 25 is found: {@code $TRTC_JAVA25_HOME}, else a directory
 * {@code /usr/lib/jvm/*25*} whose {@code release} file says Java 25.
 */
@ExtendWith(Java25WorkerIT.Java25Installed.class)
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class Java25WorkerIT {
    static final String JAVA_HOME_VARIABLE = "TRTC_JAVA25_HOME";
    static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
    static final String FEATURE_VERSION = "25";
    /** The worker's own report of its Java comes over remote JMX on loopback. */
    private static final int JMX_PORT = FreePorts.next();

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w.groupId("trtc-connect-java25").exactlyOnce(true)
                    .javaHome(Java25Installed.find().home().orElseThrow())
                    .jvmOption("-Dcom.sun.management.jmxremote.port=" + JMX_PORT)
                    .jvmOption("-Dcom.sun.management.jmxremote.rmi.port=" + JMX_PORT)
                    .jvmOption("-Dcom.sun.management.jmxremote.host=127.0.0.1")
                    .jvmOption("-Djava.rmi.server.hostname=127.0.0.1")
                    .jvmOption("-Dcom.sun.management.jmxremote.authenticate=false")
                    .jvmOption("-Dcom.sun.management.jmxremote.ssl=false"))
            .onSharedBroker().pluginPath(E2eEnvironment::pluginPathFromHubZip).scenario(Java25WorkerIT::scenario);

    /** One finished call of three users, a few minutes long: enough to span several requests, quick to read. */
    static CallScenario scenario() {
        long t = Instant.now().getEpochSecond() - 3 * 3600;
        return CallScenario.start(List.of(CallSpec.builder("java25-call").user("host", t, t + 240)
                .user("guest-1", t + 10, t + 230).user("guest-2", t + 40, t + 180).build()), b -> b);
    }

    @Test
    void pluginBuiltForJava17RunsExactlyOnceOnAWorkerOnJava25() throws Exception {
        Path javaHome = Java25Installed.find().home().orElseThrow();
        ConnectWorkerProcess worker = ENV.stack().worker();
        // The executable alone could be a launcher that picks another Java: the JVM's own runtime bean settles it.
        assertThat(ProcessHandle.of(worker.pid()).flatMap(p -> p.info().command()))
                .as("executable of the worker process %d", worker.pid())
                .hasValue(javaHome.resolve("bin").resolve("java").toRealPath().toString());
        WorkerJvm jvm = workerJvm();
        assertThat(jvm.specVersion()).as("java.specification.version of the worker's JVM (%s)", jvm)
                .isEqualTo(FEATURE_VERSION);
        assertThat(Path.of(jvm.javaHome()).toRealPath()).as("java.home of the worker's JVM")
                .isEqualTo(javaHome.toRealPath());

        assertThat(worker.rest().connectorPlugins(false)).as("plugins the worker loaded from the unzipped zip")
                .extracting(PluginInfo::className)
                .contains("dev.kafkaconnect.trtc.connector.TrtcSourceConnector",
                        "dev.kafkaconnect.trtc.converter.RegistryAvroConverter");

        try (ConnectorRun run = ENV.run("java25")) {
            Map<String, String> config = run.config();
            config.put("exactly.once.support", "required");
            run.create(config);
            run.awaitAllCallsFinished();

            DeliveryReport<Sample> samples = run.samples();
            System.out.printf("worker on %s: samples %s; participants %s%n", jvm, samples, run.participants());
            assertThat(samples.expected()).as("scenario size").isGreaterThan(100);
            assertThat(samples.isExact()).as("samples: %s", samples).isTrue();
            assertThat(run.participants().isExact()).as("participants: %s", run.participants()).isTrue();
            assertThat(run.callEnds().isExact()).as("call ends: %s", run.callEnds()).isTrue();

            JsonNode offsets = run.rest().offsets(run.name()).path("offsets");
            assertThat(offsets).as("GET /connectors/%s/offsets: %s", run.name(), offsets).singleElement()
                    .satisfies(o -> {
                        assertThat(o.path("partition").path("commId").asText())
                                .isEqualTo(ENV.scenario().commIds().get(0));
                        assertThat(o.path("offset").path("finished").asBoolean()).as("finished").isTrue();
                    });
        }
    }

    record WorkerJvm(String specVersion, String vendor, String vmVersion, String javaHome) {
    }

    private static WorkerJvm workerJvm() throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + JMX_PORT + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(connector.getMBeanServerConnection(),
                    ManagementFactory.RUNTIME_MXBEAN_NAME, RuntimeMXBean.class);
            return new WorkerJvm(runtime.getSpecVersion(), runtime.getVmVendor(), runtime.getVmVersion(),
                    runtime.getSystemProperties().get("java.home"));
        }
    }

    /**
     * Where Java 25 is installed, or why none was found. Evaluated before any {@code beforeAll} callback, so a
     * skipped class starts neither the simulator nor a worker, and the reason shows in the test report.
     */
    static final class Java25Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Found found = find();
            return found.home().isPresent()
                    ? ConditionEvaluationResult.enabled("Java " + FEATURE_VERSION + " at " + found.home().get())
                    : ConditionEvaluationResult.disabled(found.reason() + "; install a JDK " + FEATURE_VERSION
                            + " under " + JVM_DIRECTORY + " or set " + JAVA_HOME_VARIABLE + " to run this test");
        }

        record Found(Optional<Path> home, String reason) {
        }

        /** The variable when set (a wrong one is reported, not passed over), else the first match in /usr/lib/jvm. */
        static Found find() {
            String variable = System.getenv(JAVA_HOME_VARIABLE);
            if (variable != null && !variable.isBlank()) {
                Path home = Path.of(variable);
                String problem = problem(home);
                return problem == null ? new Found(Optional.of(home), "")
                        : new Found(Optional.empty(), JAVA_HOME_VARIABLE + "=" + variable + ": " + problem);
            }
            if (!Files.isDirectory(JVM_DIRECTORY)) {
                return new Found(Optional.empty(), "no " + JVM_DIRECTORY + " and no " + JAVA_HOME_VARIABLE);
            }
            List<String> rejected = new ArrayList<>();
            try (Stream<Path> dirs = Files.list(JVM_DIRECTORY)) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().contains(FEATURE_VERSION)).sorted()
                        .toList()) {
                    String problem = problem(dir);
                    if (problem == null) {
                        return new Found(Optional.of(dir), "");
                    }
                    rejected.add(dir + ": " + problem);
                }
            } catch (IOException e) {
                return new Found(Optional.empty(), "cannot list " + JVM_DIRECTORY + ": " + e);
            }
            return new Found(Optional.empty(), "no Java " + FEATURE_VERSION + " in " + JVM_DIRECTORY + "/*"
                    + FEATURE_VERSION + "*" + (rejected.isEmpty() ? "" : " " + rejected));
        }

        /** Why {@code home} is not a Java 25 installation, or null when it is. */
        private static String problem(Path home) {
            if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return "no executable bin/java";
            }
            Properties release = new Properties();
            try (var in = Files.newBufferedReader(home.resolve("release"))) {
                release.load(in);
            } catch (IOException e) {
                return "no readable release file (" + e.getMessage() + ")";
            }
            String version = release.getProperty("JAVA_VERSION", "").replace("\"", "");
            return version.equals(FEATURE_VERSION) || version.startsWith(FEATURE_VERSION + ".") ? null
                    : "its release file says JAVA_VERSION=" + version;
        }
    }
}
