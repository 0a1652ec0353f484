package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed request a user can paste: the headers and body of a real TC3-signed call, and its {@code curl} form.
 * Valid while the timestamp is within 5 minutes of the simulator clock.
 */
record ExampleRequest(String endpoint, Map<String, String> headers, String body) {

    static ExampleRequest signed(String endpoint, int port, String secretId, String secretKey, String action,
                                 String body, long timestamp) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", "application/json; charset=utf-8");
        signed.put("Host", "127.0.0.1:" + port);
        Tc3Signer.Signature sig = Tc3Signer.sign(secretKey, ApiGeneration.SERVICE, timestamp, "POST", "/", "",
                signed, body.getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", Tc3Signer.authorization(secretId, sig));
        headers.putAll(signed);
        headers.put("X-TC-Action", action);
        headers.put("X-TC-Timestamp", Long.toString(timestamp));
        headers.put("X-TC-Version", ApiGeneration.API_VERSION);
        headers.put("X-TC-Region", "ap-guangzhou");
        return new ExampleRequest(endpoint, Map.copyOf(headers), body);
    }

    /** The request as a shell command; the body contains no single quote, so single-quoting is exact. */
    String curl() {
        StringBuilder sb = new StringBuilder("curl -sS -X POST ").append(endpoint).append("/");
        for (String name : new String[] {"Authorization", "Content-Type", "Host", "X-TC-Action", "X-TC-Timestamp",
                "X-TC-Version", "X-TC-Region"}) {
            sb.append(" \\\n  -H '").append(name).append(": ").append(headers.get(name)).append("'");
        }
        return sb.append(" \\\n  --data-raw '").append(body.replace("'", "'\\''")).append("'").toString();
    }
}
