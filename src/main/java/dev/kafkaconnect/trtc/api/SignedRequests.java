package dev.kafkaconnect.trtc.api;

import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds signed API 3.0 requests. The signed {@code Host} and {@code Content-Type} are set on the request
 * explicitly, so what goes on the wire is exactly what was signed (OkHttp keeps a caller's {@code Host}, and the
 * body's media type is sent as given).
 */
final class SignedRequests {
    static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final MediaType JSON = MediaType.get(CONTENT_TYPE);

    private final TrtcClientConfig config;
    private final HttpUrl url;

    SignedRequests(TrtcClientConfig config) {
        this.config = config;
        this.url = HttpUrl.get(config.endpoint().toString());
    }

    Request build(String action, byte[] body, long timestamp) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", CONTENT_TYPE);
        signed.put("Host", config.hostHeader());
        signed.put("X-TC-Action", action);
        Tc3Signer.Signature signature = Tc3Signer.sign(config.secretKey(), ApiGeneration.SERVICE, timestamp, "POST",
                "/", "", signed, body);
        Request.Builder request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(body, JSON));
        signed.forEach(request::header);
        request.header("X-TC-Timestamp", Long.toString(timestamp))
                .header("X-TC-Version", ApiGeneration.API_VERSION)
                .header("X-TC-Region", config.region())
                .header("Authorization", Tc3Signer.authorization(config.secretId(), signature));
        if (config.hasToken()) {
            request.header("X-TC-Token", config.token());
        }
        if (config.language() != null) {
            request.header("X-TC-Language", config.language());
        }
        return request.build();
    }
}
