package dev.kafkaconnect.trtc.converter;

import dev.kafkaconnect.trtc.converter.SchemaRegistryClient.RegisteredSchema;
import dev.kafkaconnect.trtc.converter.SchemaRegistryClient.SchemaReference;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.connect.errors.DataException;

/**
 * The registry as the converter sees it: schema ids for writing, schemas by id for reading, each cached so that
 * steady-state records make no HTTP call.
 */
final class RegisteredSchemas {
    /** The id to frame a record with, and the Avro schema to encode it with. */
    record WriteSchema(int id, Schema avro) {
    }

    /** A writer's Avro schema and its Connect translation. */
    record ReadSchema(Schema avro, org.apache.kafka.connect.data.Schema connect) {
    }

    private record SubjectSchema(String subject, Schema avro) {
    }

    private static final int MAX_REFERENCE_DEPTH = 32;

    private final SchemaRegistryClient client;
    private final ConnectAvroMapper mapper;
    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final Cache<SubjectSchema, WriteSchema> forWriting;
    private final Cache<Integer, ReadSchema> forReading;

    RegisteredSchemas(SchemaRegistryClient client, ConnectAvroMapper mapper, boolean autoRegister,
                      boolean useLatestVersion, int cacheSize) {
        this.client = client;
        this.mapper = mapper;
        this.autoRegister = autoRegister;
        this.useLatestVersion = useLatestVersion;
        this.forWriting = SchemaCaches.lru(cacheSize);
        this.forReading = SchemaCaches.lru(cacheSize);
    }

    WriteSchema forWriting(String subject, Schema avro) {
        return SchemaCaches.getOrCompute(forWriting, new SubjectSchema(subject, avro), key -> {
            WriteSchema resolved = resolve(key);
            // What we write we can read without asking the registry again.
            if (forReading.get(resolved.id) == null) {
                forReading.put(resolved.id, new ReadSchema(resolved.avro, mapper.toConnect(resolved.avro)));
            }
            return resolved;
        });
    }

    private WriteSchema resolve(SubjectSchema key) {
        if (autoRegister) {
            return new WriteSchema(register(key.subject, key.avro.toString()), key.avro);
        }
        if (useLatestVersion) {
            RegisteredSchema latest = client.latest(key.subject);
            return new WriteSchema(latest.id(), parse(latest, "latest version of subject '" + key.subject + "'"));
        }
        return new WriteSchema(client.lookup(key.subject, key.avro.toString()), key.avro);
    }

    /**
     * Registers a schema. Two tasks registering the first schema of a subject at once can make a registry answer the
     * loser with 409 (Apicurio does: "artifact already exists") although the schema is now there: a 409 is taken
     * as incompatible only if the schema is not registered under the subject after all.
     */
    private int register(String subject, String schema) {
        try {
            return client.register(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.kind() != SchemaRegistryException.Kind.INCOMPATIBLE) {
                throw e;
            }
            try {
                return client.lookup(subject, schema);
            } catch (SchemaRegistryException lookupFailure) {
                e.addSuppressed(lookupFailure);
                throw e;
            }
        }
    }

    ReadSchema forReading(int id) {
        return SchemaCaches.getOrCompute(forReading, id, this::fetch);
    }

    private ReadSchema fetch(int id) {
        Schema avro = parse(client.schemaById(id), "schema id " + id);
        return new ReadSchema(avro, mapper.toConnect(avro));
    }

    private Schema parse(RegisteredSchema registered, String what) {
        if (!"AVRO".equalsIgnoreCase(registered.schemaType())) {
            throw new DataException("The registry's " + what + " is a " + registered.schemaType()
                    + " schema, not Avro: the topic was written with another serializer");
        }
        // Lenient about defaults: schemas written by other producers are read as they are.
        Schema.Parser parser = new Schema.Parser().setValidateDefaults(false);
        try {
            addReferences(parser, registered, new HashSet<>(), 0);
            return parser.parse(registered.schema());
        } catch (SchemaParseException e) {
            throw new DataException("The registry's " + what + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    /** Parses the named types a schema imports from other subjects first, depth first, each once. */
    private void addReferences(Schema.Parser parser, RegisteredSchema schema, Set<String> seen, int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            throw new DataException("Schema references nest deeper than " + MAX_REFERENCE_DEPTH + " levels");
        }
        for (SchemaReference reference : schema.references()) {
            if (seen.add(reference.subject() + "/" + reference.version())) {
                RegisteredSchema referenced = client.version(reference.subject(), reference.version());
                addReferences(parser, referenced, seen, depth + 1);
                parser.parse(referenced.schema());
            }
        }
    }
}
