package dev.kafkaconnect.trtc.e2e;

import java.util.Date;

import org.apache.kafka.connect.data.Struct;

import dev.kafkaconnect.trtc.simulator.GroundTruth;

/** One quality sample, as identity for comparing what reached Kafka with the simulator's ground truth. */
record Sample(String commId, String userId, String peerId, String metric, long timeMillis, double value) {

    static Sample of(Struct record) {
        return new Sample(record.getString("commId"), record.getString("userId"), record.getString("peerId"),
                record.getString("metric"), ((Date) record.get("time")).getTime(), record.getFloat64("value"));
    }

    static Sample of(GroundTruth.Point point) {
        String peer = point.peerId() == null || point.peerId().isEmpty() ? null : point.peerId();
        return new Sample(point.commId(), point.userId(), peer, point.metric(), point.timeSec() * 1000L,
                point.value());
    }
}
