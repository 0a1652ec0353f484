package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.junit.jupiter.api.Test;

/**
 * Every converter setting carries the doc string and group its reference in docs/converter.md is generated from
 * ({@code connector.ConfigDocs}, checked against the page by {@code ConfigDocsTest}).
 */
class ConverterDocsTest {

    @Test
    void everySettingIsDocumented() {
        for (ConfigKey key : RegistryAvroConverterConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        }
    }
}
