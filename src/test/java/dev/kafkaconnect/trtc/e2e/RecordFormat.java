package dev.kafkaconnect.trtc.e2e;

import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;

/**
 * How the connector's records are serialized: the converter settings it runs with in the worker, and the same
 * converter for the test to read the records back as the connector built them.
 */
record RecordFormat(String name, Map<String, String> connectorSettings, Supplier<Converter> valueReader) {

    /** JSON with embedded schemas, as in the shipped example configuration. */
    static RecordFormat json() {
        return new RecordFormat("json", Map.of(), () -> {
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", "true"), false);
            return converter;
        });
    }

    /** Avro in the Confluent wire format, schemas in the registry at {@code registryUrl}. */
    static RecordFormat avro(String registryUrl) {
        String avro = RegistryAvroConverter.class.getName();
        Map<String, String> settings = Map.of(
                "key.converter", avro,
                "key.converter.schema.registry.url", registryUrl,
                "value.converter", avro,
                "value.converter.schema.registry.url", registryUrl);
        return new RecordFormat("avro", settings, () -> {
            RegistryAvroConverter converter = new RegistryAvroConverter();
            converter.configure(Map.of("schema.registry.url", registryUrl), false);
            return converter;
        });
    }
}
