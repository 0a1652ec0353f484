package dev.kafkaconnect.trtc.connector.config;

import dev.kafkaconnect.trtc.api.Loopback;
import dev.kafkaconnect.trtc.api.Metrics;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.RecordShape;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of the TRTC source connector. Everything else reads them through the typed accessors. */
public class TrtcSourceConfig extends AbstractConfig {
    public static final String CONNECTION_GROUP = "Connection";
    public static final String CALLS_GROUP = "Calls";
    public static final String RECORDS_GROUP = "Records";
    public static final String LIMITS_GROUP = "Limits";
    public static final String DISCOVERY_GROUP = "Discovery";

    public static final String ENDPOINT = "trtc.endpoint";
    public static final String REGION = "trtc.region";
    public static final String SECRET_ID = "trtc.secret.id";
    public static final String SECRET_KEY = "trtc.secret.key";
    public static final String TOKEN = "trtc.token";
    public static final String SDK_APP_ID = "trtc.sdk.app.id";
    public static final String API_GENERATION = "trtc.api.generation";
    public static final String REQUEST_TIMEOUT_MS = "trtc.request.timeout.ms";
    public static final String CONNECT_TIMEOUT_MS = "trtc.connect.timeout.ms";
    public static final String VALIDATE_CREDENTIALS = "trtc.validate.credentials";

    public static final String COMM_IDS = "trtc.comm.ids";
    public static final String START = "trtc.start";
    public static final String END = "trtc.end";
    public static final String METRICS = "trtc.metrics";
    public static final String SETTLE_DELAY_MS = "trtc.settle.delay.ms";
    public static final String POLL_INTERVAL_MS = "trtc.poll.interval.ms";
    public static final String LOOKBACK_MS = "trtc.lookback.ms";
    public static final String STREAMS = "trtc.streams";

    public static final String RECORD_SHAPE = "trtc.record.shape";
    public static final String TOPIC_SAMPLES = "trtc.topic.samples";
    public static final String TOPIC_SNAPSHOTS = "trtc.topic.snapshots";
    public static final String TOPIC_PARTICIPANTS = "trtc.topic.participants";
    public static final String TOPIC_CALLS = "trtc.topic.calls";
    public static final String TOPIC_ABNORMAL_EXPERIENCES = "trtc.topic.abnormal.experiences";
    public static final String TOPIC_USER_EVENTS = "trtc.topic.user.events";
    public static final String CLIENT_IP_MODE = "trtc.client.ip.mode";
    public static final String CLIENT_IP_HASH_KEY = "trtc.client.ip.hash.key";
    public static final String BATCH_MAX_RECORDS = "trtc.batch.max.records";
    public static final String DELIVERY_REPEATS = "trtc.delivery.repeats";

    public static final String CALLS_MODE = "trtc.calls.mode";
    public static final String DISCOVERY_INTERVAL_MS = "trtc.discovery.interval.ms";
    public static final String DISCOVERY_MIN_RECONFIGURE_INTERVAL_MS = "trtc.discovery.min.reconfigure.interval.ms";
    public static final String DISCOVERY_RATE_LIMIT = "trtc.discovery.rate.limit";
    public static final String DISCOVERY_ROOM_INCLUDE = "trtc.discovery.room.include";
    public static final String DISCOVERY_ROOM_EXCLUDE = "trtc.discovery.room.exclude";
    public static final String DISCOVERY_MIN_DURATION_MS = "trtc.discovery.min.duration.ms";
    public static final String DISCOVERY_MAX_CALLS = "trtc.discovery.max.calls";

    public static final String RATE_LIMIT = "trtc.rate.limit";
    public static final String ABNORMAL_EXPERIENCES_RATE_LIMIT = "trtc.abnormal.experiences.rate.limit";
    public static final String USER_EVENTS_RATE_LIMIT = "trtc.user.events.rate.limit";
    public static final String MAX_IN_FLIGHT = "trtc.max.in.flight";
    public static final String RETRY_MAX_ATTEMPTS = "trtc.retry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "trtc.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "trtc.retry.backoff.max.ms";
    public static final String MAX_ANSWER_BYTES = "trtc.max.answer.bytes";
    public static final String UNREADABLE_POLICY = "trtc.unreadable.policy";
    public static final String UNREADABLE_MAX_ATTEMPTS = "trtc.unreadable.max.attempts";
    public static final String UNKNOWN_RETRY_MS = "trtc.unknown.retry.ms";

