package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry that is down when the converter starts or goes down mid-run: records fail with a RetriableException
 * naming the registry URL (so the worker retries them or fails the task before committing: nothing is lost), and
 * conversion resumes when the registry is back. Uses a registry of its own, since it stops and restarts it.
 */
class RegistryFailureIT {
    private static final Schema FIRST = SchemaBuilder.struct().name("it.First").field("n", Schema.INT32_SCHEMA).build();
    private static final Schema SECOND = SchemaBuilder.struct().name("it.Second").field("s", Schema.STRING_SCHEMA)
            .build();

    private static ApicurioRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistry.startNew();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void registryDownAtStartThenBack() {
        registry.stop();
        RegistryAvroConverter converter = converter();
        Struct value = new Struct(FIRST).put("n", 1);
        try {
            assertThatThrownBy(() -> converter.fromConnectData("down-at-start", FIRST, value))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining(registry.ccompatUrl())
                    .hasMessageContaining("unreachable")
                    .hasMessageContaining("subject 'down-at-start-value'");

            registry.start();

            byte[] bytes = converter.fromConnectData("down-at-start", FIRST, value);
            assertThat(converter.toConnectData("down-at-start", bytes).value()).isEqualTo(value);
        } finally {
            converter.close();
        }
    }

    @Test
    void registryDownMidRunThenBack() {
        registry.start();
        RegistryAvroConverter converter = converter();
        try {
            converter.fromConnectData("mid-run", FIRST, new Struct(FIRST).put("n", 1));
            registry.stop();

            // Known schemas need no registry: records keep flowing while it is down.
            byte[] cached = converter.fromConnectData("mid-run", FIRST, new Struct(FIRST).put("n", 2));
            assertThat(converter.toConnectData("mid-run", cached).value()).isEqualTo(new Struct(FIRST).put("n", 2));

            Struct second = new Struct(SECOND).put("s", "new schema");
            assertThatThrownBy(() -> converter.fromConnectData("mid-run-2", SECOND, second))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining(registry.ccompatUrl())
                    .hasMessageContaining("gave up after 1 retries");

            registry.start();

            byte[] bytes = converter.fromConnectData("mid-run-2", SECOND, second);
            RegistryAvroConverter reader = converter();
            try {
                assertThat(reader.toConnectData("mid-run-2", bytes).value()).isEqualTo(second);
            } finally {
                reader.close();
            }
        } finally {
            converter.close();
        }
    }

    private static RegistryAvroConverter converter() {
        RegistryAvroConverter converter = new RegistryAvroConverter();
        converter.configure(Map.of("schema.registry.url", registry.ccompatUrl(), "max.retries", "1",
                "retries.wait.ms", "10", "http.connect.timeout.ms", "2000"), false);
        return converter;
    }
}
