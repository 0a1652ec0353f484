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
