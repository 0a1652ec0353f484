package dev.kafkaconnect.trtc.converter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Field;

/**
 * How a Connect struct schema's values are written as one Avro record schema: for each Avro field, in order, the
 * Connect field that holds its value, or the Avro default's encoding when the struct has no such field (writing with
 * a registered schema that differs from the record's own). Matching fields by name once per schema pair, rather
 * than per record, is what makes a struct cheap to write.
 */
final class RecordLayout {
    final Schema avro;
    final org.apache.kafka.connect.data.Schema connect;
    /** Per Avro field: its Connect field, or null when the struct lacks it. */
    final Field[] fields;
    final Schema[] schemas;
    final String[] names;
    /** Per Avro field the struct lacks: its default, encoded; null when it has none (writing such a struct fails). */
    final byte[][] defaults;
    /** The last top-level record written with this layout, whose unchanged fields the next one copies. */
    final LastRecord last;

    private RecordLayout(Schema avro, org.apache.kafka.connect.data.Schema connect) {
        this.avro = avro;
        this.connect = connect;
        List<Schema.Field> avroFields = avro.getFields();
        int n = avroFields.size();
        fields = new Field[n];
        schemas = new Schema[n];
        names = new String[n];
        defaults = new byte[n][];
        last = new LastRecord(n);
        for (int i = 0; i < n; i++) {
            Schema.Field avroField = avroFields.get(i);
            names[i] = avroField.name();
            schemas[i] = avroField.schema();
            fields[i] = connect.field(avroField.name());
            if (fields[i] == null && avroField.hasDefaultValue()) {
                defaults[i] = encodeDefault(avroField);
            }
        }
    }

    static RecordLayout of(Schema avro, org.apache.kafka.connect.data.Schema connect) {
        return new RecordLayout(avro, connect);
    }

    private static byte[] encodeDefault(Schema.Field field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(field.schema(), GenericData.get())
                    .write(GenericData.get().getDefaultValue(field), encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /**
     * A small direct-mapped cache of layouts by the identity of both schemas: bounded (a connector building a new,
     * equal schema per record only replaces entries) and free of allocation on a hit. Not thread-safe: one per
     * writer.
     */
    static final class Cache {
        private static final int SLOTS = 64;
        private final RecordLayout[] slots = new RecordLayout[SLOTS];
        /** Records come in long runs of one schema: the last layout is checked before any hashing. */
        private RecordLayout last;

        RecordLayout get(Schema avro, org.apache.kafka.connect.data.Schema connect) {
            RecordLayout recent = last;
            if (recent != null && recent.avro == avro && recent.connect == connect) {
                return recent;
            }
            int slot = (System.identityHashCode(avro) * 31 + System.identityHashCode(connect)) & (SLOTS - 1);
            RecordLayout layout = slots[slot];
            if (layout == null || layout.avro != avro || layout.connect != connect) {
                layout = of(avro, connect);
                slots[slot] = layout;
            }
            last = layout;
            return layout;
        }
    }
}
