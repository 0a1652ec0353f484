package dev.kafkaconnect.trtc.connector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ErrorCodes;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigDocsTest {

    @ParameterizedTest
    @EnumSource(ConfigDocs.Section.class)
    void readmeReferenceMatchesTheConfigDef(ConfigDocs.Section section) throws Exception {
        String page = Files.readString(Path.of(ConfigDocs.DOCS_DIR, section.file()), StandardCharsets.UTF_8);
        assertThat(section.in(page).strip())
                .as("%s section %s is stale: regenerate it with ConfigDocs.main docs (see docs/development.md)",
                        section.file(), section.start())
                .isEqualTo(section.markdown().strip());
    }

    @Test
    void theGenerationDocNamesEveryCodeThatSwitchesTheGeneration() throws Exception {
        String doc = TrtcSourceConfig.CONFIG_DEF.configKeys().get(TrtcSourceConfig.API_GENERATION).documentation;
        String page = Files.readString(Path.of(ConfigDocs.DOCS_DIR, ConfigDocs.Section.CONNECTOR.file()),
                StandardCharsets.UTF_8);
        String prose = page.substring(page.indexOf("- **API generation**"), page.indexOf("- Every setting is listed"));
        var switching = ErrorCodes.documented().entrySet().stream()
                .filter(e -> e.getValue() == ErrorKind.UNSUPPORTED_ACTION).map(e -> e.getKey()).toList();
        assertThat(switching).hasSize(4);
        for (String code : switching) {
            assertThat(doc.toLowerCase(java.util.Locale.ROOT)).as("trtc.api.generation doc").contains(code);
            assertThat(prose.toLowerCase(java.util.Locale.ROOT)).as("docs/configuration.md API generation prose").contains("`" + code + "`");
        }
    }

    @Test
    void everySettingHasADocStringAndAGroup() {
        for (ConfigDef.ConfigKey key : TrtcSourceConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isIn(TrtcSourceConfig.CONNECTION_GROUP, TrtcSourceConfig.CALLS_GROUP,
                    TrtcSourceConfig.RECORDS_GROUP, TrtcSourceConfig.LIMITS_GROUP, TrtcSourceConfig.DISCOVERY_GROUP);
        }
    }

    @Test
    void theTableListsEverySettingWithItsDefault() {
        String md = ConfigDocs.markdown(TrtcSourceConfig.CONFIG_DEF);
        for (String name : TrtcSourceConfig.CONFIG_DEF.names()) {
            assertThat(md).contains("| `" + name + "` |");
        }
        assertThat(md).contains("| `trtc.rate.limit` | int | `20` |").contains("| `trtc.secret.key` | password | (required)")
                .contains("&lt;sdkappid&gt;");
    }
}
