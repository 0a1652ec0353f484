package dev.kafkaconnect.trtc.converter;

import java.util.Map;

/** The Avro converter over an in-memory registry: the registry is not the subject of the benchmarks. */
public final class BenchConverters {
    private BenchConverters() {
    }

    public static RegistryAvroConverter inMemory(boolean isKey) {
        RegistryAvroConverter converter = new RegistryAvroConverter(new InMemorySchemaRegistry());
        converter.configure(Map.of("schema.registry.url", "http://in-memory/"), isKey);
        return converter;
    }
}
