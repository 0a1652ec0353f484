package dev.kafkaconnect.trtc.converter;

import java.nio.ByteBuffer;
import org.apache.kafka.connect.errors.DataException;

/**
 * The framing every Confluent-API serializer uses: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary body. Keeping to it lets Confluent's converter, Apicurio's (in Confluent mode) and ours read each other's
 * records.
 */
final class ConfluentWireFormat {
    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    static void writeHeader(int schemaId, RecordEncoder out) {
        out.writeByte(MAGIC_BYTE);
        out.writeByte(schemaId >>> 24);
        out.writeByte(schemaId >>> 16);
        out.writeByte(schemaId >>> 8);
        out.writeByte(schemaId);
    }

    /** The schema id of a framed record; rejects data that is not in this format, saying what was found instead. */
    static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new DataException("Record from topic '" + topic + "' is " + data.length
                    + " bytes long, shorter than the 5-byte schema registry header: not written by a schema registry"
                    + " Avro serializer");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new DataException("Record from topic '" + topic + "' starts with byte " + data[0]
                    + ", not the schema registry magic byte 0: not written by a schema registry Avro serializer"
                    + " (plain Avro, JSON or another converter?)");
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }
}
