package dev.kafkaconnect.trtc.connector.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A task's settings: the connector's, plus the calls and the shares of the rate budgets (call detail, and each
 * enabled event stream's) assigned to the task.
 */
public class TrtcSourceTaskConfig extends TrtcSourceConfig {
    public static final String TASK_COMM_IDS = "trtc.task.comm.ids";
    public static final String TASK_RATE_LIMIT = "trtc.task.rate.limit";
    public static final String TASK_INDEX = "trtc.task.index";

    static final ConfigDef TASK_CONFIG_DEF = taskConfigDef();

    public TrtcSourceTaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
    }

    /**
     * The enabled streams whose share the task configuration lacks: written by a version of the connector before
     * the stream existed, until the connector writes the task configurations again (it does at its next start).
     * Such a task reads the stream at {@link #SHARE_WITHOUT_ASSIGNMENT} request a second, which no number of tasks
     * up to the service's limit can push past it.
     */
    public java.util.List<EventStream> streamsWithoutShare() {
        return streams().stream().filter(s -> get(s.taskRateLimitKey()) == null).toList();
    }

    /** A stream's share in a task configuration that lacks one (see {@link #streamsWithoutShare}). */
    public static final int SHARE_WITHOUT_ASSIGNMENT = 1;

    private static ConfigDef taskConfigDef() {
        ConfigDef def = new ConfigDef(CONFIG_DEF)
                .define(TASK_COMM_IDS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                        "Calls this task reads (assigned by the connector).")
                .define(TASK_RATE_LIMIT, Type.INT, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(1), Importance.HIGH,
                        "This task's whole share of trtc.rate.limit (assigned by the connector).")
                .define(TASK_INDEX, Type.INT, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(0), Importance.LOW,
                        "This task's number, for logs.");
        for (EventStream stream : EventStream.values()) {
            // Absent for a stream that is not read; required (checked in the constructor) for one that is.
            def.define(stream.taskRateLimitKey(), Type.INT, null, new DescribedValidator("[1,...] or absent",
                            (name, value) -> {
                                if (value != null && (Integer) value < 1) {
                                    throw new ConfigException(name, value, "Value must be at least 1");
                                }
                            }), Importance.HIGH,
                    "This task's whole share of " + stream.rateLimitKey() + " (assigned by the connector when "
                            + STREAMS + " lists " + stream.configName() + ").");
        }
        return def;
    }

    /**
     * The task's properties: the connector's plus the assignment.
     *
     * @param streamRateLimits the task's share of each enabled stream's budget; every stream of
     *                         {@link #streams()} must have one
     */
    public static Map<String, String> of(Map<String, String> connectorProps, List<String> commIds, int rateLimit,
                                         Map<EventStream, Integer> streamRateLimits, int index) {
        Map<String, String> props = new HashMap<>(connectorProps);
        // A task needs only its own calls: task configs must not grow with the whole call list.
        props.remove(COMM_IDS);
        props.put(TASK_COMM_IDS, String.join(",", commIds));
        props.put(TASK_RATE_LIMIT, Integer.toString(rateLimit));
        for (EventStream stream : EventStream.values()) {
            Integer share = streamRateLimits.get(stream);
            if (share == null) {
                props.remove(stream.taskRateLimitKey());
            } else {
                props.put(stream.taskRateLimitKey(), Integer.toString(share));
            }
        }
        props.put(TASK_INDEX, Integer.toString(index));
        return props;
    }

    public List<CommId> taskCalls() {
        return getList(TASK_COMM_IDS).stream().filter(s -> !s.isBlank()).map(CommId::parse).toList();
    }

    public int taskRateLimit() {
        return getInt(TASK_RATE_LIMIT);
    }

    /**
     * The task's whole share of {@code stream}'s budget.
     *
     * @throws ConfigException naming the key when the stream is not enabled (the task has no share of it)
     */
    public int taskRateLimit(EventStream stream) {
        Integer share = getInt(stream.taskRateLimitKey());
        if (!streams().contains(stream)) {
            throw new ConfigException(stream.taskRateLimitKey(), share, "not used: " + STREAMS + " does not list "
                    + stream.configName());
        }
        return share == null ? SHARE_WITHOUT_ASSIGNMENT : share;
    }

    /** The task's shares of each enabled stream's budget, by action. */
    @Override
    public Map<String, Integer> eventActionRateLimits() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (EventStream stream : streams()) {
            out.put(stream.action(), taskRateLimit(stream));
        }
        return Collections.unmodifiableMap(out);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }
}
