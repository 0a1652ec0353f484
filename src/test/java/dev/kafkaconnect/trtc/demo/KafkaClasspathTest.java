package dev.kafkaconnect.trtc.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClasspathTest {
    private static final String KAFKA = String.join(java.io.File.pathSeparator,
            "/m2/org/apache/kafka/kafka_2.13-4.3.1.jar", "/m2/org/apache/kafka/connect-runtime-4.3.1.jar",
            "/m2/org/apache/kafka/kafka-clients-4.3.1.jar");

    @Test
    void acceptsKafkasJars() {
        assertThat(KafkaClasspath.of(KAFKA + "\n", "test").value()).isEqualTo(KAFKA);
    }

    @Test
    void rejectsThisProjectsClassesBecauseThePluginMustLoadFromPluginPath() {
        assertThatThrownBy(() -> KafkaClasspath.of(KAFKA + ":/work/project/target/classes", "test"))
                .hasMessageContaining("target/classes").hasMessageContaining("plugin.path");
        assertThatThrownBy(() -> KafkaClasspath.of(KAFKA + ":/x/kafka-connect-trtc-0.1.0.jar", "test"))
                .hasMessageContaining("kafka-connect-trtc-0.1.0.jar");
    }

    @Test
    void rejectsAClasspathThatCannotStartAWorkerOrABroker() {
        assertThatThrownBy(() -> KafkaClasspath.of("/m2/kafka_2.13-4.3.1.jar", "cp.txt"))
                .hasMessageContaining("cp.txt").hasMessageContaining("connect-runtime");
        assertThatThrownBy(() -> KafkaClasspath.of("/m2/connect-runtime-4.3.1.jar", "cp.txt"))
                .hasMessageContaining("kafka_2.13");
    }

    @Test
    void missingFileSaysWhichBuildStepWritesIt(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaClasspath.fromFile(dir.resolve("kafka-classpath.txt")))
                .hasMessageContaining("kafka-classpath.txt").hasMessageContaining("process-test-resources");
    }

    @Test
    void readsTheFileTheBuildWrites(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("cp.txt"), KAFKA + "\n");
        assertThat(KafkaClasspath.fromFile(file).value()).isEqualTo(KAFKA);
    }
}
