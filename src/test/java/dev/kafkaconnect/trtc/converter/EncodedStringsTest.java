package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/** Cached string encodings are exactly Avro's {@code writeString}, on a hit, a miss and a replaced slot alike. */
class EncodedStringsTest {
    @Test
    void everyStringIsWrittenAsAvroWritesIt() throws IOException {
        List<String> strings = new ArrayList<>(List.of("", "a", "héllo, 世界", "\uD83D\uDE00", "lone \uD800 surrogate",
                "y".repeat(63), "y".repeat(64), "z".repeat(EncodedStrings.MAX_CHARS),
                "z".repeat(EncodedStrings.MAX_CHARS + 1), "é".repeat(EncodedStrings.MAX_CHARS)));
        for (int i = 0; i < EncodedStrings.SLOTS * 2; i++) {
            strings.add("user" + i);
        }
        EncodedStrings cache = new EncodedStrings();
        for (int pass = 0; pass < 3; pass++) {
            for (String s : strings) {
                assertThat(cached(cache, pass == 2 ? new String(s) : s)).as("'%s' pass %d", s, pass)
                        .isEqualTo(avro(s));
            }
        }
    }

    @Test
    void stringsSharingASlotAreBothKept() throws IOException {
        // "Aa" and "BB" have the same hash; user0 and bigvEncFps the same low 8 bits (a record's user and metric).
        List<List<String>> pairs = List.of(List.of("Aa", "BB"), List.of("user0", "bigvEncFps"));
        for (List<String> pair : pairs) {
            assertThat(pair.get(0).hashCode() & (EncodedStrings.SLOTS - 1))
                    .isEqualTo(pair.get(1).hashCode() & (EncodedStrings.SLOTS - 1));
            EncodedStrings cache = new EncodedStrings();
            for (int i = 0; i < 100; i++) {
                for (String s : pair) {
                    assertThat(cached(cache, s)).isEqualTo(avro(s));
                }
            }
            assertThat(cache.misses()).as("%s", pair).isEqualTo(2);
        }
    }

    private static byte[] cached(EncodedStrings cache, String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        cache.write(s, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] avro(String s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeString(s);
        encoder.flush();
        return out.toByteArray();
    }
}