    public static final String SDK_APP_ID_PLACEHOLDER = "${sdkAppId}";
    public static final String DEFAULT_ENDPOINT = "https://trtc.tencentcloudapi.com";
    public static final long DEFAULT_LOOKBACK_MS = Duration.ofDays(14).toMillis();
    /**
     * Distance kept from the lookback's edge, so a request planned now is still inside it when the server handles
     * it, after queueing, rate limiting and retries (used as {@code ServiceLookback.MARGIN_SECONDS}).
     */
    public static final long LOOKBACK_MARGIN_SECONDS = 600;
    /**
     * The service's rate limit for the call-detail action, per account and region; each event stream's action has
     * one of its own, of the same size.
     */
    public static final int SERVICE_RATE_LIMIT = 20;

    static final EnumSetting<GenerationMode> GENERATION_SETTING = new EnumSetting<>(GenerationMode.class);
    static final EnumSetting<ClientIpMode> CLIENT_IP_SETTING = new EnumSetting<>(ClientIpMode.class);
    static final EnumSetting<CallsMode> CALLS_MODE_SETTING = new EnumSetting<>(CallsMode.class);
    static final EnumSetting<RecordShape> RECORD_SHAPE_SETTING = new EnumSetting<>(RecordShape.class);
    static final EnumSetting<DeliveryRepeats> DELIVERY_REPEATS_SETTING = new EnumSetting<>(DeliveryRepeats.class);
    static final EnumSetting<UnreadablePolicy> UNREADABLE_POLICY_SETTING = new EnumSetting<>(UnreadablePolicy.class);
    private static final DescribedValidator REGEX_VALIDATOR = new DescribedValidator(
            "Java regular expression, or empty", TrtcSourceConfig::validateRegex);
    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    static final DescribedValidator TOPIC_VALIDATOR = new DescribedValidator(
            "topic name; " + SDK_APP_ID_PLACEHOLDER + " allowed", TrtcSourceConfig::validateTopic);
    public static final ConfigDef CONFIG_DEF = configDef();

    public TrtcSourceConfig(Map<String, String> props) {
        this(CONFIG_DEF, props);
    }

