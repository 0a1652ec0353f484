package dev.kafkaconnect.trtc.connector.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;

/** A task's settings: the connector's, plus the calls and the share of the rate budget assigned to the task. */
public class TrtcSourceTaskConfig extends TrtcSourceConfig {
    public static final String TASK_COMM_IDS = "trtc.task.comm.ids";
    public static final String TASK_RATE_LIMIT = "trtc.task.rate.limit";
    public static final String TASK_INDEX = "trtc.task.index";

    static final ConfigDef TASK_CONFIG_DEF = new ConfigDef(CONFIG_DEF)
            .define(TASK_COMM_IDS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Calls this task reads (assigned by the connector).")
            .define(TASK_RATE_LIMIT, Type.INT, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(1), Importance.HIGH,
                    "This task's whole share of trtc.rate.limit (assigned by the connector).")
            .define(TASK_INDEX, Type.INT, ConfigDef.NO_DEFAULT_VALUE, Range.atLeast(0), Importance.LOW,
                    "This task's number, for logs.");

    public TrtcSourceTaskConfig(Map<String, String> props) {
        super(TASK_CONFIG_DEF, props);
    }

    /** The task's properties: the connector's plus the assignment. */
    public static Map<String, String> of(Map<String, String> connectorProps, List<String> commIds, int rateLimit,
                                  int index) {
        Map<String, String> props = new HashMap<>(connectorProps);
        // A task needs only its own calls: task configs must not grow with the whole call list.
        props.remove(COMM_IDS);
        props.put(TASK_COMM_IDS, String.join(",", commIds));
        props.put(TASK_RATE_LIMIT, Integer.toString(rateLimit));
        props.put(TASK_INDEX, Integer.toString(index));
        return props;
    }

    public List<CommId> taskCalls() {
        return getList(TASK_COMM_IDS).stream().filter(s -> !s.isBlank()).map(CommId::parse).toList();
    }

    public int taskRateLimit() {
        return getInt(TASK_RATE_LIMIT);
    }

    public int taskIndex() {
        return getInt(TASK_INDEX);
    }
}
