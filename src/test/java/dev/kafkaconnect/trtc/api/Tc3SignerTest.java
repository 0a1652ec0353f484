package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The published TC3-HMAC-SHA256 test vector, reproduced byte for byte. */
class Tc3SignerTest {
    private static final String SECRET_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private static final String SECRET_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private static final long TIMESTAMP = 1551113065L;
    // The \\u escapes are literal backslash sequences in the body bytes.
    private static final byte[] BODY = ("{\"Limit\": 1, \"Filters\": [{\"Values\": [\"\\u672a\\u547d\\u540d\"], "
            + "\"Name\": \"instance-name\"}]}").getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> headers(boolean withAction) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "cvm.tencentcloudapi.com");
        h.put("Content-Type", "application/json; charset=utf-8");
        if (withAction) {
            h.put("X-TC-Action", "DescribeInstances");
        }
        return h;
    }

    @Test
    void bodyHashMatchesPublishedVector() {
        assertThat(Tc3Signer.sha256Hex(BODY))
                .isEqualTo("35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
    }

    @Test
    void contentTypeAndHostVectorReproducedExactly() {
        Tc3Signer.Signature sig = Tc3Signer.sign(SECRET_KEY, "cvm", TIMESTAMP, "POST", "/", "", headers(false), BODY);

        assertThat(sig.canonicalRequest()).isEqualTo("POST\n/\n\n"
                + "content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\n"
                + "content-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
        assertThat(Tc3Signer.sha256Hex(sig.canonicalRequest().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(sig.stringToSign()).isEqualTo("TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
                + "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assertThat(sig.signature()).isEqualTo("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
        assertThat(Tc3Signer.authorization(SECRET_ID, sig)).isEqualTo(
                "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                        + "SignedHeaders=content-type;host, "
                        + "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
    }

    @Test
    void actionHeaderVariantReproducedExactly() {
        Tc3Signer.Signature sig = Tc3Signer.sign(SECRET_KEY, "cvm", TIMESTAMP, "POST", "/", "", headers(true), BODY);

        assertThat(sig.signedHeaders()).isEqualTo("content-type;host;x-tc-action");
        assertThat(sig.canonicalRequest()).contains("x-tc-action:describeinstances\n\n");
        assertThat(Tc3Signer.sha256Hex(sig.canonicalRequest().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
    }

    @Test
    void hostWithPortIsSignedAsSent() {
        Map<String, String> h = Map.of("Host", "127.0.0.1:18080", "Content-Type", "application/json; charset=utf-8");
        Tc3Signer.Signature withPort = Tc3Signer.sign(SECRET_KEY, "trtc", TIMESTAMP, "POST", "/", "", h, BODY);
        Tc3Signer.Signature withoutPort = Tc3Signer.sign(SECRET_KEY, "trtc", TIMESTAMP, "POST", "/", "",
                Map.of("Host", "127.0.0.1", "Content-Type", "application/json; charset=utf-8"), BODY);

        assertThat(withPort.canonicalRequest()).contains("host:127.0.0.1:18080\n");
        assertThat(withPort.signature()).isNotEqualTo(withoutPort.signature());
    }

    @Test
    void dateIsUtcDateOfTimestamp() {
        // 2019-02-25T23:59:59Z and a second later cross the UTC date.
        assertThat(Tc3Signer.utcDate(1551139199L)).isEqualTo("2019-02-25");
        assertThat(Tc3Signer.utcDate(1551139200L)).isEqualTo("2019-02-26");
    }
}
