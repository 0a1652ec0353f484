package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.demo.FreePorts;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The task metrics of a connector on a real worker (a child JVM with remote JMX on loopback), read over JMX as an
 * operator's monitoring would, agree with the simulator's own counters; the SecretKey reaches the worker through
 * the {@code file} config provider.
 */
class WorkerMetricsIT {
    private static final int JMX_PORT = FreePorts.next();

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w
                    .jvmOption("-Dcom.sun.management.jmxremote.port=" + JMX_PORT)
                    .jvmOption("-Dcom.sun.management.jmxremote.rmi.port=" + JMX_PORT)
                    .jvmOption("-Dcom.sun.management.jmxremote.host=127.0.0.1")
                    .jvmOption("-Djava.rmi.server.hostname=127.0.0.1")
                    .jvmOption("-Dcom.sun.management.jmxremote.authenticate=false")
                    .jvmOption("-Dcom.sun.management.jmxremote.ssl=false"))
            .scenario(CallScenario::varied);

    @Test
    void taskMetricsOverJmxMatchTheSimulatorsCounters() throws Exception {
        int jmxPort = JMX_PORT;
        CallScenario scenario = ENV.scenario();
        try (ConnectorRun run = ENV.run("metrics")) {
            java.util.Map<String, String> config = run.config();
            assertThat(config.get("trtc.secret.key")).as("secret through the file provider").startsWith("${file:");
            run.create(config);
            run.awaitAllCallsFinished();
            DeliveryReport<Sample> samples = run.samples();
            assertThat(samples.missing()).as("samples: %s", samples).isEmpty();

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection jmx = connector.getMBeanServerConnection();
                String action = ApiGeneration.SUCCESSOR.callDetailAction();
                long okSeed = sum(jmx, "api-sends-total", "outcome=ok,action="
                        + ApiGeneration.SEED.callDetailAction());
                long okSuccessor = sum(jmx, "api-sends-total", "outcome=ok,action=" + action);
                long simOk = scenario.simulator().stats().ok(ApiGeneration.SEED.callDetailAction())
                        + scenario.simulator().stats().ok(action);
                assertThat(okSeed + okSuccessor).as("ok sends over JMX = the simulator's ok answers")
                        .isEqualTo(simOk).isPositive();
                long emitted = sum(jmx, "sample-records-total", null);
                assertThat(emitted).as("samples emitted (at least once: at least those delivered)")
                        .isGreaterThanOrEqualTo(samples.expected());
                assertThat(sum(jmx, "calls-finished-total", null)).isEqualTo(scenario.commIds().size());
                assertThat(sum(jmx, "calls-owned", null)).isZero();
                assertThat(jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=metrics,call=*,*"),
                        null)).as("no per-call metrics once every call is finished").isEmpty();
            }
        }
    }

    /** Sums an attribute over the connector's tasks (and any extra tags). */
    private static long sum(MBeanServerConnection jmx, String attribute, String tags) throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=metrics,"
                + (tags == null ? "" : tags + ",") + "*"), null);
        long total = 0;
        for (ObjectName name : names) {
            try {
                Object v = jmx.getAttribute(name, attribute);
                total += ((Number) v).longValue();
            } catch (javax.management.AttributeNotFoundException e) {
                // another metric group of the same tags
            }
        }
        return total;
    }
}
