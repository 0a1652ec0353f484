package dev.kafkaconnect.trtc.connector.docs;

import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverterConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Generates the reference sections of the docs pages from the code: the settings of the connector and of the
 * converter (from their {@link ConfigDef}s), the metrics and the troubleshooting table ({@link OperationsDocs}), so
 * the docs cannot drift from the code (a test compares them). Run {@code main} to print them, or {@code main docs} to
 * rewrite the marked sections of the pages in the {@code docs} directory.
 */
public final class ConfigDocs {
    /** The docs directory, relative to the project root. */
    public static final String DOCS_DIR = "docs";

    /** A generated part of a docs page, between {@code <!-- name:start -->} and {@code <!-- name:end -->}. */
    public enum Section {
        CONNECTOR("config-reference", "configuration.md", () -> ConfigDocs.markdown(TrtcSourceConfig.CONFIG_DEF)),
        CONVERTER("converter-reference", "converter.md",
                () -> ConfigDocs.markdown(RegistryAvroConverterConfig.CONFIG_DEF)),
        METRICS("metrics", "operations.md", OperationsDocs::metrics),
        TROUBLESHOOTING("troubleshooting", "operations.md", OperationsDocs::troubleshooting);

        private final String name;
        private final String file;
        private final java.util.function.Supplier<String> generator;

        Section(String name, String file, java.util.function.Supplier<String> generator) {
            this.name = name;
            this.file = file;
            this.generator = generator;
        }

        /** The docs page holding this section, relative to the docs directory. */
        public String file() {
            return file;
        }

        public String start() {
            return "<!-- " + name + ":start -->";
        }

        public String end() {
            return "<!-- " + name + ":end -->";
        }

        public String markdown() {
            return generator.get();
        }

        /** The section's current text in {@code document}. */
        public String in(String document) {
            int from = document.indexOf(start());
            int to = document.indexOf(end());
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("the document lacks the markers " + start() + " / " + end());
            }
            return document.substring(from + start().length(), to);
        }

        /** {@code document} with this section regenerated. */
        public String rewrite(String document) {
            String current = in(document);
            int from = document.indexOf(start()) + start().length();
            return document.substring(0, from) + "\n" + markdown() + document.substring(from + current.length());
        }
    }

    private ConfigDocs() {
    }

    /** Prints the references; with the docs directory as argument, rewrites its pages' marked sections instead. */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length == 0) {
            for (Section section : Section.values()) {
                System.out.print(section.markdown());
            }
            return;
        }
        java.nio.file.Path docs = java.nio.file.Path.of(args[0]);
        for (Section section : Section.values()) {
            java.nio.file.Path file = docs.resolve(section.file());
            java.nio.file.Files.writeString(file, section.rewrite(java.nio.file.Files.readString(file)));
        }
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
                        .append(cell(validValues(key))).append(" | ")
                        .append(key.importance.name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        });
        return sb.toString();
    }

    /** A validator's own description; lambdas have none worth printing (their doc string says it instead). */
    private static String validValues(ConfigKey key) {
        if (key.validator == null || key.validator.getClass().isSynthetic()
                || key.validator.getClass().getName().contains("$$Lambda")) {
            return "";
        }
        return key.validator.toString();
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
