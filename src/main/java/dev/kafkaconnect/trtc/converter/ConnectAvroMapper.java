package dev.kafkaconnect.trtc.converter;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.connect.data.Schema;

/**
 * Translates schemas between Connect and Avro in both directions, caching each translation: first by Connect
 * schema identity (the common case: a connector reuses its schema objects), then by equality (a connector that
 * rebuilds equal schemas per record still translates once).
 */
public final class ConnectAvroMapper {
    /** Connect schemas compared by identity: {@code ==} and the identity hash, never the (deep) equals. */
    private record Identity(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    private final Cache<Identity, org.apache.avro.Schema> byIdentity;
    private final Cache<Schema, org.apache.avro.Schema> byEquality;
    private final Cache<org.apache.avro.Schema, Schema> toConnect;

    public ConnectAvroMapper(int cacheSize) {
        this.byIdentity = SchemaCaches.lru(cacheSize);
        this.byEquality = SchemaCaches.lru(cacheSize);
        this.toConnect = SchemaCaches.lru(cacheSize);
    }

    /** The Avro schema of a Connect schema; a struct maps to a record named after it, with its docs and defaults. */
    public org.apache.avro.Schema toAvro(Schema connect) {
        Identity identity = new Identity(connect);
        org.apache.avro.Schema avro = byIdentity.get(identity);
        if (avro == null) {
            avro = SchemaCaches.getOrCompute(byEquality, connect, ConnectToAvroSchema::translate);
            byIdentity.put(identity, avro);
        }
        return avro;
    }

    /** The Connect schema of an Avro schema, whoever wrote it. */
    public Schema toConnect(org.apache.avro.Schema avro) {
        return SchemaCaches.getOrCompute(toConnect, avro, AvroToConnectSchema::translate);
    }
}
