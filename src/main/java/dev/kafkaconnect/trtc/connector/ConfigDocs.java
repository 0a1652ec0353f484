package dev.kafkaconnect.trtc.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Generates the README's configuration reference from the {@link ConfigDef}, so the two cannot drift apart
 * (a test compares them). Run {@code main} to print the section.
 */
public final class ConfigDocs {
    public static final String START_MARKER = "<!-- config-reference:start -->";
    public static final String END_MARKER = "<!-- config-reference:end -->";

    private ConfigDocs() {
    }

    public static void main(String[] args) {
        System.out.print(markdown(TrtcSourceConfig.CONFIG_DEF));
    }

    /** One table per group, in definition order. */
    public static String markdown(ConfigDef def) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder sb = new StringBuilder();
        groups.forEach((group, keys) -> {
            keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            sb.append("\n### ").append(group).append("\n\n");
            sb.append("| Setting | Type | Default | Valid values | Importance | Description |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : keys) {
                sb.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(defaultText(key)).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        });
        return sb.toString();
    }

    private static String defaultText(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(none)";
        }
        String text = key.type == ConfigDef.Type.LIST
                ? String.join(",", ((List<?>) key.defaultValue).stream().map(String::valueOf).toList())
                : String.valueOf(key.defaultValue);
        return text.isEmpty() ? "(none)" : "`" + text + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
