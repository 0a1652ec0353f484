package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies TC3-HMAC-SHA256 as the service does: the Authorization header's own {@code SignedHeaders} (they must
 * include content-type and host) with the values the request actually carried, the body hash, a credential scope
 * of the timestamp's UTC date and service {@code trtc}, a timestamp within 5 minutes of the simulator clock, and the
 * session token of temporary credentials. The canonical form is {@link Tc3Signer}'s, shared with the client.
 */
final class RequestAuthenticator {
    static final long MAX_SKEW_SEC = 300;

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "^(\\S+)\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*$");

    private final Map<String, Credential> credentials;
    private final SimulatorClock clock;

    RequestAuthenticator(Map<String, Credential> credentials, SimulatorClock clock) {
        this.credentials = Map.copyOf(credentials);
        this.clock = clock;
    }

    /**
     * @param header request header values by name (case-insensitive lookup), null when absent
     */
    void verify(String method, String path, String query, Function<String, String> header, byte[] body)
            throws ApiError {
        String authorization = header.apply("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "The Authorization header is missing.");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "The Authorization header does not follow "
                    + "`TC3-HMAC-SHA256 Credential=<SecretId>/<date>/trtc/tc3_request, SignedHeaders=<names>, "
                    + "Signature=<hex>`.");
        }
        if (!Tc3Signer.ALGORITHM.equals(m.group(1))) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "Unsupported signature algorithm `" + m.group(1)
                    + "`; only " + Tc3Signer.ALGORITHM + " is accepted.");
        }
        String[] scope = m.group(2).split("/", -1);
        if (scope.length != 4 || scope[0].isEmpty() || !"tc3_request".equals(scope[3])) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "Credential must be "
                    + "<SecretId>/<yyyy-MM-dd>/<service>/tc3_request.");
        }
        String[] signedNames = m.group(3).toLowerCase(Locale.ROOT).split(";", -1);
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : signedNames) {
            String value = header.apply(name);
            if (name.isEmpty() || value == null) {
                throw new ApiError("AuthFailure.InvalidAuthorization", "SignedHeaders lists `" + name
                        + "`, which the request does not carry.");
            }
            signed.put(name, value);
        }
        if (!signed.containsKey("content-type") || !signed.containsKey("host")) {
            throw new ApiError("AuthFailure.InvalidAuthorization", "SignedHeaders must include content-type and "
                    + "host; got `" + m.group(3) + "`.");
        }

        long timestamp = timestamp(header.apply("X-TC-Timestamp"));
        long now = clock.nowSeconds();
        if (Math.abs(now - timestamp) > MAX_SKEW_SEC) {
            throw new ApiError("AuthFailure.SignatureExpire", "X-TC-Timestamp " + timestamp + " is "
                    + Math.abs(now - timestamp) + " s from the server time " + now
                    + "; at most 300 s are allowed. Check the client clock.");
        }
        Credential credential = credentials.get(scope[0]);
        if (credential == null) {
            throw new ApiError("AuthFailure.SecretIdNotFound", "The SecretId is not found; check that it exists "
                    + "and is enabled.");
        }
        if (!ApiGeneration.SERVICE.equals(scope[2])) {
            throw new ApiError("AuthFailure.SignatureFailure", "The credential scope names service `" + scope[2]
                    + "`; this endpoint is `" + ApiGeneration.SERVICE + "`.");
        }
        String expectedDate = Tc3Signer.utcDate(timestamp);
        if (!expectedDate.equals(scope[1])) {
            throw new ApiError("AuthFailure.SignatureFailure", "The credential scope date " + scope[1]
                    + " is not the UTC date of X-TC-Timestamp (" + expectedDate + ").");
        }
        Tc3Signer.Signature expected = Tc3Signer.sign(credential.secretKey(), ApiGeneration.SERVICE, timestamp,
                method, path, query, signed, body);
        if (!MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.US_ASCII),
                m.group(4).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new ApiError("AuthFailure.SignatureFailure", "The request signature does not match: the "
                    + "SecretKey, the signed headers or the body differ from what was signed.");
        }
        if (credential.token() != null) {
            String token = header.apply("X-TC-Token");
            if (token == null || !MessageDigest.isEqual(credential.token().getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiError("AuthFailure.TokenFailure", token == null
                        ? "These are temporary credentials: X-TC-Token is required."
                        : "X-TC-Token is invalid or expired.");
            }
        }
    }

    private static long timestamp(String value) throws ApiError {
        if (value == null || value.isBlank()) {
            throw new ApiError("MissingParameter", "The header X-TC-Timestamp is missing.");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiError("InvalidParameterValue", "X-TC-Timestamp must be unix seconds.");
        }
    }
}
