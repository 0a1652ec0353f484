package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectWorkerConfigTest {
    private static final Path PLUGINS = Path.of("/opt/plugins");

    @Test
    void loadsPluginsOnlyFromPluginPathThroughServiceLoaderOnLoopback() {
        Map<String, String> config = ConnectWorkerProcess.workerConfig("127.0.0.1:9092", 8083,
                WorkerSettings.builder(PLUGINS).build());
        assertThat(config)
                .containsEntry("plugin.path", PLUGINS.toAbsolutePath().toString())
                .containsEntry("plugin.discovery", "service_load")
                .containsEntry("listeners", "http://127.0.0.1:8083")
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("config.storage.replication.factor", "1")
                .containsEntry("offset.storage.replication.factor", "1")
                .containsEntry("status.storage.replication.factor", "1")
                .containsEntry("offset.flush.interval.ms", "1000")
                .containsEntry("key.converter", WorkerSettings.JSON_CONVERTER)
                .containsEntry("value.converter", WorkerSettings.JSON_CONVERTER)
                .containsEntry("config.providers", "file,env,directory")
                .containsEntry("config.providers.file.class",
                        "org.apache.kafka.common.config.provider.FileConfigProvider")
                .containsEntry("config.providers.env.class",
                        "org.apache.kafka.common.config.provider.EnvVarConfigProvider")
                .containsEntry("config.providers.directory.class",
                        "org.apache.kafka.common.config.provider.DirectoryConfigProvider")
                .doesNotContainKey("exactly.once.source.support");
    }

    @Test
    void settingsReachTheWorkerConfig() {
        WorkerSettings settings = WorkerSettings.builder(PLUGINS)
                .groupId("g1")
                .offsetFlushIntervalMs(250)
                .exactlyOnce(true)
                .valueConverter("dev.example.AvroConverter")
                .converterProperty("value", "schema.registry.url", "http://127.0.0.1:1")
                .property("task.shutdown.graceful.timeout.ms", "3000")
                .build();
        Map<String, String> config = ConnectWorkerProcess.workerConfig("b:1", 1, settings);
        assertThat(config)
                .containsEntry("group.id", "g1")
                .containsEntry("config.storage.topic", "g1-configs")
                .containsEntry("offset.storage.topic", "g1-offsets")
                .containsEntry("status.storage.topic", "g1-status")
                .containsEntry("offset.flush.interval.ms", "250")
                .containsEntry("exactly.once.source.support", "enabled")
                .containsEntry("value.converter", "dev.example.AvroConverter")
                .containsEntry("value.converter.schema.registry.url", "http://127.0.0.1:1")
                .containsEntry("task.shutdown.graceful.timeout.ms", "3000");
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        assertThatThrownBy(() -> WorkerSettings.builder(PLUGINS).offsetFlushIntervalMs(0))
                .hasMessageContaining("offset.flush.interval.ms");
        assertThatThrownBy(() -> WorkerSettings.builder(PLUGINS).converterProperty("header", "x", "y"))
                .hasMessageContaining("'header'");
        assertThatThrownBy(() -> WorkerSettings.builder(PLUGINS).environment("A=B", "x"))
                .hasMessageContaining("'A=B'");
        assertThatThrownBy(() -> WorkerSettings.builder(PLUGINS).environment("TRTC_KEY", null))
                .hasMessageContaining("TRTC_KEY");
    }

    /** Secrets for the env provider go to the process environment, never into the worker's properties or text. */
    @Test
    void environmentVariablesStayOutOfTheWorkerConfigAndItsDescription() {
        WorkerSettings settings = WorkerSettings.builder(PLUGINS).environment("TRTC_SECRET_KEY", "s3cr3t-value")
                .build();
        assertThat(settings.environment()).containsExactly(Map.entry("TRTC_SECRET_KEY", "s3cr3t-value"));
        assertThat(ConnectWorkerProcess.workerConfig("b:1", 1, settings).toString()).doesNotContain("s3cr3t-value");
        assertThat(settings.toString()).contains("TRTC_SECRET_KEY").doesNotContain("s3cr3t-value");
    }

    @Test
    void workerRunsOnTheGivenJavaHomeElseOnThisJvmsJava() {
        assertThat(WorkerSettings.builder(PLUGINS).build().javaHome()).isEmpty();
        assertThat(ChildJvm.javaExecutable(null))
                .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path home = Path.of("/opt/jdk-25");
        WorkerSettings settings = WorkerSettings.builder(PLUGINS).javaHome(home).build();
        assertThat(settings.javaHome()).contains(home);
        assertThat(settings.toString()).contains("javaHome=" + home);
        assertThat(ChildJvm.javaExecutable(home)).isEqualTo(home.resolve("bin").resolve("java").toString());
    }

    @Test
    void workerOnAJavaHomeWithoutJavaFailsBeforeItStarts(@TempDir Path dir) {
        Path noJdk = dir.resolve("no-jdk");
        assertThatThrownBy(() -> ConnectWorkerProcess.start(null, "b:1",
                WorkerSettings.builder(dir).javaHome(noJdk).build(), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bin/java")
                .hasMessageContaining(noJdk.toString());
    }

    @Test
    void stackOnAnExternalClusterNeedsItsBootstrapServers() {
        assertThatThrownBy(() -> KafkaConnectStack.startOn(" ", null, PLUGINS, w -> w))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap servers");
    }
}
