package dev.kafkaconnect.trtc.api;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0 request signing. Used by the client to sign and by the simulator to
 * verify, so both sides share one implementation of the canonical form.
 */
public final class Tc3Signer {
    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private Tc3Signer() {
    }

    /** The parts of a signature, for the Authorization header and for diagnostics (never holds the key). */
    public record Signature(String signedHeaders, String credentialScope, String canonicalRequest,
                            String stringToSign, String signature) {
    }

    /**
     * Signs a request. {@code headers} maps header names (any case) to the exact values sent; every entry is
     * signed. {@code content-type} and {@code host} must be among them.
     */
    public static Signature sign(String secretKey, String service, long timestamp, String method, String path,
                                 String query, Map<String, String> headers, byte[] body) {
        TreeMap<String, String> canonical = canonicalHeaders(headers);
        if (!canonical.containsKey("content-type") || !canonical.containsKey("host")) {
            throw new IllegalArgumentException("content-type and host must be signed");
        }
        String signedHeaders = String.join(";", canonical.keySet());
        String canonicalRequest = canonicalRequest(method, path, query, canonical, body);
        String date = utcDate(timestamp);
        String scope = date + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestamp + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] kDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kService = hmac(kDate, service);
        byte[] kSigning = hmac(kService, "tc3_request");
        String signature = HEX.formatHex(hmac(kSigning, stringToSign));
        return new Signature(signedHeaders, scope, canonicalRequest, stringToSign, signature);
    }

    /** The {@code Authorization} header value for a signature. */
    public static String authorization(String secretId, Signature signature) {
        return ALGORITHM + " Credential=" + secretId + "/" + signature.credentialScope()
                + ", SignedHeaders=" + signature.signedHeaders() + ", Signature=" + signature.signature();
    }

    /** Lower-cased, trimmed names and values, sorted by name. */
    public static TreeMap<String, String> canonicalHeaders(Map<String, String> headers) {
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((name, value) -> canonical.put(name.trim().toLowerCase(Locale.ROOT),
                value == null ? "" : value.trim().toLowerCase(Locale.ROOT)));
        return canonical;
    }

    /** The six-part canonical request; headers must already be canonical (see {@link #canonicalHeaders}). */
    public static String canonicalRequest(String method, String path, String query,
                                          TreeMap<String, String> canonicalHeaders, byte[] body) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n')
                .append(path).append('\n')
                .append(query == null ? "" : query).append('\n');
        canonicalHeaders.forEach((name, value) -> sb.append(name).append(':').append(value).append('\n'));
        sb.append('\n').append(String.join(";", canonicalHeaders.keySet())).append('\n')
                .append(sha256Hex(body));
        return sb.toString();
    }

    public static String utcDate(long timestampSeconds) {
        return DATE.format(Instant.ofEpochSecond(timestampSeconds));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
