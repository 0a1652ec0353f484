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

    /** Prints the reference; with a file argument, rewrites that file's section between the markers instead. */
    public static void main(String[] args) throws java.io.IOException {
        String table = markdown(TrtcSourceConfig.CONFIG_DEF);
        if (args.length == 0) {
            System.out.print(table);
            return;
        }
        java.nio.file.Path file = java.nio.file.Path.of(args[0]);
        String text = java.nio.file.Files.readString(file);
        int start = text.indexOf(START_MARKER);
        int end = text.indexOf(END_MARKER);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(file + " lacks the markers " + START_MARKER + " / " + END_MARKER);
        }
        java.nio.file.Files.writeString(file, text.substring(0, start + START_MARKER.length()) + "\n" + table
                + text.substring(end));
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
