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
 * Two tasks writing the first record of a topic register the same new subject at once; a registry may answer the
 * second with 409 although its schema is then registered (Apicurio 2.6 does). That must not fail the task.
 */
class ConcurrentRegistrationTest {
    private static final Schema KEY = SchemaBuilder.struct().name("dev.example.Key")
            .field("id", Schema.STRING_SCHEMA).build();

    @Test
    void conflictOnRegistrationIsResolvedByLookingTheSchemaUp() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        RegistryAvroConverter converter = converter(new LosingRace(registry, true));

        byte[] bytes = converter.fromConnectData("t", KEY, new Struct(KEY).put("id", "a"));

        assertThat(((Struct) converter.toConnectData("t", bytes).value()).getString("id")).isEqualTo("a");
        assertThat(registry.subjects()).containsExactly("t-key");
    }

    @Test
    void conflictForASchemaThatIsNotRegisteredStaysAnIncompatibility() {
        RegistryAvroConverter converter = converter(new LosingRace(new InMemorySchemaRegistry(), false));

        assertThatThrownBy(() -> converter.fromConnectData("t", KEY, new Struct(KEY).put("id", "a")))
                .isInstanceOf(DataException.class).hasMessageContaining("t-key")
                .rootCause().isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE));
    }

    private static RegistryAvroConverter converter(SchemaRegistryClient client) {
        RegistryAvroConverter converter = new RegistryAvroConverter(client);
        converter.configure(Map.of("schema.registry.url", "http://in-memory/"), true);
        return converter;
    }

    /** A registry where another task registers first; {@code otherWins}: its registration is the same schema. */
    private static final class LosingRace extends DelegatingRegistry {
        private final boolean otherWins;

        LosingRace(InMemorySchemaRegistry delegate, boolean otherWins) {
            super(delegate);
            this.otherWins = otherWins;
        }

        @Override
        public int register(String subject, String schema) {
            if (otherWins) {
                delegate.register(subject, schema);
            }
            throw new SchemaRegistryException(SchemaRegistryException.Kind.INCOMPATIBLE, 409, 409,
                    "artifact '" + subject + "' already exists", null);
        }
    }
}
