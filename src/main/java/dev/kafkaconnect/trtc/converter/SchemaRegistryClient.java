package dev.kafkaconnect.trtc.converter;

import java.util.List;

/**
 * The Confluent Schema Registry REST operations the converter and its tools need. Schemas travel as their JSON text,
 * as the registry stores them. Failures are {@link SchemaRegistryException}s.
 */
public interface SchemaRegistryClient extends AutoCloseable {
    /** Registers an Avro schema under a subject (idempotent: the same schema gets the same id) and returns its id. */
    int register(String subject, String schema);

    /** The id of a schema already registered under a subject; NOT_FOUND when the subject or schema is unknown. */
    int lookup(String subject, String schema);

    /** The schema with this global id, whichever subject and producer registered it. */
    RegisteredSchema schemaById(int id);

    /** The newest version under a subject. */
    RegisteredSchema latest(String subject);

    /** One version of a subject (also how schema references are resolved). */
    RegisteredSchema version(String subject, int version);

    /** Checks a schema against the subject's latest version under the subject's compatibility rule. */
    CompatibilityResult testCompatibility(String subject, String schema);

    /** Sets a subject's compatibility level: NONE, BACKWARD, FORWARD, FULL, or a _TRANSITIVE variant. */
    void setCompatibility(String subject, String level);

    List<String> subjects();

    @Override
    void close();

    /** A schema as the registry returns it; {@code subject}/{@code version} are null/0 when fetched by id. */
    record RegisteredSchema(int id, String subject, int version, String schemaType, String schema,
                            List<SchemaReference> references) {
        public RegisteredSchema {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    /** A named type the schema imports from another subject's version. */
    record SchemaReference(String name, String subject, int version) {
    }

    /** The answer of a compatibility check; {@code messages} explain an incompatibility when the registry says why. */
    record CompatibilityResult(boolean compatible, List<String> messages) {
        public CompatibilityResult {
            messages = List.copyOf(messages);
        }
    }
}
