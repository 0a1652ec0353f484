package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** The array encoder writes what Avro's own binary encoder writes, grows past its buffer and starts clean. */
class RecordEncoderTest {
    @Test
    void everyPrimitiveIsWhatAvroWrites() throws IOException {
        RecordEncoder ours = new RecordEncoder();
        for (int round = 0; round < 2; round++) {
            ours.reset();
            writeAll(ours);
            assertThat(ours.toByteArray()).isEqualTo(avro());
        }
    }

    @Test
    void growsForLargeRecordsAndTheNextRecordStartsClean() throws IOException {
        RecordEncoder ours = new RecordEncoder();
        byte[] big = new byte[3 << 20];
        big[big.length - 1] = 7;
        ours.reset();
        ours.writeInt(1);
        ours.writeBytes(big);
        byte[] written = ours.toByteArray();
        assertThat(written).hasSize(big.length + 1 + 4);
        assertThat(written[written.length - 1]).isEqualTo((byte) 7);

        // A record that failed halfway leaves nothing behind once the next one starts.
        ours.reset();
        ours.writeLong(42);
        ours.reset();
        ours.writeString("after");
        assertThat(ours.toByteArray()).isEqualTo(avro(e -> e.writeString("after")));
    }

    private static void writeAll(Encoder e) throws IOException {
        for (int n : new int[] {0, 1, -1, 63, 64, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            e.writeInt(n);
        }
        for (long n : new long[] {0, 1, -1, 1L << 35, Long.MAX_VALUE, Long.MIN_VALUE, 1_700_000_000_000L}) {
            e.writeLong(n);
        }
        for (double d : new double[] {0.0, -0.0, 108.09, Double.NaN, Double.NEGATIVE_INFINITY, Double.MIN_VALUE}) {
            e.writeDouble(d);
        }
        for (float f : new float[] {0f, -1.5f, Float.NaN, Float.MAX_VALUE}) {
            e.writeFloat(f);
        }
        e.writeBoolean(true);
        e.writeBoolean(false);
        e.writeNull();
        e.writeIndex(1);
        e.writeEnum(3);
        e.writeString("");
        e.writeString("héllo, 世界");
        e.writeBytes(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        e.writeFixed(new byte[] {9, 8});
        e.writeArrayStart();
        e.setItemCount(2);
        e.startItem();
        e.writeInt(5);
        e.startItem();
        e.writeInt(6);
        e.writeArrayEnd();
    }

    private interface Writes {
        void to(Encoder e) throws IOException;
    }

    private static byte[] avro() throws IOException {
        return avro(RecordEncoderTest::writeAll);
    }

    private static byte[] avro(Writes writes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writes.to(encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
