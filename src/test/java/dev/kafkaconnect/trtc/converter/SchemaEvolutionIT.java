package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.records.AvroSchemas;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import dev.kafkaconnect.trtc.testing.ApicurioRegistryExtension;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The contracts evolve under BACKWARD compatibility in a real registry; breaking changes are refused clearly. */
@ExtendWith(ApicurioRegistryExtension.class)
class SchemaEvolutionIT {
    static final List<String> CONTRACTS = AvroSchemas.ALL;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApicurioRegistry registry;

    SchemaEvolutionIT(ApicurioRegistry registry) {
        this.registry = registry;
    }

    @ParameterizedTest
    @FieldSource("CONTRACTS")
    void nextVersionWithAnOptionalFieldIsAcceptedAndBreakingChangesAreRefused(String name) throws IOException {
        String subject = "evolve-" + name + "-value";
        String v1 = AvroSchemas.load(name).toString();
        try (RestSchemaRegistryClient client = RegistryAvroConverterIT.client(registry.ccompatUrl())) {
            int v1Id = client.register(subject, v1);
            client.setCompatibility(subject, "BACKWARD");

            String v2 = withField(v1, JSON.readTree("""
                    {"name": "addedInV2", "type": ["null", "string"], "default": null, "doc": "New in v2."}"""));
            assertThat(client.testCompatibility(subject, v2).compatible()).isTrue();
            int v2Id = client.register(subject, v2);
            assertThat(v2Id).isNotEqualTo(v1Id);
            assertThat(client.latest(subject).version()).isEqualTo(2);

            String requiredWithoutDefault = withField(v2, JSON.readTree("""
                    {"name": "mandatory", "type": "string"}"""));
            assertThat(client.testCompatibility(subject, requiredWithoutDefault).compatible()).isFalse();
            assertThatThrownBy(() -> client.register(subject, requiredWithoutDefault))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                        assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE);
                        assertThat(e.httpStatus()).isEqualTo(409);
                        assertThat(e.retriable()).isFalse();
                        assertThat(e.getMessage()).contains("subject '" + subject + "'").contains("incompatible")
                                .contains("mandatory");
                    });

            String changedType = v2.replaceFirst("\"sdkAppId\",\"type\":\"long\"", "\"sdkAppId\",\"type\":\"string\"");
            assertThat(changedType).isNotEqualTo(v2);
            assertThatThrownBy(() -> client.register(subject, changedType))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.kind())
                            .isEqualTo(SchemaRegistryException.Kind.INCOMPATIBLE));
            assertThat(client.latest(subject).id()).as("refused versions are not registered").isEqualTo(v2Id);
        }
    }

    @Test
    void theConverterReportsAnIncompatibleRecordSchemaAsADataErrorNamingTheSubject() {
        Schema v1 = SchemaBuilder.struct().name("it.Evolving").field("id", Schema.INT64_SCHEMA).build();
        Schema v2 = SchemaBuilder.struct().name("it.Evolving").field("id", Schema.INT64_SCHEMA)
                .field("note", SchemaBuilder.string().optional().build()).build();
        Schema breaking = SchemaBuilder.struct().name("it.Evolving").field("id", Schema.INT64_SCHEMA)
                .field("required", Schema.STRING_SCHEMA).build();
        RegistryAvroConverter converter = new RegistryAvroConverter();
        converter.configure(Map.of("schema.registry.url", registry.ccompatUrl()), false);
        try {
            byte[] old = converter.fromConnectData("evolving", v1, new Struct(v1).put("id", 1L));
            try (RestSchemaRegistryClient client = RegistryAvroConverterIT.client(registry.ccompatUrl())) {
                client.setCompatibility("evolving-value", "BACKWARD");
            }

            byte[] evolved = converter.fromConnectData("evolving", v2, new Struct(v2).put("id", 2L).put("note", "n"));
            assertThat(converter.toConnectData("evolving", evolved).schema()).isEqualTo(v2);
            assertThat(converter.toConnectData("evolving", old).schema()).isEqualTo(v1);

            assertThatThrownBy(() -> converter.fromConnectData("evolving", breaking,
                    new Struct(breaking).put("id", 3L).put("required", "x")))
                    .isInstanceOf(DataException.class)
                    .isNotInstanceOf(RetriableException.class)
                    .hasMessageContaining("subject 'evolving-value'")
                    .hasMessageContaining("incompatible")
                    .hasMessageContaining(registry.ccompatUrl());
        } finally {
            converter.close();
        }
    }

    private static String withField(String schema, com.fasterxml.jackson.databind.JsonNode field) throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(schema);
        ((ArrayNode) record.get("fields")).add(field);
        return new org.apache.avro.Schema.Parser().parse(record.toString()).toString();
    }
}
