package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.demo.FreePorts;
import dev.kafkaconnect.trtc.demo.Waits;
import java.time.Duration;
import java.util.Map;
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
 * the {@code file} config provider. A second connector on the same worker, in discover mode, shows its discovery
 * metrics at the connector's level.
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
                long okSeed = sum(jmx, "metrics", "api-sends-total", "outcome=ok,action="
                        + ApiGeneration.SEED.callDetailAction());
                long okSuccessor = sum(jmx, "metrics", "api-sends-total", "outcome=ok,action=" + action);
                long simOk = scenario.simulator().stats().ok(ApiGeneration.SEED.callDetailAction())
                        + scenario.simulator().stats().ok(action);
                assertThat(okSeed + okSuccessor).as("ok sends over JMX = the simulator's ok answers")
                        .isEqualTo(simOk).isPositive();
                long emitted = sum(jmx, "metrics", "sample-records-total", null);
                assertThat(emitted).as("samples emitted (at least once: at least those delivered)")
                        .isGreaterThanOrEqualTo(samples.expected());
                assertThat(sum(jmx, "metrics", "calls-finished-total", null)).isEqualTo(scenario.commIds().size());
                assertThat(sum(jmx, "metrics", "calls-owned", null)).isZero();
                assertThat(jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=metrics,call=*,*"),
                        null)).as("no per-call metrics once every call is finished").isEmpty();

                discoveryMetrics(jmx, run, scenario);
            }
        }
    }

    /**
     * The freshness of a live call's samples over JMX, as the worker's task publishes it: samples of windows read
     * live are counted, and their delay from sample time to the broker's acknowledgement lies above the settle
     * delay (no sample can be read before it) and within bounds no loaded machine reaches.
     */
    @Test
    void liveSampleLagIsPublishedOverJmxAndPlausible() throws Exception {
        long settleMs = 5_000;
        long pollMs = 2_000;
        try (CallScenario live = CallScenario.live(20, Duration.ofSeconds(2));
             ConnectorRun run = ENV.run(live, "metrics-live");
             JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(
                     "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + JMX_PORT + "/jmxrmi"))) {
            Map<String, String> config = run.config();
            config.put("trtc.settle.delay.ms", Long.toString(settleMs));
            config.put("trtc.poll.interval.ms", Long.toString(pollMs));
            run.create(config);
            MBeanServerConnection jmx = connector.getMBeanServerConnection();
            ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=metrics-live,task=0,trtc-task=0");
            long acknowledged = 0;
            for (int window = 1; window <= 3; window++) {
                long before = acknowledged;
                acknowledged = Waits.value("more live samples acknowledged over JMX (" + window + " of 3)",
                        Duration.ofMinutes(2), () -> {
                            run.failFastIfFailed();
                            long now = acknowledged(jmx, task);
                            return now > before ? java.util.Optional.of(now) : java.util.Optional.empty();
                        }, run::diagnostics);
            }
            long counted = (Long) jmx.getAttribute(task, "live-samples-acknowledged-total");
            double p50 = (Double) jmx.getAttribute(task, "live-sample-lag-seconds-p50");
            double p99 = (Double) jmx.getAttribute(task, "live-sample-lag-seconds-p99");
            double max = (Double) jmx.getAttribute(task, "live-sample-lag-seconds-max");
            System.out.printf("live call over JMX: %d live samples, delay to ack p50 %.2f s, p99 %.2f s, "
                    + "max %.2f s (settle %d ms, poll %d ms)%n", counted, p50, p99, max, settleMs, pollMs);
            assertThat(counted).as("live samples are quality records the task emitted")
                    .isLessThanOrEqualTo(sum(jmx, "metrics-live", "sample-records-total", null));
            // A percentile is its bucket's lower edge: 1/1000 of the settle delay plus the poll interval.
            double bucket = (settleMs + pollMs) / 1e6;
            assertThat(p50).as("no sample is read before it settled").isGreaterThan(settleMs / 1000.0 - bucket);
            assertThat(p99).isGreaterThanOrEqualTo(p50).isLessThanOrEqualTo(max);
            assertThat(max).as("seconds").isLessThan(120.0);
        }
    }

    /** The task's live samples acknowledged so far; 0 while its metrics are not registered. */
    private static long acknowledged(MBeanServerConnection jmx, ObjectName task) {
        try {
            return jmx.isRegistered(task) ? (Long) jmx.getAttribute(task, "live-samples-acknowledged-total") : 0;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + task + " over JMX", e);
        }
    }

    /**
     * A discover-mode connector beside the first: one listing round (the interval is an hour, so the counts
     * cannot move while they are read), its results as connector-level MBeans.
     */
    private static void discoveryMetrics(MBeanServerConnection jmx, ConnectorRun run, CallScenario scenario)
            throws Exception {
        String name = "metrics-discovery";
        Map<String, String> config = run.config();
        config.remove("trtc.comm.ids");
        config.put("trtc.calls.mode", "discover");
        config.put("trtc.start", "PT8H");
        config.put("trtc.discovery.interval.ms", "3600000");
        config.put("trtc.discovery.min.reconfigure.interval.ms", "0");
        config.put("trtc.discovery.room.include", "e2e-.*");
        config.put("trtc.topic.samples", "e2e." + name + ".quality");
        config.put("trtc.topic.participants", "e2e." + name + ".participants");
        run.rest().createConnector(name, config);
        ObjectName connector = new ObjectName("kafka.connect:type=plugins,connector=" + name);
        Waits.until("the discovery metrics of " + name + " after its first listing", Duration.ofMinutes(1), () -> {
            try {
                return jmx.isRegistered(connector) && ((Number) jmx.getAttribute(connector, "reconfigurations-total"))
                        .longValue() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        long rooms = scenario.commIds().size();
        assertThat(jmx.getAttribute(connector, "calls-known")).isEqualTo(rooms);
        assertThat(jmx.getAttribute(connector, "calls-discovered-total")).isEqualTo(rooms);
        assertThat(jmx.getAttribute(new ObjectName(connector + ",reason=room-pattern"), "calls-filtered"))
                .as("the numeric room 8801").isEqualTo(1L);
        assertThat(jmx.getAttribute(connector, "calls-assigned")).isEqualTo(rooms - 1);
        assertThat(jmx.getAttribute(connector, "listing-failures-consecutive")).isEqualTo(0L);
        assertThat((Long) jmx.getAttribute(connector, "last-listing-age-seconds")).isBetween(0L, 60L);
        long roomListOk = scenario.simulator().stats().ok("DescribeRoomInformation")
                + scenario.simulator().stats().ok("DescribeRoomInfo");
        assertThat(sum(jmx, name, "room-list-requests-total", "outcome=ok"))
                .as("room-list requests over JMX = the simulator's ok answers").isEqualTo(roomListOk).isPositive();
    }

    /** Sums an attribute over the connector's MBeans (its tasks', and any extra tags). */
    private static long sum(MBeanServerConnection jmx, String connector, String attribute, String tags)
            throws Exception {
        Set<ObjectName> names = jmx.queryNames(new ObjectName("kafka.connect:type=plugins,connector=" + connector + ","
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
