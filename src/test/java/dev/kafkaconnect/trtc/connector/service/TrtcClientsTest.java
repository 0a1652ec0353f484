package dev.kafkaconnect.trtc.connector.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.RateLimiter;
import dev.kafkaconnect.trtc.api.TrtcApiClient;
import dev.kafkaconnect.trtc.api.TrtcClientConfig;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.connector.TrtcSourceConnectorTest;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

/**
 * The client a task builds gives each enabled stream's action a limiter of its own at the task's share, apart from
 * the call-detail limiter, so the two budgets never mix.
 */
class TrtcClientsTest {
    static final String CALL_DETAIL = ApiGeneration.SEED.callDetailAction();

    static TrtcSourceTaskConfig task(Map<String, String> connectorProps, Map<EventStream, Integer> shares) {
        return new TrtcSourceTaskConfig(TrtcSourceTaskConfig.of(connectorProps,
                List.of(TrtcSourceConnectorTest.APP + "_218695_1789996400"), 7, shares, 0));
    }

    @Test
    void theAbnormalExperiencesActionGetsItsOwnLimiterAtTheTasksShare() {
        TrtcSourceTaskConfig config = task(TrtcSourceConnectorTest.valid(), Map.of(EventStream.ABNORMAL_EXPERIENCES, 3));
        try (TrtcApiClient client = TrtcClients.create(config, config.taskRateLimit(), Time.SYSTEM)) {
            TrtcClientConfig c = client.config();
            RateLimiter callDetail = c.rateLimiter(CALL_DETAIL);
            RateLimiter experiences = c.rateLimiter(UnusualEventRequest.ACTION);
            assertThat(callDetail.permits()).isEqualTo(7);
            assertThat(experiences).isNotSameAs(callDetail);
            assertThat(experiences.permits()).isEqualTo(3);
            assertThat(experiences.window()).as("with the same jitter margin as the call-detail limiter")
                    .isEqualTo(callDetail.window()).isEqualTo(Duration.ofMillis(1040));
            assertThat(c.rateLimiter(UserEventRequest.ACTION)).as("a stream not read keeps the client's default")
                    .isNotSameAs(experiences).isNotSameAs(callDetail);
        }
    }

    @Test
    void theUserEventsActionGetsItsOwnLimiterAtTheTasksShare() {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(TrtcSourceConfig.STREAMS, "user-events,abnormal-experiences");
        TrtcSourceTaskConfig config = task(props, Map.of(EventStream.ABNORMAL_EXPERIENCES, 3,
                EventStream.USER_EVENTS, 2));
        try (TrtcApiClient client = TrtcClients.create(config, config.taskRateLimit(), Time.SYSTEM)) {
            TrtcClientConfig c = client.config();
            RateLimiter callDetail = c.rateLimiter(CALL_DETAIL);
            RateLimiter experiences = c.rateLimiter(UnusualEventRequest.ACTION);
            RateLimiter userEvents = c.rateLimiter(UserEventRequest.ACTION);
            assertThat(userEvents).isNotSameAs(callDetail).isNotSameAs(experiences);
            assertThat(userEvents.permits()).isEqualTo(2);
            assertThat(experiences.permits()).isEqualTo(3);
            assertThat(callDetail.permits()).isEqualTo(7);
            assertThat(userEvents.window()).as("with the same jitter margin as the call-detail limiter")
                    .isEqualTo(callDetail.window()).isEqualTo(Duration.ofMillis(1040));
        }
    }

    @Test
    void aTaskReadingOnlyUserEventsLeavesTheOtherStreamsActionAtTheClientsDefault() {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(TrtcSourceConfig.STREAMS, "user-events");
        TrtcSourceTaskConfig config = task(props, Map.of(EventStream.USER_EVENTS, 4));
        RateLimiter observed = TrtcClients.limiter(5);
        try (TrtcApiClient client = TrtcClients.create(config, observed, Time.SYSTEM)) {
            RateLimiter userEvents = client.config().rateLimiter(UserEventRequest.ACTION);
            assertThat(client.config().rateLimiter(CALL_DETAIL)).isSameAs(observed);
            assertThat(userEvents).isNotSameAs(observed).satisfies(l -> assertThat(l.permits()).isEqualTo(4));
            assertThat(client.config().rateLimiter(UnusualEventRequest.ACTION)).isNotSameAs(userEvents)
                    .isNotSameAs(observed);
        }
    }

    @Test
    void aGivenCallDetailLimiterIsNotSharedWithTheStreamsAction() {
        TrtcSourceTaskConfig config = task(TrtcSourceConnectorTest.valid(), Map.of(EventStream.ABNORMAL_EXPERIENCES, 2));
        RateLimiter observed = TrtcClients.limiter(5);
        try (TrtcApiClient client = TrtcClients.create(config, observed, Time.SYSTEM)) {
            assertThat(client.config().rateLimiter(CALL_DETAIL)).isSameAs(observed);
            assertThat(client.config().rateLimiter(UnusualEventRequest.ACTION)).isNotSameAs(observed)
                    .satisfies(l -> assertThat(l.permits()).isEqualTo(2));
        }
    }

    @Test
    void aConnectorLevelClientUsesTheConnectorWideBudget() {
        Map<String, String> props = TrtcSourceConnectorTest.valid();
        props.put(TrtcSourceConfig.ABNORMAL_EXPERIENCES_RATE_LIMIT, "9");
        try (TrtcApiClient client = TrtcClients.create(new TrtcSourceConfig(props), 2, Time.SYSTEM)) {
            assertThat(client.config().rateLimiter(UnusualEventRequest.ACTION).permits()).isEqualTo(9);
            assertThat(client.config().rateLimiter(CALL_DETAIL).permits()).isEqualTo(2);
        }
        props.put(TrtcSourceConfig.STREAMS, "abnormal-experiences,user-events");
        props.put(TrtcSourceConfig.USER_EVENTS_RATE_LIMIT, "6");
        try (TrtcApiClient client = TrtcClients.create(new TrtcSourceConfig(props), 2, Time.SYSTEM)) {
            assertThat(client.config().rateLimiter(UserEventRequest.ACTION).permits()).isEqualTo(6);
            assertThat(client.config().rateLimiter(UnusualEventRequest.ACTION).permits()).isEqualTo(9);
        }
    }
}
