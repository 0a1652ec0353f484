package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAvroConverterConfigTest {
    private static final String SECRET = "s3cr3t-pa55";

    @Test
    void defaultsMatchConfluentsConverter() {
        RegistryAvroConverterConfig config = config(Map.of());

        assertThat(config.registryUrls()).containsExactly("http://registry:8081");
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.subjectNameStrategy(true)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.basicAuthUserInfo()).isNull();
        assertThat(config.bearerAuthToken()).isNull();
        assertThat(config.trustStoreLocation()).isNull();
    }

    @Test
    void theRegistryUrlIsRequiredAndChecked() {
        assertThatThrownBy(() -> new RegistryAvroConverterConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> config(Map.of("schema.registry.url", "registry:8081")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> config(Map.of("schema.registry.url", "ftp://registry/")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> config(Map.of("schema.registry.url", "ftp://user:" + SECRET + "@registry/")))
                .isInstanceOf(ConfigException.class).message().doesNotContain(SECRET).contains("***@registry");
    }

    @Test
    void inconsistentSettingsAreRefusedNamingThem() {
        assertThatThrownBy(() -> config(Map.of("use.latest.version", "true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("use.latest.version=true requires auto.register.schemas=false");
        assertThatThrownBy(() -> config(Map.of("basic.auth.user.info", "u:" + SECRET, "bearer.auth.token", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bearer.auth.token").message().doesNotContain(SECRET);
        assertThatThrownBy(() -> config(Map.of("basic.auth.user.info", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info must have the form user:password")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> config(Map.of("value.subject.name.strategy", "ByColour")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("value.subject.name.strategy")
                .hasMessageContaining("io.confluent.kafka.serializers.subject.TopicNameStrategy");
        assertThatThrownBy(() -> config(Map.of("basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> config(Map.of("schema.registry.ssl.truststore.password", SECRET)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.ssl.truststore.location")
                .message().doesNotContain(SECRET);
    }

    @Test
    void secretsNeverShowInToStringOrValues() {
        RegistryAvroConverterConfig config = config(Map.of("basic.auth.user.info", "user:" + SECRET));

        assertThat(config.toString()).doesNotContain(SECRET);
        assertThat(config.values().toString()).doesNotContain(SECRET);
        assertThat(config.basicAuthUserInfo()).isEqualTo("user:" + SECRET);
        assertThat(RestSchemaRegistryClient.create(config).toString()).doesNotContain(SECRET);
    }

    @Test
    void aMissingOrUnreadableTrustStoreIsAConfigError(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("nope.jks").toString();
        assertThatThrownBy(() -> RegistryHttpClients.create(config(Map.of(
                "schema.registry.ssl.truststore.location", missing))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.location")
                .hasMessageContaining("not found");

        Path garbage = Files.writeString(dir.resolve("garbage.jks"), "not a key store");
        assertThatThrownBy(() -> RegistryHttpClients.create(config(Map.of(
                "schema.registry.ssl.truststore.location", garbage.toString(),
                "schema.registry.ssl.truststore.password", SECRET))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.password")
                .message().doesNotContain(SECRET);
    }

    static RegistryAvroConverterConfig config(Map<String, String> settings) {
        Map<String, Object> all = new HashMap<>();
        all.put("schema.registry.url", "http://registry:8081");
        all.putAll(settings);
        return new RegistryAvroConverterConfig(all);
    }
}
