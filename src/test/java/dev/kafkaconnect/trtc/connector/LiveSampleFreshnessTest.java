package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.FakeTrtcApi.LIVE;
import static dev.kafkaconnect.trtc.connector.TaskHarness.commId;
import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * The delay from a live sample's time to the broker's acknowledgement of its record ({@code commitRecord}), on the
 * task's own clock: samples of windows read live count, the backlog read while catching up does not, nor do
 * participant records or records a transformation dropped.
 */
class LiveSampleFreshnessTest {
    static final long T0 = 1_790_000_000L;
    static final String CALL = commId("218695", T0);
    static final long SETTLE = 300;
    static final long POLL = 60;
    /** The histogram's bucket: 1/1000 of the floor's maximum (settle delay plus poll interval). */
    static final double BUCKET = (SETTLE + POLL) / 1000.0;

    @Test
    void liveSamplesAreTimedFromTheirTimeToTheirAcknowledgementAndTheBacklogIsNot() {
        MockTime clock = new MockTime(0, (T0 + 600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, LIVE), new User("b", T0 + 10, LIVE));
        api.step = 2;
        TestTaskContext context = new TestTaskContext(clock);
        try (TaskHarness h = new TaskHarness(clock, api, context).start(props(List.of(CALL)))) {
            h.drain(2, 20);
            List<SourceRecord> backlog = List.copyOf(h.records);
            assertThat(backlog).as("the first 300 s, read while catching up").isNotEmpty();
            clock.sleep(500);
            acknowledge(h.task, backlog);
            assertThat(context.metric("live-samples-acknowledged-total")).as("the backlog is not counted")
                    .isEqualTo(0L);
            assertThat((Double) context.metric("live-sample-lag-seconds-p99")).isNaN();

            // Each live window [c, c + 60) is due at c + 60 + the settle delay; acknowledged 1.5 s later.
            List<Double> lags = new ArrayList<>();
            clock.sleep(59_500);
            for (int i = 0; i < 3; i++) {
                int before = h.records.size();
                h.drain(2, 20);
                List<SourceRecord> window = List.copyOf(h.records.subList(before, h.records.size()));
                clock.sleep(1_500);
                acknowledge(h.task, window);
                window.stream().filter(TaskHarness::isSample)
                        .forEach(r -> lags.add((clock.milliseconds() - r.timestamp()) / 1000.0));
                clock.sleep(60_000 - 1_500);
            }
            // A record a transformation dropped never reached Kafka.
            h.task.commitRecord(h.records.get(h.records.size() - 1), null);

            assertThat(lags).as("samples of three live windows of 60 s, every 2 s").hasSizeGreaterThan(3 * 30);
            assertThat(context.metric("live-samples-acknowledged-total")).isEqualTo((long) lags.size());
            List<Double> sorted = lags.stream().sorted().toList();
            assertThat((Double) context.metric("live-sample-lag-seconds-max")).as("exact")
                    .isEqualTo(SETTLE + POLL + 1.5);
            assertThat(sorted.get(0)).as("the floor: the settle delay").isGreaterThan((double) SETTLE);
            // A percentile is the lower edge of its bucket.
            assertThat((Double) context.metric("live-sample-lag-seconds-p50"))
                    .isCloseTo(quantile(sorted, 0.50) - BUCKET / 2, within(BUCKET / 2 + 1e-9));
            assertThat((Double) context.metric("live-sample-lag-seconds-p99"))
                    .isCloseTo(quantile(sorted, 0.99) - BUCKET / 2, within(BUCKET / 2 + 1e-9));

            clock.sleep(7 * 60_000);
            assertThat((Double) context.metric("live-sample-lag-seconds-p99"))
                    .as("the percentiles cover the last 5 to 6 minutes").isNaN();
            assertThat(context.metric("live-samples-acknowledged-total")).isEqualTo((long) lags.size());
        }
    }

    /** As the worker does once the broker acknowledged each record. */
    private static void acknowledge(TrtcSourceTask task, List<SourceRecord> records) {
        for (SourceRecord r : records) {
            task.commitRecord(r, new RecordMetadata(new TopicPartition(r.topic(), 0), 0, 0, r.timestamp(), 0, 0));
        }
    }

    /** The smallest value with more than {@code q} of the values at or below it, as Kafka's histogram counts. */
    private static double quantile(List<Double> sorted, double q) {
        for (int i = 0; i < sorted.size(); i++) {
            if ((i + 1) / (double) sorted.size() > q) {
                return sorted.get(i);
            }
        }
        return sorted.get(sorted.size() - 1);
    }
}
