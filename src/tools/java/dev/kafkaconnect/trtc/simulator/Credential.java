package dev.kafkaconnect.trtc.simulator;

/** A SecretId/SecretKey pair the simulator accepts; {@code token} is set for temporary credentials. */
record Credential(String secretId, String secretKey, String token) {
    @Override
    public String toString() {
        return "Credential{secretId=" + secretId + ", temporary=" + (token != null) + "}";
    }
}
