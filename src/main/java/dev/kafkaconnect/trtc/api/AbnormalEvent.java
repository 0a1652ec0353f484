package dev.kafkaconnect.trtc.api;

/**
 * One {@code AbnormalEvent}: a probable cause of an abnormal experience. {@code peerId} is the remote user the
 * cause is about, or null when it is not about a remote user (the answer's empty or absent id).
 */
public record AbnormalEvent(int abnormalEventId, String peerId) {
    public AbnormalEvent {
        peerId = peerId == null || peerId.isEmpty() ? null : peerId;
    }
}
