package dev.kafkaconnect.trtc.records;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Applies {@code trtc.client.ip.mode} to one address. Not thread-safe (holds a {@link Mac}); one per task. */
public final class ClientIpPolicy {
    private final ClientIpMode mode;
    private final Mac mac;

    /** @param hashKey the HMAC key; required for {@link ClientIpMode#HASH}, ignored otherwise */
    public ClientIpPolicy(ClientIpMode mode, String hashKey) {
        this.mode = mode;
        if (mode == ClientIpMode.HASH) {
            if (hashKey == null || hashKey.isEmpty()) {
                throw new IllegalArgumentException("client IP hashing needs a key (trtc.client.ip.hash.key)");
            }
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hashKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        } else {
            mac = null;
        }
    }

    /** The value to write for an address; null for an empty address or in drop mode. */
    public String apply(String ip) {
        if (ip == null || ip.isEmpty()) {
            return null;
        }
        return switch (mode) {
            case KEEP -> ip;
            case DROP -> null;
            case HASH -> HexFormat.of().formatHex(mac.doFinal(ip.getBytes(StandardCharsets.UTF_8)));
        };
    }
}
