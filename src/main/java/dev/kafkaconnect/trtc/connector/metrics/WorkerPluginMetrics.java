package dev.kafkaconnect.trtc.connector.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's plugin metrics (KIP-877) where the runtime has them. {@code pluginMetrics()} and
 * {@code PluginMetrics} exist from Kafka Connect 4.1 on; older workers, which the plugin also supports, would fail
 * the task with {@code NoSuchMethodError} at the call. There the task and the connector run without registered
 * metrics, and a WARN says what is missing and which runtime has it.
 */
public final class WorkerPluginMetrics {
    /** The first Kafka Connect release whose contexts hand plugins a metrics registry. */
    public static final String SINCE = "4.1";
    static final String METHOD = "pluginMetrics";
    private static final Logger log = LoggerFactory.getLogger(WorkerPluginMetrics.class);

    private WorkerPluginMetrics() {
    }

    /** A task's registration: the worker's registry on 4.1+, else a disabled one (and a WARN). */
    public static MetricsRegistration forTask(SourceTaskContext context, int taskIndex) {
        if (!available(SourceTaskContext.class, "metrics of task " + taskIndex + " (kafka.connect:type=plugins,...,trtc-task=" + taskIndex + ")")) {
            return new MetricsRegistration(null, taskIndex);
        }
        return Linked.task(context, taskIndex);
    }

    /** The connector's registration (discovery metrics): the worker's registry on 4.1+, else a disabled one. */
    public static MetricsRegistration forConnector(ConnectorContext context) {
        if (!available(ConnectorContext.class, "call discovery metrics (kafka.connect:type=plugins,...)")) {
            return MetricsRegistration.forConnector(null);
        }
        return Linked.connector(context);
    }

    /**
     * Whether {@code contextApi}, as the worker loaded it, declares {@code pluginMetrics()}; WARNs naming
     * {@code what} when it does not. The worker's own interface is what counts: the plugin is compiled against a
     * newer one than an old worker provides.
     */
    static boolean available(Class<?> contextApi, String what) {
        boolean declared = Arrays.stream(contextApi.getMethods()).anyMatch(m -> m.getName().equals(METHOD)
                && m.getParameterCount() == 0);
        if (!declared) {
            log.warn("The {} are not available: this Kafka Connect runtime ({}) has no {}.{}() (KIP-877); "
                            + "they need Kafka Connect {} or later. Everything else works without them.",
                    what, runtimeVersion(), contextApi.getSimpleName(), METHOD, SINCE);
        }
        return declared;
    }

    /**
     * The worker's Kafka version, from the file its clients jar carries ({@code AppInfoParser}, which reads it,
     * moved to an internal package in Kafka 4.4).
     */
    static String runtimeVersion() {
        Properties version = new Properties();
        try (InputStream in = ConfigDef.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                version.load(in);
            }
        } catch (IOException e) {
            log.debug("Cannot read the worker's Kafka version", e);
        }
        return version.getProperty("version", "unknown version");
    }

    /**
     * The only place that links to {@code pluginMetrics()}: a class of its own, loaded and linked only once the
     * method is known to exist, so no older runtime ever resolves it.
     */
    private static final class Linked {
        static MetricsRegistration task(SourceTaskContext context, int taskIndex) {
            return new MetricsRegistration(context.pluginMetrics(), taskIndex);
        }

        static MetricsRegistration connector(ConnectorContext context) {
            return MetricsRegistration.forConnector(context.pluginMetrics());
        }
    }
}
