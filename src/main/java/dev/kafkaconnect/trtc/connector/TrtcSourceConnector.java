package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.connector.config.CallsMode;
import dev.kafkaconnect.trtc.connector.config.ConfigValidation;
import dev.kafkaconnect.trtc.connector.config.EventStream;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.connector.discovery.CallAssignor;
import dev.kafkaconnect.trtc.connector.discovery.CallSource;
import dev.kafkaconnect.trtc.connector.discovery.DiscoveredCallSource;
import dev.kafkaconnect.trtc.connector.discovery.StaticCallSource;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams TRTC call-quality data into Kafka. Divides the calls across tasks (each call read by exactly one task)
 * and each request budget (call detail, and each event stream's) into whole per-task shares. Offsets resume
 * exactly at any committed record, so exactly-once delivery is supported.
 */
public class TrtcSourceConnector extends SourceConnector {
    private static final Logger log = LoggerFactory.getLogger(TrtcSourceConnector.class);

    private final TrtcApiFactory apiFactory;
    private final Time time;
    private Map<String, String> props;
    private TrtcSourceConfig config;
    private CallSource callSource;

    public TrtcSourceConnector() {
        this(TrtcClients.FACTORY, Time.SYSTEM);
    }

    TrtcSourceConnector(TrtcApiFactory apiFactory, Time time) {
        this.apiFactory = apiFactory;
        this.time = time;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        this.config = new TrtcSourceConfig(props);
        Map<String, List<String>> errors = ConfigValidation.check(key -> config.values().get(key), null);
        if (!errors.isEmpty()) {
            throw new ConnectException("Invalid TRTC connector configuration: " + describe(errors));
        }
        if (config.callsMode() == CallsMode.DISCOVER) {
            this.callSource = new DiscoveredCallSource(config, context(), context().offsetStorageReader(), apiFactory,
                    time).start();
            log.info("TRTC connector for SDKAppID {} discovering its calls every {}", config.sdkAppId(),
                    config.discoveryInterval());
        } else {
            this.callSource = new StaticCallSource(config);
            log.info("TRTC connector for SDKAppID {} reading {} calls", config.sdkAppId(), callSource.calls().size());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TrtcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<EventStream, Integer> streamRateLimits = new EnumMap<>(EventStream.class);
        for (EventStream stream : config.streams()) {
            streamRateLimits.put(stream, config.rateLimit(stream));
        }
        return taskConfigs(props, config.rateLimit(), streamRateLimits, callSource.calls(), maxTasks);
    }

    /**
     * The task configurations for reading {@code calls}: each budget (call detail, and each enabled stream's in
     * {@code streamRateLimits}) is split into whole shares across the tasks, so there are at most as many tasks as
     * the smallest budget allows.
     */
    static List<Map<String, String>> taskConfigs(Map<String, String> props, int rateLimit,
                                                 Map<EventStream, Integer> streamRateLimits, List<String> calls,
                                                 int maxTasks) {
        int tasks = CallAssignor.taskCount(calls.size(), maxTasks, rateLimit,
                streamRateLimits.values().stream().mapToInt(Integer::intValue).toArray());
        if (tasks == 0) {
            return List.of();
        }
        List<List<String>> assignment = CallAssignor.assign(calls, tasks);
        int[] rates = CallAssignor.splitRate(rateLimit, tasks);
        Map<EventStream, int[]> streamRates = new EnumMap<>(EventStream.class);
        streamRateLimits.forEach((stream, budget) -> streamRates.put(stream, CallAssignor.splitRate(budget, tasks)));
        List<Map<String, String>> configs = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            Map<EventStream, Integer> shares = new EnumMap<>(EventStream.class);
            for (Map.Entry<EventStream, int[]> e : streamRates.entrySet()) {
                shares.put(e.getKey(), e.getValue()[t]);
            }
            configs.add(TrtcSourceTaskConfig.of(props, assignment.get(t), rates[t], shares, t));
        }
        return configs;
    }

    @Override
    public void stop() {
        if (callSource != null) {
            callSource.close();
        }
    }

    @Override
    public ConfigDef config() {
        return TrtcSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> byName = new HashMap<>();
        for (ConfigValue v : result.configValues()) {
            byName.put(v.name(), v);
        }
        Function<String, Object> clean = key -> {
            ConfigValue v = byName.get(key);
            return v == null || !v.errorMessages().isEmpty() ? null : v.value();
        };
        Map<String, List<String>> errors = ConfigValidation.check(clean, Instant.ofEpochMilli(time.milliseconds()));
        errors.forEach((key, messages) -> messages.forEach(m -> byName.get(key).addErrorMessage(m)));
        boolean clean0 = result.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (clean0 && Boolean.TRUE.equals(clean.apply(TrtcSourceConfig.VALIDATE_CREDENTIALS))) {
            CredentialCheck.run(new TrtcSourceConfig(connectorConfigs), apiFactory, time)
                    .forEach((key, message) -> byName.get(key).addErrorMessage(message));
        }
        return result;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Checks offsets a user sets through {@code PATCH /connectors/{name}/offsets}: each partition must name a call of
     * this connector's SDKAppID in partition format version 1; each offset (format version 2, or 1 as older releases
     * wrote it) needs at least {@code cursor} (unix seconds), and a record it names inside a window
     * ({@code eventUser}/{@code eventTime}/{@code event}, {@code sampleUser}/{@code samplePeer}/{@code sampleMetric}/
     * {@code sampleTime}) must be complete and lie in that window. A null offset resets the call to its configured
     * start.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        long sdkAppId;
        try {
            sdkAppId = Long.parseLong(String.valueOf(connectorConfig.get(TrtcSourceConfig.SDK_APP_ID)).trim());
        } catch (NumberFormatException e) {
            throw new ConnectException("Cannot check offsets: " + TrtcSourceConfig.SDK_APP_ID + " is not set to a "
                    + "number in the connector's configuration");
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            String commId;
            try {
                commId = OffsetCodec.commId(entry.getKey(), sdkAppId);
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid source partition " + entry.getKey() + ": " + e.getMessage());
            }
            if (entry.getValue() == null) {
                continue;
            }
            try {
                OffsetCodec.streams(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Invalid source offset for call " + commId + ": " + e.getMessage());
            }
        }
        return true;
    }

    private static String describe(Map<String, List<String>> errors) {
        StringBuilder sb = new StringBuilder();
        errors.forEach((key, messages) -> messages.forEach(m -> {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(key).append(": ").append(m);
        }));
        return sb.toString();
    }
}
