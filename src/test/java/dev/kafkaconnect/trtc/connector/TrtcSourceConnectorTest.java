package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.DeliveryRepeats;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

public class TrtcSourceConnectorTest {
    static final long NOW = 1_790_000_000L;
    public static final long APP = TaskHarness.APP;
    static final String CALL = APP + "_218695_" + (NOW - 3600);

    final MockTime clock = new MockTime(0, NOW * 1000, 0);

    public static Map<String, String> valid() {
        Map<String, String> p = new HashMap<>();
        p.put(SECRET_ID, "AKIDexample");
        p.put(SECRET_KEY, "secret-key-value");
        p.put(SDK_APP_ID, Long.toString(APP));
        p.put(COMM_IDS, CALL);
        return p;
    }

    Map<String, List<String>> errors(Map<String, String> props) {
        return ValidationErrors.of(props, clock);
    }

    @Test
    void aValidConfigurationHasNoErrors() {
        assertThat(errors(valid())).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "trtc.comm.ids; ''; no calls listed",
        "trtc.comm.ids; 1400188366_218695; not of the form",
        "trtc.comm.ids; abc_218695_1590065777; numeric SdkAppId",
        "trtc.comm.ids; 1400000001_218695_1590065777; belongs to SDKAppID 1400000001",
        "trtc.comm.ids; 1400188366_1_1789990000,1400188366_1_1789990000; listed twice",
        "trtc.start; yesterday; not an ISO-8601 instant",
        "trtc.start; P15D; older than the service's lookback",
        "trtc.start; 2026-09-01T00:00:00Z; older than the service's lookback",
        "trtc.start; PT0S; must be positive",
        "trtc.end; 2026-09-01T00:00:00Z; is not after trtc.start",
        "trtc.end; soon; not an ISO-8601 instant",
        "trtc.metrics; aBit,bitrate; unknown metric 'bitrate'",
        "trtc.metrics; all,aBit; cannot be combined",
        "trtc.metrics; rtt; served only by the successor",
        "trtc.rate.limit; 0; Value must be at least 1",
        "trtc.max.in.flight; 0; Value must be at least 1",
        "trtc.endpoint; http://trtc.tencentcloudapi.com; plain http is allowed only to a loopback host",
        "trtc.endpoint; ftp://127.0.0.1; scheme must be https",
        "trtc.endpoint; https://trtc.tencentcloudapi.com/v3; give only scheme, host and port",
        "trtc.endpoint; not a url; not a URL",
        "trtc.api.generation; v3; must be one of",
        "trtc.client.ip.mode; mask; must be one of",
        "trtc.topic.samples; bad topic; not a valid topic name",
        "trtc.topic.participants; trtc.${sdkAppId}.quality; must differ from trtc.topic.samples",
        "trtc.topic.participants; trtc.${sdkAppId}.quality-snapshots; must differ from trtc.topic.snapshots",
        "trtc.topic.snapshots; trtc.${sdkAppId}.quality; must differ from trtc.topic.samples",
        "trtc.topic.snapshots; bad topic; not a valid topic name",
        "trtc.topic.calls; trtc.${sdkAppId}.participants; must differ from trtc.topic.participants",
        "trtc.topic.calls; trtc.${sdkAppId}.quality; must differ from trtc.topic.samples",
        "trtc.topic.calls; bad topic; not a valid topic name",
        "trtc.streams; user_events; unknown stream 'user_events'",
        "trtc.streams; samples; valid values: abnormal-experiences, user-events",
        "trtc.streams; abnormal-experiences,abnormal-experiences; is listed twice",
        "trtc.streams; user-events,abnormal-experiences,user-events; 'user-events' is listed twice",
        "trtc.abnormal.experiences.rate.limit; 0; Value must be at least 1",
        "trtc.user.events.rate.limit; 0; Value must be at least 1",
        "trtc.user.events.rate.limit; many; Not a number of type INT",
        "trtc.topic.user.events; bad topic; not a valid topic name",
        "trtc.topic.user.events; ${sdkappid}.x; not a valid topic name",
        "trtc.topic.abnormal.experiences; bad topic; not a valid topic name",
        "trtc.topic.abnormal.experiences; trtc.${sdkAppId}.quality; must differ from trtc.topic.samples",
        "trtc.topic.abnormal.experiences; trtc.${sdkAppId}.quality-snapshots; must differ from trtc.topic.snapshots",
        "trtc.topic.abnormal.experiences; trtc.${sdkAppId}.participants; must differ from trtc.topic.participants",
        "trtc.topic.abnormal.experiences; trtc.${sdkAppId}.calls; must differ from trtc.topic.calls",
        "trtc.record.shape; wide; must be one of [sample, snapshot]",
        "trtc.sdk.app.id; -5; Value must be at least 1",
        "trtc.lookback.ms; 60000; Value must be at least",
        "trtc.retry.backoff.max.ms; 10; must be at least trtc.retry.backoff.ms",
    })
    void eachMistakeIsReportedOnItsSetting(String key, String value, String message) {
        ValidationErrors.assertReportedOnItsKey(valid(), clock, key, value, message);
    }

    /**
     * A settle delay that leaves no window readable inside the lookback (after its margin, ServiceLookback's 600 s,
     * and the smallest window a task reads, the poll interval) is refused on the settle delay, naming both settings.
     */
    @ParameterizedTest(name = "lookback {0} ms, poll {1} ms, settle {2} ms")
    @CsvSource({
        "3600000,    60000,   86400000, 'trtc.settle.delay.ms = 86400000 leaves no readable window'",
        "3600000,    60000,    2940000, 'trtc.settle.delay.ms = 2940000 leaves no readable window'",
        "7200000,    60000,    6540000, 'trtc.poll.interval.ms = 60000'",
        "7200000,   600000,    6000000, 'at most 5999999'",
        "1209600000, 60000, 1209600000, 'Value must be no more than 86400000'",
    })
    void aSettleDelayThatLeavesNoReadableWindowIsRefusedOnTheSettleDelay(long lookback, long poll, long settle,
                                                                        String message) {
        Map<String, String> base = valid();
        base.put(START, "PT30M");
        base.put(LOOKBACK_MS, Long.toString(lookback));
        base.put(POLL_INTERVAL_MS, Long.toString(poll));
        ValidationErrors.assertReportedOnItsKey(base, clock, SETTLE_DELAY_MS, Long.toString(settle), message);
        if (!message.startsWith("Value")) {
            assertThat(errors(with(base, SETTLE_DELAY_MS, Long.toString(settle))).get(SETTLE_DELAY_MS))
                    .anySatisfy(m -> assertThat(m).contains(LOOKBACK_MS + " = " + lookback));
        }
    }

    @Test
    void aPollIntervalThatNoLookbackWindowHoldsIsRefusedOnThePollInterval() {
        Map<String, String> base = valid();
        base.put(START, "PT30M");
        base.put(LOOKBACK_MS, "3600000");
        base.put(SETTLE_DELAY_MS, "0");
        ValidationErrors.assertReportedOnItsKey(base, clock, POLL_INTERVAL_MS, "3000000",
                "trtc.lookback.ms = 3600000");
    }

    @ParameterizedTest(name = "lookback {0} ms, poll {1} ms, settle {2} ms")
    @CsvSource({
        "3600000,      60000,  2939000",
        "7200000,      60000,  6539000",
        "3600000,    1800000,   300000",
        "1209600000,   60000, 86400000",
    })
    void aSettleDelayThatLeavesAWindowIsAccepted(long lookback, long poll, long settle) {
        Map<String, String> props = valid();
        props.put(START, "PT30M");
        props.put(LOOKBACK_MS, Long.toString(lookback));
        props.put(POLL_INTERVAL_MS, Long.toString(poll));
        props.put(SETTLE_DELAY_MS, Long.toString(settle));
        assertThat(errors(props)).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> p = new HashMap<>(base);
        p.put(key, value);
        return p;
    }

    @Test
    void theRecordShapeIsSampleByDefaultAndEachShapeHasItsOwnTopic() {
        TrtcSourceConfig defaults = new TrtcSourceConfig(valid());
        assertThat(defaults.recordShape()).isEqualTo(dev.kafkaconnect.trtc.records.RecordShape.SAMPLE);
        assertThat(defaults.samplesTopic()).isEqualTo("trtc." + APP + ".quality");
        assertThat(defaults.snapshotsTopic()).isEqualTo("trtc." + APP + ".quality-snapshots");

        Map<String, String> props = valid();
        props.put(RECORD_SHAPE, "Snapshot");
        props.put(TOPIC_SNAPSHOTS, "wide.${sdkAppId}");
        TrtcSourceConfig snapshot = new TrtcSourceConfig(props);
        assertThat(snapshot.recordShape()).isEqualTo(dev.kafkaconnect.trtc.records.RecordShape.SNAPSHOT);
        assertThat(snapshot.snapshotsTopic()).isEqualTo("wide." + APP);
    }

    @Test
    void deliveryRepeatsAreBoundedByTheFlushIntervalUnlessOneRequestIsAskedFor() {
        assertThat(new TrtcSourceConfig(valid()).deliveryRepeats()).isEqualTo(DeliveryRepeats.FLUSH_INTERVAL);
        Map<String, String> props = valid();
        props.put(TrtcSourceConfig.DELIVERY_REPEATS, "one-request");
        assertThat(new TrtcSourceConfig(props).deliveryRepeats()).isEqualTo(DeliveryRepeats.ONE_REQUEST);
        props.put(TrtcSourceConfig.DELIVERY_REPEATS, "one_request");
        assertThat(errors(props)).containsOnlyKeys(TrtcSourceConfig.DELIVERY_REPEATS);
        assertThat(errors(props).get(TrtcSourceConfig.DELIVERY_REPEATS))
                .anySatisfy(m -> assertThat(m).contains("flush-interval, one-request"));
    }

    @Test
    void hashingClientIpsNeedsAKey() {
        Map<String, String> props = valid();
        props.put(CLIENT_IP_MODE, "hash");
        assertThat(errors(props)).containsOnlyKeys(CLIENT_IP_HASH_KEY);
        props.put(CLIENT_IP_HASH_KEY, "k");
        assertThat(errors(props)).isEmpty();
    }

    @Test
    void aSuccessorMetricIsFineWhenTheSuccessorIsChosenButNotForTheSeed() {
        Map<String, String> props = valid();
        props.put(METRICS, "rtt,aBit");
        props.put(API_GENERATION, "successor");
        assertThat(errors(props)).isEmpty();
        props.put(API_GENERATION, "seed");
        assertThat(errors(props).get(METRICS)).anySatisfy(m -> assertThat(m).contains("unknown metric 'rtt'"));
    }

    @Test
    void plainHttpToALoopbackSimulatorIsAccepted() {
        Map<String, String> props = valid();
        props.put(ENDPOINT, "http://127.0.0.1:18080");
        assertThat(errors(props)).isEmpty();
    }

    @Test
    void missingCredentialsAreReportedOnTheirSettings() {
        Map<String, String> props = valid();
        props.remove(SECRET_ID);
        props.remove(SECRET_KEY);
        assertThat(errors(props)).containsOnlyKeys(SECRET_ID, SECRET_KEY);
    }

    @Test
    void theOptionalCredentialCheckReportsRejectedCredentialsOnTheKeySettings() {
        Map<String, String> props = valid();
        props.put(VALIDATE_CREDENTIALS, "true");
        FakeTrtcApi api = new FakeTrtcApi(clock);
        api.failOnce(r -> FakeTrtcApi.error(ErrorKind.AUTH, "AuthFailure.SecretIdNotFound"));
        Config config = new TrtcSourceConnector((c, r, k) -> api, clock).validate(props);
        Map<String, List<String>> errors = config.configValues().stream().filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
        assertThat(errors).containsOnlyKeys(SECRET_ID, SECRET_KEY);
        assertThat(errors.get(SECRET_KEY).get(0)).contains("AuthFailure.SecretIdNotFound")
                .doesNotContain("secret-key-value");
        assertThat(api.requests).hasSize(1);
        assertThat(api.requests.get(0).dataTypes()).as("the cheapest query: user list only").isEmpty();
        assertThat(api.closed).isTrue();
    }

    @Test
    void theCredentialCheckFollowsAutoToTheSuccessor() {
        Map<String, String> props = valid();
        props.put(VALIDATE_CREDENTIALS, "true");
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL);
        api.unsupported.add(ApiGeneration.SEED);
        Config config = new TrtcSourceConnector((c, r, k) -> api, clock).validate(props);
        assertThat(config.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
        assertThat(api.generations).containsExactly(ApiGeneration.SEED, ApiGeneration.SUCCESSOR);
    }

    @Test
    void aWrongRegionFoundByTheCredentialCheckIsReportedOnTheRegion() {
        Map<String, String> props = valid();
        props.put(VALIDATE_CREDENTIALS, "true");
        FakeTrtcApi api = new FakeTrtcApi(clock);
        api.failOnce(r -> FakeTrtcApi.error(ErrorKind.REGION, "UnsupportedRegion"));
        Config config = new TrtcSourceConnector((c, r, k) -> api, clock).validate(props);
        assertThat(config.configValues().stream().filter(v -> !v.errorMessages().isEmpty()).map(ConfigValue::name))
                .containsExactly(REGION);
    }

    @Test
    void callsAreDividedAcrossAtMostTheRateLimitsWorthOfTasks() {
        Map<String, String> props = valid();
        List<String> calls = IntStream.range(0, 30).mapToObj(i -> APP + "_" + (1000 + i) + "_" + (NOW - i)).toList();
        props.put(COMM_IDS, String.join(",", calls));
        props.put(RATE_LIMIT, "4");
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(10);
        assertThat(configs).hasSize(4);
        Set<String> seen = new HashSet<>();
        int rateSum = 0;
        for (int t = 0; t < configs.size(); t++) {
            assertThat(configs.get(t)).as("task configs carry only their own calls").doesNotContainKey(COMM_IDS);
            TrtcSourceTaskConfig tc = new TrtcSourceTaskConfig(configs.get(t));
            assertThat(tc.taskIndex()).isEqualTo(t);
            rateSum += tc.taskRateLimit();
            for (CommId id : tc.taskCalls()) {
                assertThat(seen.add(id.value())).as("call %s in two tasks", id).isTrue();
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(calls);
        assertThat(rateSum).isEqualTo(4);

        props.put(RATE_LIMIT, "20");
        connector.start(props);
        configs = connector.taskConfigs(3);
        assertThat(configs).extracting(c -> c.get(TrtcSourceTaskConfig.TASK_RATE_LIMIT)).containsExactly("7", "7", "6");
    }

    @Test
    void aStreamNotReadMayShareATopicWithAnotherRecordType() {
        Map<String, String> props = valid();
        props.put(STREAMS, "");
        props.put(TOPIC_ABNORMAL_EXPERIENCES, props.getOrDefault(TOPIC_SAMPLES, "trtc.${sdkAppId}.quality"));
        assertThat(errors(props)).isEmpty();
    }

    /** With both streams read, the user-events topic differs from every other topic written, the other stream's too. */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "trtc.topic.user.events; trtc.${sdkAppId}.quality; must differ from trtc.topic.samples",
        "trtc.topic.user.events; trtc.${sdkAppId}.quality-snapshots; must differ from trtc.topic.snapshots",
        "trtc.topic.user.events; trtc.${sdkAppId}.participants; must differ from trtc.topic.participants",
        "trtc.topic.user.events; trtc.${sdkAppId}.calls; must differ from trtc.topic.calls",
        "trtc.topic.user.events; trtc.${sdkAppId}.abnormal-experiences; must differ from trtc.topic.abnormal.experiences",
    })
    void theUserEventsTopicMustDifferFromTheOthersWhenTheStreamIsRead(String key, String value, String message) {
        Map<String, String> base = valid();
        base.put(STREAMS, "user-events,abnormal-experiences");
        assertThat(errors(base)).isEmpty();
        ValidationErrors.assertReportedOnItsKey(base, clock, key, value, message);
    }

    @Test
    void theUserEventsTopicIsCheckedWhenItIsTheOnlyStream() {
        Map<String, String> base = valid();
        base.put(STREAMS, "user-events");
        ValidationErrors.assertReportedOnItsKey(base, clock, TOPIC_USER_EVENTS, "trtc.${sdkAppId}.calls",
                "must differ from trtc.topic.calls");
        // The abnormal experiences are not read, so they write no topic to collide with.
        base.put(TOPIC_USER_EVENTS, "trtc.${sdkAppId}.abnormal-experiences");
        assertThat(errors(base)).isEmpty();
    }

    @Test
    void userEventsNotReadMayShareATopicWithAnotherRecordType() {
        Map<String, String> props = valid();
        props.put(STREAMS, "abnormal-experiences");
        props.put(TOPIC_USER_EVENTS, "trtc.${sdkAppId}.quality");
        assertThat(errors(props)).as("not listed").isEmpty();
        props.put(TOPIC_USER_EVENTS, "trtc.${sdkAppId}.abnormal-experiences");
        assertThat(errors(props)).isEmpty();
        props.remove(STREAMS);
        assertThat(errors(props)).as("read by default, so checked").containsKey(TOPIC_USER_EVENTS);
    }

    @Test
    void eachEnabledStreamsBudgetIsSplitIntoWholeSharesSummingToIt() {
        Map<String, String> props = valid();
        List<String> calls = IntStream.range(0, 30).mapToObj(i -> APP + "_" + (1000 + i) + "_" + (NOW - i)).toList();
        props.put(COMM_IDS, String.join(",", calls));
        props.put(ABNORMAL_EXPERIENCES_RATE_LIMIT, "11");
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(3);
        assertThat(configs).hasSize(3);
        assertThat(configs).extracting(c -> c.get(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey()))
                .containsExactly("4", "4", "3");
        assertThat(configs).extracting(c -> c.get(EventStream.USER_EVENTS.taskRateLimitKey()))
                .as("read by default, under the default budget").containsExactly("7", "7", "6");
        assertThat(configs).extracting(c -> c.get(TrtcSourceTaskConfig.TASK_RATE_LIMIT))
                .as("the call-detail budget is split on its own").containsExactly("7", "7", "6");
        int shareSum = 0;
        int userShareSum = 0;
        for (Map<String, String> c : configs) {
            TrtcSourceTaskConfig tc = new TrtcSourceTaskConfig(c);
            assertThat(tc.taskRateLimit(EventStream.ABNORMAL_EXPERIENCES)).isPositive();
            assertThat(tc.taskRateLimit(EventStream.USER_EVENTS)).isPositive();
            assertThat(tc.streamsWithoutShare()).isEmpty();
            assertThat(tc.eventActionRateLimits()).containsOnlyKeys(EventStream.ABNORMAL_EXPERIENCES.action(),
                    EventStream.USER_EVENTS.action());
            shareSum += tc.taskRateLimit(EventStream.ABNORMAL_EXPERIENCES);
            userShareSum += tc.taskRateLimit(EventStream.USER_EVENTS);
        }
        assertThat(shareSum).isEqualTo(11);
        assertThat(userShareSum).isEqualTo(20);
    }

    @Test
    void bothStreamsBudgetsAreSplitEachOnItsOwn() {
        Map<String, String> props = valid();
        List<String> calls = IntStream.range(0, 30).mapToObj(i -> APP + "_" + (1000 + i) + "_" + (NOW - i)).toList();
        props.put(COMM_IDS, String.join(",", calls));
        props.put(STREAMS, "user-events,abnormal-experiences");
        props.put(ABNORMAL_EXPERIENCES_RATE_LIMIT, "11");
        props.put(USER_EVENTS_RATE_LIMIT, "5");
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(3);
        assertThat(configs).hasSize(3);
        assertThat(configs).extracting(c -> c.get(EventStream.USER_EVENTS.taskRateLimitKey()))
                .containsExactly("2", "2", "1");
        assertThat(configs).extracting(c -> c.get(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey()))
                .containsExactly("4", "4", "3");
        assertThat(configs).extracting(c -> c.get(TrtcSourceTaskConfig.TASK_RATE_LIMIT))
                .containsExactly("7", "7", "6");
        int userSum = 0;
        int experienceSum = 0;
        for (Map<String, String> c : configs) {
            TrtcSourceTaskConfig tc = new TrtcSourceTaskConfig(c);
            assertThat(tc.streamsWithoutShare()).isEmpty();
            assertThat(tc.eventActionRateLimits()).containsOnlyKeys(EventStream.ABNORMAL_EXPERIENCES.action(),
                    EventStream.USER_EVENTS.action());
            userSum += tc.taskRateLimit(EventStream.USER_EVENTS);
            experienceSum += tc.taskRateLimit(EventStream.ABNORMAL_EXPERIENCES);
        }
        assertThat(userSum).isEqualTo(5);
        assertThat(experienceSum).isEqualTo(11);
    }

    @Test
    void theSmallestBudgetOfTheStreamsReadBoundsTheTaskCount() {
        Map<String, String> props = valid();
        List<String> calls = IntStream.range(0, 30).mapToObj(i -> APP + "_" + (1000 + i) + "_" + (NOW - i)).toList();
        props.put(COMM_IDS, String.join(",", calls));
        props.put(STREAMS, "abnormal-experiences,user-events");
        props.put(ABNORMAL_EXPERIENCES_RATE_LIMIT, "5");
        props.put(USER_EVENTS_RATE_LIMIT, "3");
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(10);
        assertThat(configs).hasSize(3);
        assertThat(configs).extracting(c -> c.get(EventStream.USER_EVENTS.taskRateLimitKey()))
                .containsExactly("1", "1", "1");
        assertThat(configs).extracting(c -> c.get(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey()))
                .containsExactly("2", "2", "1");
        assertThat(configs.stream().flatMap(c -> new TrtcSourceTaskConfig(c).taskCalls().stream()).map(CommId::value))
                .containsExactlyInAnyOrderElementsOf(calls);

        props.put(ABNORMAL_EXPERIENCES_RATE_LIMIT, "2");
        connector.start(props);
        assertThat(connector.taskConfigs(10)).as("the other stream's budget, now the smallest").hasSize(2);

        // Not read, the user-events budget bounds nothing and no task gets a share of it.
        props.put(STREAMS, "abnormal-experiences");
        props.put(ABNORMAL_EXPERIENCES_RATE_LIMIT, "20");
        props.put(USER_EVENTS_RATE_LIMIT, "1");
        connector.start(props);
        configs = connector.taskConfigs(10);
        assertThat(configs).hasSize(10);
        assertThat(configs).allSatisfy(c -> assertThat(c).doesNotContainKey(EventStream.USER_EVENTS.taskRateLimitKey()));
    }

    @Test
    void aSmallStreamBudgetBoundsTheTaskCountSoEachTaskHasAWholeShare() {
        Map<String, String> props = valid();
        List<String> calls = IntStream.range(0, 30).mapToObj(i -> APP + "_" + (1000 + i) + "_" + (NOW - i)).toList();
        props.put(COMM_IDS, String.join(",", calls));
        props.put(ABNORMAL_EXPERIENCES_RATE_LIMIT, "2");
        TrtcSourceConnector connector = new TrtcSourceConnector();
        connector.start(props);
        List<Map<String, String>> configs = connector.taskConfigs(10);
        assertThat(configs).hasSize(2);
        assertThat(configs).extracting(c -> c.get(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey()))
                .containsExactly("1", "1");
        assertThat(configs).extracting(c -> c.get(TrtcSourceTaskConfig.TASK_RATE_LIMIT)).containsExactly("10", "10");
        assertThat(configs.stream().flatMap(c -> new TrtcSourceTaskConfig(c).taskCalls().stream()).map(CommId::value))
                .containsExactlyInAnyOrderElementsOf(calls);

        // Not read, the stream's budget bounds nothing and no task gets a share of it.
        props.put(STREAMS, "");
        connector.start(props);
        configs = connector.taskConfigs(10);
        assertThat(configs).hasSize(10);
        assertThat(configs).allSatisfy(c -> assertThat(c)
                .doesNotContainKey(EventStream.ABNORMAL_EXPERIENCES.taskRateLimitKey()));
        assertThat(configs).allSatisfy(c -> assertThat(new TrtcSourceTaskConfig(c).eventActionRateLimits()).isEmpty());
    }

    @Test
    void startRejectsAnInconsistentConfigurationButNotAStartThatAgedOut() {
        Map<String, String> props = valid();
        props.put(CLIENT_IP_MODE, "hash");
        assertThatThrownBy(() -> new TrtcSourceConnector().start(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining(CLIENT_IP_HASH_KEY);
        Map<String, String> snapshot = valid();
        snapshot.put(RECORD_SHAPE, "snapshot");
        new TrtcSourceConnector().start(snapshot);
        Map<String, String> old = valid();
        old.put(START, Instant.ofEpochSecond(1_000_000_000L).toString());
        new TrtcSourceConnector().start(old);
    }

    @Test
    void exactlyOnceIsSupportedAndTheVersionComesFromTheBuild() {
        TrtcSourceConnector connector = new TrtcSourceConnector();
        assertThat(connector.exactlyOnceSupport(valid())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.version()).isNotBlank().isNotEqualTo("unknown");
        assertThat(new TrtcSourceTask().version()).isEqualTo(connector.version());
    }

    // ---- alterOffsets (KIP-875) ----

    /** A partition as GET /connectors/{name}/offsets shows it (and as a user would paste it back). */
    static Map<String, Object> partition() {
        return OffsetCodec.partition(APP, CALL);
    }

    boolean alter(Map<String, ?> partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition, offset);
        return new TrtcSourceConnector().alterOffsets(valid(), offsets);
    }

    @Test
    void validOffsetsAreAccepted() {
        assertThat(alter(partition(), Map.of("cursor", NOW - 3600))).isTrue();
        assertThat(alter(partition(), Map.of("v", 1, "cursor", (int) (NOW - 3600), "windowEnd", NOW - 1800,
                "page", 2, "skip", 17L))).as("format version 1").isTrue();
        Map<String, Object> v2 = new HashMap<>(Map.of("v", 2, "cursor", NOW - 3600, "windowEnd", NOW - 1800, "page", 2,
                "eventUser", "u1", "eventTime", NOW - 4000, "event", "JOINED", "sampleUser", "u2", "samplePeer", "u1"));
        v2.putAll(Map.of("sampleMetric", "aBit", "sampleTime", NOW - 1801, "first", true));
        assertThat(alter(partition(), v2)).as("format version 2, mid-page").isTrue();
        assertThat(alter(partition(), null)).as("reset").isTrue();
    }

    /** Connect finds offsets by the partition's serialized bytes: a partition that would never match is refused. */
    @Test
    void partitionsThatWouldNeverMatchAreRejected() {
        Map<String, Object> numericApp = new java.util.LinkedHashMap<>();
        partition().forEach((k, v) -> numericApp.put(k, k.equals("sdkAppId") ? APP : v));
        assertThatThrownBy(() -> alter(numericApp, Map.of("cursor", 0))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("'sdkAppId' must be the string \"" + APP + "\"");

        java.util.List<String> keys = new java.util.ArrayList<>(partition().keySet());
        java.util.Collections.reverse(keys);
        Map<String, Object> reordered = new java.util.LinkedHashMap<>();
        keys.forEach(k -> reordered.put(k, partition().get(k)));
        assertThatThrownBy(() -> alter(reordered, Map.of("cursor", 0))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("must come in the order");

        Map<String, Object> fractionalVersion = new java.util.LinkedHashMap<>(partition());
        fractionalVersion.put("v", 1.0);
        assertThatThrownBy(() -> alter(fractionalVersion, Map.of("cursor", 0))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("must be the integer 1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "missing cursor; page=0; 'cursor' is required",
        "negative cursor; cursor=-1; must not be negative",
        "milliseconds; cursor=1790000000000; not milliseconds",
        "text cursor; cursor=abc; whole number",
        "fractional; cursor=1.5; whole number",
        "window too long; cursor=1000,windowEnd=4601; within (cursor, cursor + 3600]",
        "window empty; cursor=1000,windowEnd=1000; within (cursor, cursor + 3600]",
        "negative page; cursor=1000,windowEnd=2000,page=-1; 'page' must not be negative",
        "negative skip; cursor=1000,windowEnd=2000,skip=-3; 'skip' must not be negative",
        "skip outside a window; cursor=1000,skip=3; must be 0 when 'windowEnd' is null",
        "unknown key; cursor=1000,offset=5; unknown source offset field 'offset'",
        "version; cursor=1000,v=6; format versions 1 to 5",
        "page users in version 4; v=4,cursor=1000,windowEnd=2000,eventUser=u,eventTime=1500,event=LEFT,pageUsers=x; field 'pageUsers' for format version 4",
        "page users outside a page; v=5,cursor=1000,windowEnd=2000,pageUsers=x; 'pageUsers' needs",
        "stream field in version 3; v=3,cursor=1000,axCursor=900; field 'axCursor' for format version 3",
        "experience alone; v=4,cursor=1000,axUser=u1; 'axUser' needs 'axCursor'",
        "pass outside a window; v=3,cursor=1000,pass=2; 'pass' names a record inside a window",
        "pass in version 2; v=2,cursor=1000,windowEnd=2000,pass=2; field 'pass' for format version 2",
        "count in version 2; v=2,cursor=1000,windowEnd=2000,skip=3; field 'skip' for format version 2",
        "identity in version 1; v=1,cursor=1000,windowEnd=2000,sampleUser=u; unknown source offset field",
        "event incomplete; cursor=1000,windowEnd=2000,eventUser=u,eventTime=1500; 'event' is missing",
        "event time missing; cursor=1000,windowEnd=2000,eventUser=u,event=LEFT; 'eventTime' is missing",
        "event unknown; cursor=1000,windowEnd=2000,eventUser=u,eventTime=1500,event=GONE; must be JOINED or LEFT",
        "event after window; cursor=1000,windowEnd=2000,eventUser=u,eventTime=2000,event=LEFT; 'eventTime' is 2000",
        "event in ms; cursor=1000,windowEnd=2000,eventUser=u,eventTime=1790000000000,event=LEFT; milliseconds",
        "event outside a window; cursor=1000,eventUser=u,eventTime=900,event=LEFT; it needs 'windowEnd'",
        "sample incomplete; cursor=1000,windowEnd=2000,sampleUser=u,sampleMetric=aBit; 'sampleTime' is missing",
        "metric alone; cursor=1000,windowEnd=2000,sampleMetric=aBit; 'sampleMetric' needs",
        "user not text; cursor=1000,windowEnd=2000,sampleUser=7,sampleMetric=m,sampleTime=1500; 'sampleUser' must be",
        "peer alone; cursor=1000,windowEnd=2000,samplePeer=p; 'samplePeer' needs",
        "sample early; cursor=1000,windowEnd=2000,sampleUser=u,sampleMetric=m,sampleTime=999; 'sampleTime' is 999",
        "sample at end; cursor=1000,windowEnd=2000,sampleUser=u,sampleMetric=m,sampleTime=2000; [cursor, windowEnd)",
        "sample outside a window; cursor=1000,sampleUser=u,sampleMetric=m,sampleTime=1000; it needs 'windowEnd'",
        "flag; cursor=1000,finished=yes; true or false",
    })
    void badOffsetsAreRejectedNamingTheField(String name, String spec, String message) {
        Map<String, Object> offset = new HashMap<>();
        for (String kv : spec.split(",")) {
            String[] p = kv.split("=");
            offset.put(p[0], parse(p[1]));
        }
        assertThatThrownBy(() -> alter(partition(), offset)).isInstanceOf(ConnectException.class)
                .hasMessageContaining(CALL).hasMessageContaining(message);
    }

    private static Object parse(String s) {
        if (s.matches("-?\\d+")) {
            return Long.parseLong(s);
        }
        if (s.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(s);
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "other application; 1400000001; 1400188366_218695_1789996400; this connector reads SDKAppID",
        "call of another application; 1400188366; 1400000001_218695_1789996400; belongs to SDKAppID 1400000001",
        "malformed call; 1400188366; nonsense; not of the form",
    })
    void badPartitionsAreRejectedNamingTheField(String name, String app, String commId, String message) {
        Map<String, Object> partition = new HashMap<>();
        partition.put("v", 1);
        partition.put("sdkAppId", app);
        partition.put("commId", commId);
        assertThatThrownBy(() -> alter(partition, Map.of("cursor", 1))).isInstanceOf(ConnectException.class)
                .hasMessageContaining(message);
    }

    @Test
    void partitionsNeedTheRightKeysAndVersion() {
        assertThatThrownBy(() -> alter(Map.of("sdkAppId", Long.toString(APP), "commId", CALL), Map.of("cursor", 1)))
                .hasMessageContaining("'v'");
        assertThatThrownBy(() -> alter(Map.of("v", 2, "sdkAppId", Long.toString(APP), "commId", CALL),
                Map.of("cursor", 1))).hasMessageContaining("format version 1");
        assertThatThrownBy(() -> alter(Map.of("v", 1, "sdkAppId", Long.toString(APP), "call", CALL),
                Map.of("cursor", 1))).hasMessageContaining("unknown source partition field 'call'");
    }
}
