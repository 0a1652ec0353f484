package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class ConfigDocsTest {

    @Test
    void readmeReferenceMatchesTheConfigDef() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(ConfigDocs.START_MARKER);
        int end = readme.indexOf(ConfigDocs.END_MARKER);
        assertThat(start).as("README has " + ConfigDocs.START_MARKER).isNotNegative();
        assertThat(end).as("README has " + ConfigDocs.END_MARKER).isGreaterThan(start);
        String section = readme.substring(start + ConfigDocs.START_MARKER.length(), end).strip();
        assertThat(section)
                .as("README configuration reference is stale: regenerate it with ConfigDocs.main")
                .isEqualTo(ConfigDocs.markdown(TrtcSourceConfig.CONFIG_DEF).strip());
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
