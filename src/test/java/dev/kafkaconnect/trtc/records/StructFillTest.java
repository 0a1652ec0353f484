package dev.kafkaconnect.trtc.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class StructFillTest {

    @Test
    void uncheckedFillOnThisConnectVersionGivesTheStructPutWouldGive() {
        assertThat(StructFill.unchecked()).as("the fast path is reachable on the supported Connect version").isTrue();
        Struct filled = new Struct(SampleRecordBuilder.SAMPLE_SCHEMA);
        Struct put = new Struct(SampleRecordBuilder.SAMPLE_SCHEMA);
        Object[] values = {1400188366L, "c", "r", "u", null, "aBit", new Date(1_000L), 108.09};
        int i = 0;
        for (var field : SampleRecordBuilder.SAMPLE_SCHEMA.fields()) {
            StructFill.set(filled, field, values[i]);
            put.put(field, values[i]);
            i++;
        }
        assertThat(filled).isEqualTo(put).hasSameHashCodeAs(put).hasToString(put.toString());
        filled.validate();
        ConnectSchema.validateValue(SampleRecordBuilder.SAMPLE_SCHEMA, filled);
        assertThat(filled.getFloat64("value")).isEqualTo(108.09);
    }
}
