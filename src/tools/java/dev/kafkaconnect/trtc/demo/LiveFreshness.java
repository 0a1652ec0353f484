package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * How fresh the live samples are in Kafka, as the connector's tasks measure it (their
 * {@code live-sample-lag-seconds} metrics), read over the worker's JMX on loopback as an operator's monitoring
 * would read it; beside it, the floor the settle delay and the poll interval set.
 */
final class LiveFreshness implements AutoCloseable {
    private static final String P50 = "live-sample-lag-seconds-p50";
    private static final String P99 = "live-sample-lag-seconds-p99";
    private static final String MAX = "live-sample-lag-seconds-max";
    private static final String COUNT = "live-samples-acknowledged-total";

    private final int port;
    private final String connector;
    private final long settleMs;
    private final long pollMs;
    /** Opened on first use, again after a failure (the worker may still be starting). */
    private JMXConnector jmx;

    LiveFreshness(int port, String connector, long settleMs, long pollMs) {
        this.port = port;
        this.connector = connector;
        this.settleMs = settleMs;
        this.pollMs = pollMs;
    }

    /** Options of the worker's JVM that open its JMX on loopback at {@code port}, unauthenticated: a demo only. */
    static List<String> workerJvmOptions(int port) {
        return List.of("-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false");
    }

    /** A header and one line per task: its delays over the last minutes, or why there are none. */
    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("          %-44s %8s %8s %8s %9s", "live samples, sample time to acked in Kafka",
                "p50", "p99", "max", "samples") + String.format("   (floor %s-%s s: settle delay + up to a poll "
                + "interval)", seconds(settleMs), seconds(settleMs + pollMs)));
        try {
            Map<String, double[]> tasks = read();
            if (tasks.isEmpty()) {
                out.add("          (no task metrics yet)");
            }
            tasks.forEach((task, v) -> out.add(String.format("          %-44s %8s %8s %8s %9.0f", "task " + task,
                    delay(v[0]), delay(v[1]), delay(v[2]), v[3])));
        } catch (IOException | RuntimeException | javax.management.JMException e) {
            close();
            out.add("          (task metrics unavailable: " + e.getClass().getSimpleName() + ")");
        }
        return out;
    }

    private Map<String, double[]> read() throws IOException, javax.management.JMException {
        if (jmx == null) {
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(
                    "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi"));
        }
        MBeanServerConnection server = jmx.getMBeanServerConnection();
        Map<String, double[]> tasks = new TreeMap<>();
        for (ObjectName name : server.queryNames(new ObjectName("kafka.connect:type=plugins,connector="
                + connector + ",task=*,trtc-task=*"), null)) {
            double[] v = new double[4];
            String[] attributes = {P50, P99, MAX, COUNT};
            for (int i = 0; i < attributes.length; i++) {
                v[i] = ((Number) server.getAttribute(name, attributes[i])).doubleValue();
            }
            tasks.put(name.getKeyProperty("task"), v);
        }
        return tasks;
    }

    private static String delay(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format("%.1f s", seconds);
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%.1f", ms / 1000.0);
    }

    @Override
    public synchronized void close() {
        if (jmx != null) {
            try {
                jmx.close();
            } catch (IOException ignored) {
                // The worker is going or gone: nothing to release on this side.
            }
            jmx = null;
        }
    }
}
