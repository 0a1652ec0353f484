package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/**
 * Encoding state reused across records: the encoder's array (a record that fails half-written must leave nothing
 * behind) and the last schema written (it must follow the topic and the schema).
 */
class EncoderReuseTest {
    private static final Schema TWO = SchemaBuilder.struct().name("dev.kafkaconnect.test.Two")
            .field("a", Schema.INT64_SCHEMA).field("b", Schema.STRING_SCHEMA).build();

    @Test
    void aRecordFailingMidwayDoesNotLeakIntoTheNext() {
        RegistryAvroConverter reused = converter();
        Struct good = new Struct(TWO).put("a", 42L).put("b", "text");
        byte[] expected = converter().fromConnectData("t", TWO, good);

        assertThat(reused.fromConnectData("t", TWO, good)).isEqualTo(expected);
        // "a" is encoded, then the missing required "b" fails the record.
        Struct halfWritten = new Struct(TWO).put("a", 7L);
        assertThatThrownBy(() -> reused.fromConnectData("t", TWO, halfWritten)).isInstanceOf(DataException.class)
                .hasMessageContaining("'b'");
        assertThat(reused.fromConnectData("t", TWO, good)).isEqualTo(expected);
        for (long i = 0; i < 1000; i++) {
            Struct s = new Struct(TWO).put("a", i).put("b", "x".repeat((int) (i % 300)));
            assertThat(reused.fromConnectData("t", TWO, s)).isEqualTo(converter().fromConnectData("t", TWO, s));
        }
    }

    @Test
    void theRememberedSchemaIsPerTopicAndSchemaObject() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        RegistryAvroConverter converter = converter(registry);
        Struct good = new Struct(TWO).put("a", 1L).put("b", "x");
        converter.fromConnectData("t1", TWO, good);
        converter.fromConnectData("t2", TWO, good);
        converter.fromConnectData(new String("t1"), TWO, good);
        assertThat(registry.subjects()).containsExactlyInAnyOrder("t1-value", "t2-value");

        Schema three = SchemaBuilder.struct().name("dev.kafkaconnect.test.Three")
                .field("c", Schema.BOOLEAN_SCHEMA).build();
        byte[] bytes = converter.fromConnectData("t1", three, new Struct(three).put("c", true));
        int id = java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertThat(registry.schemaById(id).schema()).contains("Three");
        assertThat(converter.toConnectData("t1", bytes).schema().name()).isEqualTo("dev.kafkaconnect.test.Three");
    }

    private static RegistryAvroConverter converter() {
        return converter(new InMemorySchemaRegistry());
    }

    private static RegistryAvroConverter converter(InMemorySchemaRegistry registry) {
        RegistryAvroConverter converter = new RegistryAvroConverter(registry);
        converter.configure(Map.of("schema.registry.url", "http://in-memory/"), false);
        return converter;
    }
}