    protected TrtcSourceConfig(ConfigDef def, Map<String, String> props) {
        super(def, props, false);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(ENDPOINT, Type.STRING, DEFAULT_ENDPOINT,
                new DescribedValidator("https URL; http only to a loopback host", TrtcSourceConfig::validateEndpoint),
                Importance.MEDIUM,
                "Base URL of the TRTC API. https is required; plain http is accepted only for a loopback host "
                        + "(a local simulator): localhost, an IPv4 address in 127.0.0.0/8 written as four numbers, "
                        + "or [::1]; a name is never resolved to decide. Regional hosts such as https://trtc.ap-singapore.tencentcloudapi.com "
                        + "or https://trtc.intl.tencentcloudapi.com work too.",
                CONNECTION_GROUP, ++order, Width.LONG, "TRTC endpoint");
        def.define(REGION, Type.STRING, "ap-guangzhou", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Tencent Cloud region sent as X-TC-Region, e.g. ap-guangzhou, ap-beijing, ap-singapore, ap-mumbai.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "Region");
        def.define(SECRET_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, "Tencent Cloud API SecretId of the key the connector signs requests with.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "SecretId");
        def.define(SECRET_KEY, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                "SecretKey of that key. Never logged; use a config provider (${file:...}) to keep it out of the "
                        + "connector's configuration.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "SecretKey");
        def.define(TOKEN, Type.PASSWORD, null, Importance.LOW,
                "Session token, only for temporary credentials (sent as X-TC-Token).",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "Session token");
        def.define(SDK_APP_ID, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(1), Importance.HIGH,
                "TRTC application id (SDKAppID) whose calls are read. Every CommId must belong to it.",
                CONNECTION_GROUP, ++order, Width.MEDIUM, "SDKAppID");
        def.define(API_GENERATION, Type.STRING, "auto", GENERATION_SETTING, Importance.MEDIUM,
                "Which generation of the call-quality API to call: 'seed' (DescribeCallDetail), 'successor' "
                        + "(DescribeCallDetailInfo), or 'auto': the seed's action first, switching to the successor "
                        + "(logged once) when the server answers InvalidAction, ActionOffline, NoSuchVersion or UnsupportedOperation.",
                CONNECTION_GROUP, ++order, Width.SHORT, "API generation", GENERATION_SETTING);
        def.define(REQUEST_TIMEOUT_MS, Type.INT, 30_000, Range.between(1_000, 600_000), Importance.LOW,
                "Time allowed for one HTTP request, from sending to the end of the answer.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Request timeout (ms)");
        def.define(CONNECT_TIMEOUT_MS, Type.INT, 10_000, Range.between(100, 300_000), Importance.LOW,
                "Time allowed to open a connection to the endpoint.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Connect timeout (ms)");
        def.define(VALIDATE_CREDENTIALS, Type.BOOLEAN, false, Importance.LOW,
                "When true, validating the configuration sends one cheap request to the API and reports "
                        + "rejected credentials on trtc.secret.id/trtc.secret.key (and a wrong region or SDKAppID on "
                        + "their settings). Off by default: validation then needs no network access.",
                CONNECTION_GROUP, ++order, Width.SHORT, "Check credentials on validate");

        order = 0;
        def.define(CALLS_MODE, Type.STRING, "list", CALLS_MODE_SETTING, Importance.HIGH,
                "Where the calls come from: 'list' reads the calls in trtc.comm.ids; 'discover' reads every call of "
                        + "the application, found through the room-list API (DescribeRoomInformation, or "
                        + "DescribeRoomInfo for the successor generation, following trtc.api.generation), and keeps "
                        + "watching for new calls (see the Discovery settings). trtc.comm.ids must be empty then.",
                CALLS_GROUP, ++order, Width.SHORT, "Calls mode", CALLS_MODE_SETTING);
        def.define(COMM_IDS, Type.LIST, "", Importance.HIGH,
                "Calls to read in list mode (trtc.calls.mode=list), as CommIds <sdkappid>_<roomString>_<createTime> "
                        + "(from the room list API or the console). Each call is read from its start (see trtc.start) until it is finished, or "
                        + "until trtc.end. The calls are divided across the tasks; each call is read by one task.",
                CALLS_GROUP, ++order, Width.LONG, "CommIds");
        def.define(START, Type.STRING, "P14D",
                new DescribedValidator("ISO-8601 instant or duration", TrtcSourceConfig::validateStart),
                Importance.MEDIUM,
                "Earliest time to read: an ISO-8601 instant (2026-11-20T00:00:00Z) or an ISO-8601 duration back "
                        + "from when a call is first read (P1D, PT6H). A call is read from the latest of this, its "
                        + "creation time (from the CommId) and the oldest time the service still serves "
                        + "(trtc.lookback.ms). The default, P14D, equals the default lookback: listed calls are read "
                        + "from their beginning whenever the service still has it.",
                CALLS_GROUP, ++order, Width.MEDIUM, "Start");
        def.define(END, Type.STRING, null,
                new DescribedValidator("ISO-8601 instant, or empty", TrtcSourceConfig::validateEnd), Importance.LOW,
                "Optional ISO-8601 instant at which reading stops (samples at or after it are not read). "
                        + "Empty: follow live calls until they finish.",
                CALLS_GROUP, ++order, Width.MEDIUM, "End");
        def.define(METRICS, Type.LIST, Metrics.ALL, Importance.MEDIUM,
                "Metrics (API DataType values) to read: 'all', or a list such as aBit,aLoss,bigvBit. "
                        + "The seed serves " + String.join(", ", Metrics.SEED) + "; the successor adds "
                        + String.join(", ", Metrics.SUCCESSOR_ONLY) + ".",
                CALLS_GROUP, ++order, Width.LONG, "Metrics");
        order = StreamSettings.defineStreams(def, order);
        def.define(SETTLE_DELAY_MS, Type.LONG, 300_000L, Range.between(0L, 86_400_000L), Importance.MEDIUM,
                "How far behind now a time window must end before it is queried. Each window is read once, so "
                        + "samples that reach the service later than this are not read. The service does not "
                        + "document its data delay (its console refreshes every 20 s); the default, 5 minutes, "
                        + "leaves a wide margin at the cost of 5 minutes of latency. Must be less than "
                        + LOOKBACK_MS + " minus 10 minutes (the margin kept from the lookback's edge) minus "
                        + POLL_INTERVAL_MS + " (the shortest window read), or no window is ever readable.",
                CALLS_GROUP, ++order, Width.SHORT, "Settle delay (ms)");
        def.define(POLL_INTERVAL_MS, Type.LONG, 60_000L, Range.between(1_000L, 3_600_000L), Importance.MEDIUM,
                "For a live call (or one that has returned no users yet), how often a new window is queried; a "
                        + "call being caught up is read as fast as the rate limit allows.",
                CALLS_GROUP, ++order, Width.SHORT, "Live poll interval (ms)");
        def.define(LOOKBACK_MS, Type.LONG, DEFAULT_LOOKBACK_MS, Range.between(3_600_000L, DEFAULT_LOOKBACK_MS),
                Importance.LOW,
                "How far back the service answers (14 days; some tiers serve 5 or 7). A call whose unread part "
                        + "falls out of it is reported (warning and counter) and read from the oldest time still "
                        + "served. When the service refuses a start inside it, each task (and discovery) lowers its "
                        + "own lookback to the next tier below (7 days, 5 days, then halves down to 1 hour) and warns "
                        + "once with the value to set here.",
                CALLS_GROUP, ++order, Width.SHORT, "Lookback (ms)");

        order = 0;
        def.define(RECORD_SHAPE, Type.STRING, "sample", RECORD_SHAPE_SETTING, Importance.MEDIUM,
                "How quality measurements become records. 'sample' (default): one QualitySample per user, "
                        + "direction, metric and time, on " + TOPIC_SAMPLES + ": long and narrow, easy to filter per "
                        + "metric in ksqlDB or Flink, and metrics a newer API adds flow through without a schema "
                        + "change. 'snapshot': one QualitySnapshot per user, direction and time with every metric as "
                        + "a field, on " + TOPIC_SNAPSHOTS + ": several times fewer records and bytes, and all metrics "
                        + "of one instant together, as dashboards want them; metrics the schema does not know yet "
                        + "go into its otherMetrics map. Participant records are the same in both. A change takes "
                        + "effect where each call's offset stands; inside a page, the user and direction it stopped in "
                        + "are emitted again from the page's start in the new shape, so nothing is lost.",
                RECORDS_GROUP, ++order, Width.SHORT, "Record shape", RECORD_SHAPE_SETTING);
        def.define(TOPIC_SAMPLES, Type.STRING, "trtc." + SDK_APP_ID_PLACEHOLDER + ".quality",
                TOPIC_VALIDATOR, Importance.MEDIUM,
                "Topic of the quality samples (QualitySample). " + SDK_APP_ID_PLACEHOLDER
                        + " is replaced by trtc.sdk.app.id.",
                RECORDS_GROUP, ++order, Width.LONG, "Samples topic");
        def.define(TOPIC_SNAPSHOTS, Type.STRING, "trtc." + SDK_APP_ID_PLACEHOLDER + ".quality-snapshots",
                TOPIC_VALIDATOR, Importance.MEDIUM,
                "Topic of the quality snapshots (QualitySnapshot), written when " + RECORD_SHAPE + "=snapshot. "
                        + SDK_APP_ID_PLACEHOLDER + " is replaced by trtc.sdk.app.id. A topic of its own: the two "
                        + "shapes have different schemas.",
                RECORDS_GROUP, ++order, Width.LONG, "Snapshots topic");
        def.define(TOPIC_PARTICIPANTS, Type.STRING, "trtc." + SDK_APP_ID_PLACEHOLDER + ".participants",
                TOPIC_VALIDATOR, Importance.MEDIUM,
                "Topic of the participant records (CallParticipant: JOINED, LEFT). " + SDK_APP_ID_PLACEHOLDER
                        + " is replaced by trtc.sdk.app.id.",
                RECORDS_GROUP, ++order, Width.LONG, "Participants topic");
        def.define(TOPIC_CALLS, Type.STRING, "trtc." + SDK_APP_ID_PLACEHOLDER + ".calls",
                TOPIC_VALIDATOR, Importance.MEDIUM,
                "Topic of the call-end records (CallEnd, keyed by CallKey): one record per call, once every user "
                        + "has left, after the call's last sample and participant record. Its offset is the one "
                        + "that marks the call finished, so restarts never request a finished call again; always "
                        + "written. One record per key: the topic may be compacted. " + SDK_APP_ID_PLACEHOLDER
                        + " is replaced by trtc.sdk.app.id.",
                RECORDS_GROUP, ++order, Width.LONG, "Calls topic");
        order = StreamSettings.defineTopics(def, order, TOPIC_VALIDATOR);
        def.define(CLIENT_IP_MODE, Type.STRING, "drop", CLIENT_IP_SETTING, Importance.MEDIUM,
                "What to do with a participant's ClientIp, which is personal data: 'drop' (null), 'hash' "
                        + "(hex HMAC-SHA256 under trtc.client.ip.hash.key: stable, joinable, not reversible), or "
                        + "'keep'. The default, drop, keeps personal data out of Kafka unless asked for.",
                RECORDS_GROUP, ++order, Width.SHORT, "Client IP", CLIENT_IP_SETTING);
        def.define(CLIENT_IP_HASH_KEY, Type.PASSWORD, null, Importance.MEDIUM,
                "Secret key of the ClientIp HMAC; required when trtc.client.ip.mode is 'hash'. The same key gives "
                        + "the same hash in every task and after restarts.",
                RECORDS_GROUP, ++order, Width.MEDIUM, "Client IP hash key");
        def.define(BATCH_MAX_RECORDS, Type.INT, 2_000, Range.between(1, 1_000_000), Importance.LOW,
                "Most records one poll returns.",
                RECORDS_GROUP, ++order, Width.SHORT, "Batch size");
        def.define(DELIVERY_REPEATS, Type.STRING, "flush-interval", DELIVERY_REPEATS_SETTING, Importance.MEDIUM,
                "What a crash (worker killed, lost) may send again when the worker runs without exactly-once "
                        + "source support. 'flush-interval' (default): every record sent since the worker's last "
                        + "offset flush (offset.flush.interval.ms, default 60 s), at full speed. 'one-request': at "
                        + "most one request's answer per call (one window of at most an hour, at most 6 users): a "
                        + "call emits its next page only once the worker has stored the offset of the last record "
                        + "it emitted, so each call emits at most one page per offset flush; set the worker's "
                        + "offset.flush.interval.ms to 1-5 s with it (in distributed mode a worker-wide setting). "
                        + "Requests for later pages still go out meanwhile. With exactly-once source support "
                        + "nothing is repeated in either mode and this setting is not needed.",
                RECORDS_GROUP, ++order, Width.SHORT, "Delivery repeats", DELIVERY_REPEATS_SETTING);

        order = 0;
        def.define(DISCOVERY_INTERVAL_MS, Type.LONG, 60_000L, Range.between(1_000L, 86_400_000L), Importance.MEDIUM,
                "In discover mode, how often the room list is read again for new calls and calls that finished. "
                        + "After a failed listing the next attempt backs off (trtc.retry.backoff.ms, doubling) but "
                        + "never waits longer than this.",
                DISCOVERY_GROUP, ++order, Width.SHORT, "Discovery interval (ms)");
        def.define(DISCOVERY_MIN_RECONFIGURE_INTERVAL_MS, Type.LONG, 60_000L, Range.between(0L, 86_400_000L),
                Importance.LOW,
                "In discover mode, the shortest time between two task reconfigurations: changes to the set of "
                        + "calls found in between are batched into one. Each reconfiguration restarts the tasks.",
                DISCOVERY_GROUP, ++order, Width.SHORT, "Min reconfigure interval (ms)");
        def.define(DISCOVERY_RATE_LIMIT, Type.INT, 2, Range.between(1, SERVICE_RATE_LIMIT), Importance.LOW,
                "Room-list requests per second. The room-list action has its own budget at the service (20 per "
                        + "second), separate from the call-detail one; discovery uses its own limiter so it never "
                        + "takes from trtc.rate.limit.",
                DISCOVERY_GROUP, ++order, Width.SHORT, "Discovery rate limit (requests/s)");
        def.define(DISCOVERY_ROOM_INCLUDE, Type.STRING, "", REGEX_VALIDATOR, Importance.MEDIUM,
                "In discover mode, read only calls whose room id (RoomString) matches this regular expression in "
                        + "full. Empty: every room.",
                DISCOVERY_GROUP, ++order, Width.LONG, "Room include pattern");
        def.define(DISCOVERY_ROOM_EXCLUDE, Type.STRING, "", REGEX_VALIDATOR, Importance.MEDIUM,
                "In discover mode, skip calls whose room id (RoomString) matches this regular expression in full; "
                        + "applied after trtc.discovery.room.include. Empty: skip none.",
                DISCOVERY_GROUP, ++order, Width.LONG, "Room exclude pattern");
        def.define(DISCOVERY_MIN_DURATION_MS, Type.LONG, 0L, Range.between(0L, DEFAULT_LOOKBACK_MS), Importance.LOW,
                "In discover mode, read only calls lasting at least this long: a finished call by its create and "
                        + "destroy times, a live call once it has lasted this long. 0: every call.",
                DISCOVERY_GROUP, ++order, Width.SHORT, "Min call duration (ms)");
        def.define(DISCOVERY_MAX_CALLS, Type.INT, 5_000, Range.between(1, 100_000), Importance.LOW,
                "In discover mode, the most calls assigned to the tasks at once. Calls fully read retire from the "
                        + "assignment; when more calls wait, the assigned ones keep their place and the others "
                        + "follow, live calls first, then oldest first. Bounds the size of task configurations "
                        + "(about 35 bytes per call).",
                DISCOVERY_GROUP, ++order, Width.SHORT, "Max assigned calls");

        order = 0;
        def.define(RATE_LIMIT, Type.INT, SERVICE_RATE_LIMIT, Range.atLeast(1), Importance.MEDIUM,
                "Call-detail requests per second for the whole connector (all tasks together). The service allows "
                        + "20 per second per account and region, shared by everything using the key: lower this when "
                        + "something else uses it. The budget is split into whole per-task budgets that add up to "
                        + "it (20 over 3 tasks: 7, 7, 6), each enforced as 'at most r requests in any 1-second "
                        + "window', timed as each request is written to its connection and with a 40 ms margin for "
                        + "network jitter, so the tasks together never exceed it "
                        + "on any set of workers. So at most this many tasks run, whatever tasks.max says.",
                LIMITS_GROUP, ++order, Width.SHORT, "Rate limit (requests/s)");
        order = StreamSettings.defineRateLimits(def, order);
        def.define(MAX_IN_FLIGHT, Type.INT, 10, Range.between(1, 64), Importance.LOW,
                "Most requests (and unemitted answers) a task holds at once. Bounds memory; must be at least the "
                        + "task's rate budget times the round-trip time in seconds to use the budget (the default "
                        + "reaches 20/s at 500 ms). At the bound, a call whose held answers wait for its next page "
                        + "(the page after a full page, which tells whether it was the last) still asks for that "
                        + "one page, so held answers never stall the task: at most one request more per call.",
                LIMITS_GROUP, ++order, Width.SHORT, "Max in flight");
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, 3, Range.between(1, 100), Importance.LOW,
                "Attempts the HTTP client makes for one request on a retriable failure (throttling, server errors, "
                        + "timeouts) before the task backs the call off.",
                LIMITS_GROUP, ++order, Width.SHORT, "Attempts per request");
        def.define(RETRY_BACKOFF_MS, Type.LONG, 1_000L, Range.between(1L, 3_600_000L), Importance.LOW,
                "First back-off after a retriable failure; doubled on each further failure (with jitter) up to "
                        + "trtc.retry.backoff.max.ms. The task never fails on retriable errors.",
                LIMITS_GROUP, ++order, Width.SHORT, "Back-off (ms)");
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, 60_000L, Range.between(1L, 3_600_000L), Importance.LOW,
                "Longest back-off after repeated retriable failures.",
                LIMITS_GROUP, ++order, Width.SHORT, "Max back-off (ms)");
        def.define(MAX_ANSWER_BYTES, Type.LONG, 32L * 1024 * 1024, Range.between(64L * 1024, 1024L * 1024 * 1024),
                Importance.LOW,
                "Largest call-detail answer a task reads, in bytes. A page carries its users' series and, for each, "
                        + "the downlink from every peer, so it grows with the call's size: an answer over this "
                        + "limit makes the task ask for that call in shorter windows (halving, down to a minute). "
                        + "A task holds at most trtc.max.in.flight answers, parsed as they stream: this limit "
                        + "times trtc.max.in.flight bounds its memory for answers.",
                LIMITS_GROUP, ++order, Width.SHORT, "Max answer size (bytes)");
        def.define(UNREADABLE_POLICY, Type.STRING, "fail", UNREADABLE_POLICY_SETTING, Importance.MEDIUM,
                "What happens to a window whose answer cannot be read (not the documented shape: a field missing "
                        + "or of the wrong type) after trtc.unreadable.max.attempts attempts. 'fail' (default): the "
                        + "task fails with an error naming the call, the window, the page and the answer's "
                        + "RequestId, so nothing is lost unseen. 'skip-window': the window is skipped with a WARN "
                        + "and counted (windows-skipped-total, skipped-seconds-total), and the call goes on.",
                LIMITS_GROUP, ++order, Width.SHORT, "Unreadable answers", UNREADABLE_POLICY_SETTING);
        def.define(UNREADABLE_MAX_ATTEMPTS, Type.INT, 5, Range.between(1, 100), Importance.LOW,
                "Attempts at a window's page whose answers cannot be read before trtc.unreadable.policy applies; "
                        + "each after the back-off of trtc.retry.backoff.ms.",
                LIMITS_GROUP, ++order, Width.SHORT, "Attempts at unreadable answers");
        def.define(UNKNOWN_RETRY_MS, Type.LONG, 600_000L, Range.between(0L, 86_400_000L), Importance.LOW,
                "How long a call is retried, with back-off, while the service answers that it does not know it "
                        + "(ResourceNotFound: a call just discovered may not be indexed yet) or refuses it with an "
                        + "error code this connector does not know. Then the call is skipped with a WARN naming the "
                        + "code, and counted.",
                LIMITS_GROUP, ++order, Width.SHORT, "Retry of unknown calls and codes (ms)");
        return def;
    }

