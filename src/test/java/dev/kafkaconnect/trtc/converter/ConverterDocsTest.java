package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * Keeps the settings table of {@code docs-converter.md} generated from the converter's ConfigDef. When a setting
 * changes, the test fails and writes the fresh table to {@code target/converter-config-table.md}; paste it in.
 */
class ConverterDocsTest {
    static final Path DOC = Path.of("docs-converter.md");

    @Test
    void settingsTableIsGeneratedFromTheConfigDef() throws IOException {
        String table = markdownTable(RegistryAvroConverterConfig.CONFIG_DEF);
        Path generated = Path.of("target", "converter-config-table.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, table);

        assertThat(Files.readString(DOC))
                .as("%s must contain the table in %s (regenerated from the ConfigDef)", DOC, generated)
                .contains(table);
    }

    @Test
    void everySettingIsDocumented() {
        for (ConfigKey key : RegistryAvroConverterConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        }
    }

    static String markdownTable(ConfigDef def) {
        StringBuilder out = new StringBuilder();
        out.append("| Setting | Type | Default | Valid values | Importance | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (ConfigKey key : def.configKeys().values()) {
            out.append("| `").append(key.name).append("` | ")
                    .append(key.type.name().toLowerCase()).append(" | ")
                    .append(defaultOf(key)).append(" | ")
                    .append(validValues(key)).append(" | ")
                    .append(key.importance.name().toLowerCase()).append(" | ")
                    .append(escape(key.documentation)).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "";
        }
        Object value = key.defaultValue instanceof List<?> list ? String.join(",", list.stream()
                .map(String::valueOf).toList()) : key.defaultValue;
        return "`" + escape(String.valueOf(value)) + "`";
    }

    private static String validValues(ConfigKey key) {
        if (key.validator == null || key.validator.getClass().isSynthetic()
                || key.validator.getClass().getName().contains("$$Lambda")) {
            return "";
        }
        return escape(key.validator.toString());
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
