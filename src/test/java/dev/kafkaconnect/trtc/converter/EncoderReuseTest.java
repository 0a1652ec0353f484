package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** The buffered encoder is reused across records: a record that fails half-written must leave nothing behind. */
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

    private static RegistryAvroConverter converter() {
        RegistryAvroConverter converter = new RegistryAvroConverter(new InMemorySchemaRegistry());
        converter.configure(Map.of("schema.registry.url", "http://in-memory/"), false);
        return converter;
    }
}
