package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.api.BenchReader;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.connector.read.BenchPages;
import dev.kafkaconnect.trtc.converter.BenchConverters;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import java.util.function.Consumer;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Bytes on the topic for each record shape over the maximal answer: every record's key and value through the Avro
 * converter (Confluent framing: magic byte, schema id, Avro body), before batching and compression. Deterministic,
 * so counted once rather than timed.
 */
public final class ShapeSizes {
    /** One shape's totals over the maximal answer. */
    public record Size(String shape, int records, long keyBytes, long valueBytes) {
        public double bytesPerPoint() {
            return (double) (keyBytes + valueBytes) / MaximalAnswer.POINTS;
        }

        public double bytesPerRecord() {
            return (double) (keyBytes + valueBytes) / records;
        }
    }

    private ShapeSizes() {
    }

    public static Size samples() {
        return measure("sample", BenchPages::records);
    }

    public static Size snapshots() {
        return measure("snapshot", BenchPages::snapshots);
    }

    private static Size measure(String shape,
                                TriFunction<BenchPages, CallDetailResponse, Consumer<SourceRecord>, Integer> path) {
        BenchPages pages = new BenchPages(MaximalAnswer.commId(), MaximalAnswer.CALL_START);
        RegistryAvroConverter keys = BenchConverters.inMemory(true);
        RegistryAvroConverter values = BenchConverters.inMemory(false);
        long[] bytes = new long[2];
        int records = path.apply(pages, BenchReader.callDetail(MaximalAnswer.bytes()), r -> {
            bytes[0] += keys.fromConnectData(r.topic(), r.keySchema(), r.key()).length;
            bytes[1] += values.fromConnectData(r.topic(), r.valueSchema(), r.value()).length;
        });
        return new Size(shape, records, bytes[0], bytes[1]);
    }

    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    public static void main(String[] args) {
        for (Size s : new Size[] {samples(), snapshots()}) {
            System.out.printf("%s: %,d records, %.1f bytes per point, %.1f per record (key %.1f, value %.1f)%n",
                    s.shape(), s.records(), s.bytesPerPoint(), s.bytesPerRecord(),
                    (double) s.keyBytes() / s.records(), (double) s.valueBytes() / s.records());
        }
    }
}
