package dev.kafkaconnect.trtc.connector.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.config.EventStream;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event streams' task metrics, as the worker's registry shows them. */
class StreamMetricsTest {
    private final Metrics registry = new Metrics();
    private final TaskCounters counters = new TaskCounters();

    @AfterEach
    void close() {
        registry.close();
    }

    private void register() {
        counters.register(new MetricsRegistration(
                new PluginMetricsImpl(registry, Map.of("connector", "test", "task", "0")), 0));
    }

    /** The value of the one metric named {@code name} whose tags include {@code tags}; null when there is none. */
    private Object value(String name, Map<String, String> tags) {
        Object found = null;
        for (Map.Entry<MetricName, KafkaMetric> e : registry.metrics().entrySet()) {
            if (e.getKey().name().equals(name) && e.getKey().tags().entrySet().containsAll(tags.entrySet())) {
                assertThat(found).as("one metric %s %s", name, tags).isNull();
                found = e.getValue().metricValue();
            }
        }
        return found;
    }

    @Test
    void theAbnormalExperienceCountersAreRegisteredUnderTheirNames() {
        register();
        counters.experienceRecords.addAndGet(5);
        counters.experienceRequests.addAndGet(4);
        counters.experiencesPossiblyIncomplete.addAndGet(3);
        counters.experienceWindowsSplit.addAndGet(2);
        counters.experienceWindowsSkipped.addAndGet(1);
        Map<String, String> task = Map.of(TaskMetric.TASK_TAG, "0");
        assertThat(value("abnormal-experience-records-total", task)).isEqualTo(5L);
        assertThat(value("abnormal-experience-requests-total", task)).isEqualTo(4L);
        assertThat(value("abnormal-experiences-possibly-incomplete-total", task)).isEqualTo(3L);
        assertThat(value("abnormal-experience-windows-split-total", task)).isEqualTo(2L);
        assertThat(value("abnormal-experience-windows-skipped-total", task)).isEqualTo(1L);
        assertThat(value("records-total", task)).as("the counters are apart from the others").isEqualTo(0L);
    }

    @Test
    void theUserEventCountersAreRegisteredUnderTheirNames() {
        register();
        counters.userEventRecords.addAndGet(6);
        counters.userEventRequests.addAndGet(4);
        counters.userEventRangesSkipped.addAndGet(1);
        Map<String, String> task = Map.of(TaskMetric.TASK_TAG, "0");
        assertThat(value("user-event-records-total", task)).isEqualTo(6L);
        assertThat(value("user-event-requests-total", task)).isEqualTo(4L);
        assertThat(value("user-event-ranges-skipped-total", task)).isEqualTo(1L);
        assertThat(value("abnormal-experience-records-total", task)).as("apart from the other stream's").isEqualTo(0L);
        assertThat(value("abnormal-experience-requests-total", task)).isEqualTo(0L);
        assertThat(value("records-total", task)).as("the counters are apart from the others").isEqualTo(0L);
    }

    @Test
    void eachEnabledStreamHasItsOwnDisabledFlag() {
        register();
        Map<String, String> users = Map.of("stream", "user-events");
        Map<String, String> experiences = Map.of("stream", "abnormal-experiences");
        counters.streams(Set.of(EventStream.ABNORMAL_EXPERIENCES, EventStream.USER_EVENTS));
        assertThat(value("stream-disabled", users)).isEqualTo(0L);
        assertThat(value("stream-disabled", experiences)).isEqualTo(0L);

        counters.streamDisabled(EventStream.USER_EVENTS);
        assertThat(value("stream-disabled", users)).isEqualTo(1L);
        assertThat(counters.isStreamDisabled(EventStream.USER_EVENTS)).isTrue();
        assertThat(value("stream-disabled", experiences)).as("the other stream goes on").isEqualTo(0L);
        assertThat(counters.isStreamDisabled(EventStream.ABNORMAL_EXPERIENCES)).isFalse();
    }

    @Test
    void anEnabledStreamShowsZeroUntilTheServiceRefusesItsAction() {
        register();
        Map<String, String> tags = Map.of("stream", "abnormal-experiences");
        assertThat(value("stream-disabled", tags)).as("before the task names its streams").isNull();
        counters.streams(Set.of(EventStream.ABNORMAL_EXPERIENCES));
        assertThat(value("stream-disabled", tags)).isEqualTo(0L);
        assertThat(counters.isStreamDisabled(EventStream.ABNORMAL_EXPERIENCES)).isFalse();

        counters.streamDisabled(EventStream.ABNORMAL_EXPERIENCES);
        assertThat(value("stream-disabled", tags)).isEqualTo(1L);
        assertThat(counters.isStreamDisabled(EventStream.ABNORMAL_EXPERIENCES)).isTrue();
        counters.streamDisabled(EventStream.ABNORMAL_EXPERIENCES);
        assertThat(value("stream-disabled", tags)).as("a flag, not a count").isEqualTo(1L);
    }

    @Test
    void aStreamDisabledBeforeRegistrationIsShownOnceRegistered() {
        counters.streamDisabled(EventStream.ABNORMAL_EXPERIENCES);
        register();
        assertThat(value("stream-disabled", Map.of("stream", "abnormal-experiences"))).isEqualTo(1L);
    }
}
