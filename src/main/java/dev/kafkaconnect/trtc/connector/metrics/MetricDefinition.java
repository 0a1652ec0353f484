package dev.kafkaconnect.trtc.connector.metrics;

import java.util.List;

/** A metric the connector or a task registers: one definition serves registration and the generated docs. */
public interface MetricDefinition {
    String metricName();

    String description();

    /** Tags each value of the metric carries, besides those of its registration. */
    List<String> tags();
}
