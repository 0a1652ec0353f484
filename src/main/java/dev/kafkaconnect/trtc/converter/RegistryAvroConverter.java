package dev.kafkaconnect.trtc.converter;

import dev.kafkaconnect.trtc.converter.RegisteredSchemas.ReadSchema;
import dev.kafkaconnect.trtc.converter.RegisteredSchemas.WriteSchema;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.storage.Converter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts Connect data to Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) against a
 * Confluent-API schema registry, and back. Interchangeable with Confluent's AvroConverter: each reads what the other
 * writes. Registry failures surface as {@link RetriableException} when the registry is unreachable or overloaded
 * (nothing is lost: the worker retries or fails the task before committing) and as {@link DataException} when the
 * data or schema is refused.
 */
public class RegistryAvroConverter implements Converter, Versioned {
    private static final Logger log = LoggerFactory.getLogger(RegistryAvroConverter.class);

    private final SchemaRegistryClient providedClient;
    private SchemaRegistryClient client;
    private RegisteredSchemas schemas;
    private ConnectAvroMapper mapper;
    private SubjectNameStrategy subjectNameStrategy;
    private boolean isKey;

    // Encoding state is reused across records; Connect calls a converter from one thread, the lock keeps it safe anyway.
    private final Object codecLock = new Object();
    private final RecordEncoder encoder = new RecordEncoder();
    private final AvroValueWriter writer = new AvroValueWriter();
    private volatile LastWrite lastWrite;
    private BinaryDecoder decoder;

    public RegistryAvroConverter() {
        this(null);
    }

    /** A converter talking to the given registry client instead of one built from {@code schema.registry.url}. */
    RegistryAvroConverter(SchemaRegistryClient client) {
        this.providedClient = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        RegistryAvroConverterConfig config = new RegistryAvroConverterConfig(configs);
        this.isKey = isKey;
        this.lastWrite = null;
        this.subjectNameStrategy = config.subjectNameStrategy(isKey);
        this.mapper = new ConnectAvroMapper(config.schemasCacheSize());
        // No registry call here: a registry that is down at start shows up as retriable errors on the first records.
        this.client = providedClient != null ? providedClient : RestSchemaRegistryClient.create(config);
        this.schemas = new RegisteredSchemas(client, mapper, config.autoRegisterSchemas(), config.useLatestVersion(),
                config.schemasCacheSize());
        log.info("Avro {} converter: registry {}, subjects by {}, auto.register.schemas={}, use.latest.version={}",
                part(), config.registryUrls().stream().map(RegistryUrls::redact).toList(), subjectNameStrategy,
                config.autoRegisterSchemas(), config.useLatestVersion());
    }

    @Override
    public ConfigDef config() {
        return RegistryAvroConverterConfig.CONFIG_DEF;
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        checkConfigured();
        if (value == null) {
            // A tombstone stays a tombstone: compacted topics depend on it.
            return null;
        }
        if (schema == null) {
            throw new DataException("Cannot write a schemaless " + part() + " to topic '" + topic + "' as Avro: the"
                    + " connector or a transformation produced a value without a Connect schema");
        }
        WriteSchema writeSchema = writeSchema(topic, schema);
        synchronized (codecLock) {
            try {
                // A failed record's partial bytes are discarded here, by the next record's reset.
                encoder.reset();
                ConfluentWireFormat.writeHeader(writeSchema.id(), encoder);
                writer.write(writeSchema.avro(), value, encoder);
                return encoder.toByteArray();
            } catch (IOException | AvroRuntimeException e) {
                throw new DataException("Cannot encode the " + part() + " for topic '" + topic + "' as Avro: "
                        + e.getMessage(), e);
            } catch (DataException e) {
                throw new DataException("Cannot encode the " + part() + " for topic '" + topic + "' with schema "
                        + ConnectToAvroSchema.describe(schema) + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The registered schema to write with. A source task sends long runs of records carrying the same schema object
     * to the same topic, so the last answer is kept by identity: no subject string, cache key or lookup per record.
     */
    private WriteSchema writeSchema(String topic, Schema schema) {
        LastWrite last = lastWrite;
        if (last != null && last.schema == schema && last.topic == topic) {
            return last.write;
        }
        org.apache.avro.Schema avro;
        try {
            avro = mapper.toAvro(schema);
        } catch (DataException e) {
            throw new DataException("Cannot write the " + part() + " for topic '" + topic + "' as Avro: "
                    + e.getMessage(), e);
        }
        String subject = subjectNameStrategy.subject(topic, isKey, avro);
        WriteSchema writeSchema;
        try {
            writeSchema = schemas.forWriting(subject, avro);
        } catch (SchemaRegistryException e) {
            throw registryFailure("Cannot get a schema id for the " + part() + " schema "
                    + ConnectToAvroSchema.describe(schema) + " of topic '" + topic + "' (subject '" + subject + "')", e);
        }
        lastWrite = new LastWrite(schema, topic, writeSchema);
        return writeSchema;
    }

    private record LastWrite(Schema schema, String topic, WriteSchema write) {
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        checkConfigured();
        if (value == null) {
            return SchemaAndValue.NULL;
        }
        int id = ConfluentWireFormat.schemaId(topic, value);
        ReadSchema readSchema;
        try {
            readSchema = schemas.forReading(id);
        } catch (SchemaRegistryException e) {
            throw registryFailure("Cannot read the " + part() + " of a record from topic '" + topic + "' written with"
                    + " schema id " + id, e);
        }
        synchronized (codecLock) {
            try {
                decoder = DecoderFactory.get().binaryDecoder(value, ConfluentWireFormat.HEADER_SIZE,
                        value.length - ConfluentWireFormat.HEADER_SIZE, decoder);
                Object connectValue = AvroValueReader.read(readSchema.avro(), readSchema.connect(), decoder);
                if (!decoder.isEnd()) {
                    throw new DataException("bytes left over after the record: the data does not match the schema");
                }
                return new SchemaAndValue(readSchema.connect(), connectValue);
            } catch (IOException | RuntimeException e) {
                throw new DataException("Cannot decode the " + part() + " of a record from topic '" + topic
                        + "' with schema id " + id + " (corrupt or truncated data?): " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String version() {
        String version = RegistryAvroConverter.class.getPackage().getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    @Override
    public void close() {
        if (client != null && providedClient == null) {
            client.close();
        }
    }

    private RuntimeException registryFailure(String context, SchemaRegistryException e) {
        String message = context + ": " + e.getMessage();
        return e.retriable() ? new RetriableException(message, e) : new DataException(message, e);
    }

    private String part() {
        return isKey ? "key" : "value";
    }

    private void checkConfigured() {
        if (schemas == null) {
            throw new IllegalStateException("RegistryAvroConverter used before configure()");
        }
    }
}
