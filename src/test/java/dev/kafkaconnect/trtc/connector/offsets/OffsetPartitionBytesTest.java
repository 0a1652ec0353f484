package dev.kafkaconnect.trtc.connector.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * Connect looks stored offsets up by the exact bytes of the serialized partition, and re-creates partitions it
 * reads back (after a restart, for {@code GET /offsets}) as the maps its JSON converter builds. A partition that
 * serializes differently after that round trip loses its offset: the call would be read again from the start.
 */
class OffsetPartitionBytesTest {

    @Test
    void partitionSerializesToTheSameBytesAfterConnectReadsItBack() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false", "converter.type", "key"), true);
        Map<String, Object> partition = OffsetCodec.partition(1400188366L, "1400188366_8801_1795658262");

        byte[] written = converter.fromConnectData("offsets", null, Arrays.asList("trtc", partition));
        Object readBack = converter.toConnectData("offsets", written).value();
        byte[] lookedUp = converter.fromConnectData("offsets", null,
                Arrays.asList("trtc", ((List<?>) readBack).get(1)));

        assertThat(new String(lookedUp)).isEqualTo(new String(written));
    }
}
