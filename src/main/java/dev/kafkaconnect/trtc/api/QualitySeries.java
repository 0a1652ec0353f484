package dev.kafkaconnect.trtc.api;

import java.util.Arrays;

/**
 * One {@code Data[]} entry: a metric's points for a user (uplink, {@code peerId} null) or for the user's downlink
 * from one peer. Points are held in primitive arrays so a 350,000-point response costs ~16 bytes a point.
 * Values keep the decimal the server sent: JSON {@code 108.09} is the double {@code 108.09}.
 */
public final class QualitySeries {
    private final String userId;
    private final String peerId;
    private final String dataType;
    private final long[] times;
    private final double[] values;
    private final int size;

    /** Arrays are taken as they are (not copied); only the first {@code size} entries are points. */
    public QualitySeries(String userId, String peerId, String dataType, long[] times, double[] values, int size) {
        if (times.length < size || values.length < size) {
            throw new IllegalArgumentException("arrays shorter than size " + size);
        }
        this.userId = userId;
        this.peerId = peerId == null || peerId.isEmpty() ? null : peerId;
        this.dataType = dataType;
        this.times = times;
        this.values = values;
        this.size = size;
    }

    public String userId() {
        return userId;
    }

    /** The sending peer for a downlink series; null for the user's uplink ({@code PeerId} empty or null). */
    public String peerId() {
        return peerId;
    }

    public String dataType() {
        return dataType;
    }

    public int size() {
        return size;
    }

    /** Unix seconds of point {@code i}. */
    public long time(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long[] timesCopy() {
        return Arrays.copyOf(times, size);
    }

    public double[] valuesCopy() {
        return Arrays.copyOf(values, size);
    }

    @Override
    public String toString() {
        return "QualitySeries{userId=" + userId + ", peerId=" + peerId + ", dataType=" + dataType
                + ", points=" + size + "}";
    }
}
