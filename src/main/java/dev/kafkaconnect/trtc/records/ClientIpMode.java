package dev.kafkaconnect.trtc.records;

/** What happens to a participant's {@code ClientIp} (personal data) on its way to Kafka. */
public enum ClientIpMode {
    /** Written as the API sent it. */
    KEEP,
    /** Replaced by the hex HMAC-SHA256 of the address under a secret key: joinable, not reversible. */
    HASH,
    /** Written as null. */
    DROP
}
