package dev.kafkaconnect.trtc.connector.offsets;

/**
 * A quality sample's identity inside a page: its series and its time (unix seconds). The samples of a page are
 * emitted in this order, each identity once; a restart inside the page emits exactly the samples after the last
 * committed one, so a sample already delivered is never delivered again, whatever else changed in the answer.
 */
public record SampleId(SeriesKey series, long time) implements Comparable<SampleId> {
    @Override
    public int compareTo(SampleId o) {
        int c = series.compareTo(o.series);
        return c != 0 ? c : Long.compare(time, o.time);
    }
}