    // ---- single-value validators (cross-field rules live in ConfigValidation) ----

    static void validateEndpoint(String name, Object value) {
        try {
            parseEndpoint((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    /** Checks an endpoint URL: https, or http to a loopback host only. */
    public static URI parseEndpoint(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the endpoint URL is empty");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a URL");
        }
        String host = uri.getHost();
        if (uri.getScheme() == null || host == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("http")) {
            if (!Loopback.isLoopbackHost(host)) {
                throw new IllegalArgumentException("plain http is allowed only to a loopback host "
                        + "(localhost, 127.0.0.0/8, [::1]); use https");
            }
        } else if (!scheme.equals("https")) {
            throw new IllegalArgumentException("scheme must be https");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("give only scheme, host and port (the API is served at /)");
        }
        return uri;
    }

    static void validateStart(String name, Object value) {
        try {
            StartPoint.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    static void validateRegex(String name, Object value) {
        try {
            parseRegex((String) value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(name, value, "not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** A regular expression setting; null when empty. */
    static Pattern parseRegex(String value) {
        return value == null || value.isBlank() ? null : Pattern.compile(value.trim());
    }

    static void validateEnd(String name, Object value) {
        if (value == null || ((String) value).isBlank()) {
            return;
        }
        try {
            StartPoint.parseInstant((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    static void validateTopic(String name, Object value) {
        String template = (String) value;
        String sample = template == null ? "" : template.replace(SDK_APP_ID_PLACEHOLDER, "1400000000");
        if (sample.isEmpty() || sample.length() > 249 || !TOPIC_CHARS.matcher(sample).matches()
                || sample.equals(".") || sample.equals("..")) {
            throw new ConfigException(name, value, "not a valid topic name (letters, digits, '.', '_', '-', at "
                    + "most 249 characters; " + SDK_APP_ID_PLACEHOLDER + " is replaced by the SDKAppID)");
        }
    }

    // ---- typed accessors ----

    public URI endpoint() {
        return parseEndpoint(getString(ENDPOINT));
    }

    public String region() {
        return getString(REGION).trim();
    }

    public String secretId() {
        return getString(SECRET_ID).trim();
    }

    public Password secretKey() {
        return getPassword(SECRET_KEY);
    }

    /** The session token, or null when none is set. */
    public Password token() {
        Password p = getPassword(TOKEN);
        return p == null || p.value().isEmpty() ? null : p;
    }

    public long sdkAppId() {
        return getLong(SDK_APP_ID);
    }

    public GenerationMode generationMode() {
        return GENERATION_SETTING.parse(getString(API_GENERATION));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS));
    }

    public boolean validateCredentials() {
        return getBoolean(VALIDATE_CREDENTIALS);
    }

    /** The configured CommIds, trimmed, in the order given (unparsed; see {@link #calls()}). */
    public List<String> commIdStrings() {
        List<String> out = new ArrayList<>();
        for (String s : getList(COMM_IDS)) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** The configured calls; {@link ConfigValidation} has checked they parse. */
    public List<CommId> calls() {
        return commIdStrings().stream().map(CommId::parse).toList();
    }

    public StartPoint start() {
        return StartPoint.parse(getString(START));
    }

    /** The end instant, or null when reading does not stop. */
    public Instant end() {
        String s = getString(END);
        return s == null || s.isBlank() ? null : StartPoint.parseInstant(s);
    }

    /** The DataType list to request: {@code ["all"]} or the named metrics. */
    public List<String> metrics() {
        List<String> out = new ArrayList<>();
        for (String s : getList(METRICS)) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out.isEmpty() ? List.of(Metrics.ALL) : List.copyOf(out);
    }

    public Duration settleDelay() {
        return Duration.ofMillis(getLong(SETTLE_DELAY_MS));
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    public Duration lookback() {
        return Duration.ofMillis(getLong(LOOKBACK_MS));
    }

    public String samplesTopic() {
        return topic(TOPIC_SAMPLES);
    }

    public RecordShape recordShape() {
        return RECORD_SHAPE_SETTING.parse(getString(RECORD_SHAPE));
    }

    public String snapshotsTopic() {
        return topic(TOPIC_SNAPSHOTS);
    }

    public String participantsTopic() {
        return topic(TOPIC_PARTICIPANTS);
    }

    public String callsTopic() {
        return topic(TOPIC_CALLS);
    }

    public String abnormalExperiencesTopic() {
        return topic(TOPIC_ABNORMAL_EXPERIENCES);
    }

    public String userEventsTopic() {
        return topic(TOPIC_USER_EVENTS);
    }

    /** The topic of {@code stream}'s records, placeholder replaced. */
    public String streamTopic(EventStream stream) {
        return topic(stream.topicKey());
    }

    /** A topic setting with every {@value #SDK_APP_ID_PLACEHOLDER} replaced by this connector's SDKAppID. */
    String topic(String key) {
        String topic = getString(key).replace(SDK_APP_ID_PLACEHOLDER, Long.toString(sdkAppId()));
        // The validator checks the template with a 10-digit id; a longer SDKAppID can still push it past the limit.
        if (topic.length() > 249) {
            throw new ConfigException(key, getString(key), "resolves to a topic name of " + topic.length()
                    + " characters with " + SDK_APP_ID + "=" + sdkAppId() + "; at most 249 are allowed");
        }
        return topic;
    }

    public ClientIpMode clientIpMode() {
        return CLIENT_IP_SETTING.parse(getString(CLIENT_IP_MODE));
    }

    /** The ClientIp HMAC key, or null when none is set. */
    public Password clientIpHashKey() {
        Password p = getPassword(CLIENT_IP_HASH_KEY);
        return p == null || p.value().isEmpty() ? null : p;
    }

    public int batchMaxRecords() {
        return getInt(BATCH_MAX_RECORDS);
    }

    public long maxAnswerBytes() {
        return getLong(MAX_ANSWER_BYTES);
    }

    public UnreadablePolicy unreadablePolicy() {
        return UNREADABLE_POLICY_SETTING.parse(getString(UNREADABLE_POLICY));
    }

    public int unreadableMaxAttempts() {
        return getInt(UNREADABLE_MAX_ATTEMPTS);
    }

    public Duration unknownRetry() {
        return Duration.ofMillis(getLong(UNKNOWN_RETRY_MS));
    }

    public DeliveryRepeats deliveryRepeats() {
        return DELIVERY_REPEATS_SETTING.parse(getString(DELIVERY_REPEATS));
    }

    public CallsMode callsMode() {
        return CALLS_MODE_SETTING.parse(getString(CALLS_MODE));
    }

    public Duration discoveryInterval() {
        return Duration.ofMillis(getLong(DISCOVERY_INTERVAL_MS));
    }

    public Duration discoveryMinReconfigureInterval() {
        return Duration.ofMillis(getLong(DISCOVERY_MIN_RECONFIGURE_INTERVAL_MS));
    }

    public int discoveryRateLimit() {
        return getInt(DISCOVERY_RATE_LIMIT);
    }

    /** The room include pattern, or null for every room. */
    public Pattern discoveryRoomInclude() {
        return parseRegex(getString(DISCOVERY_ROOM_INCLUDE));
    }

    /** The room exclude pattern, or null for none. */
    public Pattern discoveryRoomExclude() {
        return parseRegex(getString(DISCOVERY_ROOM_EXCLUDE));
    }

    public Duration discoveryMinDuration() {
        return Duration.ofMillis(getLong(DISCOVERY_MIN_DURATION_MS));
    }

    public int discoveryMaxCalls() {
        return getInt(DISCOVERY_MAX_CALLS);
    }

    public int rateLimit() {
        return getInt(RATE_LIMIT);
    }

    /** The event streams to read besides the call-detail records; empty for those alone. */
    public Set<EventStream> streams() {
        return StreamSettings.parse(getList(STREAMS));
    }

    /** The connector-wide requests per second of {@code stream}'s action. */
    public int rateLimit(EventStream stream) {
        return getInt(stream.rateLimitKey());
    }

    /**
     * Requests per second by API action, for each enabled stream's action: each gets a limiter of its own in the
     * client, apart from the call-detail one. Here the connector-wide budgets; a task's config gives its shares.
     */
    public Map<String, Integer> eventActionRateLimits() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (EventStream stream : streams()) {
            out.put(stream.action(), rateLimit(stream));
        }
        return Collections.unmodifiableMap(out);
    }

    public int maxInFlight() {
        return getInt(MAX_IN_FLIGHT);
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(Math.max(getLong(RETRY_BACKOFF_MAX_MS), getLong(RETRY_BACKOFF_MS)));
    }
}
