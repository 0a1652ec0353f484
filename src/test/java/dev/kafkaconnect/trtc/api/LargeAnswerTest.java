package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A ten-megabyte answer is parsed from the stream into primitive arrays, values exact. */
class LargeAnswerTest {
    private static final int POINTS = 300_000;

    @Test
    void tenMegabytesParseExactlyWithoutMaterialisingTheBody() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        GeneratedAnswer body = new GeneratedAnswer(POINTS);
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        CallDetailResponse r = ResponseReader.read(body, new CallDetailReader()).value();

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(body.produced()).isGreaterThan(10_000_000L);
        QualitySeries s = r.data().get(0);
        assertThat(s.size()).isEqualTo(POINTS);
        for (int i : new int[] {0, 1, 2, 12_345, POINTS - 1}) {
            assertThat(s.time(i)).isEqualTo(GeneratedAnswer.time(i));
            assertThat(s.value(i)).isEqualTo(Double.parseDouble(GeneratedAnswer.valueText(i)));
        }
        // Points cost 16 bytes each (4.8 MB here), array growth about twice that again, and decimal parsing
        // leaves short-lived garbage: about 3.5 bytes allocated per body byte. A JSON tree costs over ten.
        assertThat(allocated).as("bytes allocated to parse %d bytes", body.produced())
                .isLessThan(body.produced() * 5);
    }
}
