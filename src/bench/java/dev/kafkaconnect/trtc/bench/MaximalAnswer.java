package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.Metrics;
import dev.kafkaconnect.trtc.api.Tc3Signer;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The benchmarks' fixture: the largest answer one request can get, as the simulator serves it over HTTP. Six users
 * present for the whole hour, every seed metric, uplink series plus downlink series from the 5 other users for the
 * 4 per-peer metrics: 6 x (13 + 4 x 5) = 198 series of 1800 points
 * (the seed serves [StartTime, EndTime) at 2 s), 356,400 points.
 * The simulator is deterministic, so every run gets the same bytes except the random RequestId.
 */
public final class MaximalAnswer {
    public static final long SDK_APP_ID = TrtcSimulator.DEFAULT_SDK_APP_ID;
    public static final String ROOM = "bench";
    /** 2024-05-01T00:00:00Z: the call starts here; the simulator's clock stands a day later. */
    public static final long CALL_START = 1714521600L;
    public static final int USERS = 6;
    public static final int PEERS = USERS - 1;
    public static final int SERIES = USERS * (Metrics.SEED.size() + Metrics.PER_PEER.size() * PEERS);
    public static final int POINTS_PER_SERIES = 1800;
    public static final int POINTS = SERIES * POINTS_PER_SERIES;

    private static final String SECRET_ID = "AKIDbenchmark";
    private static final String SECRET_KEY = "benchmark-secret";
    private static byte[] cached;

    private MaximalAnswer() {
    }

    /** The 6-user call of the fixture, from {@code start} for {@code hours} hours. */
    public static CallSpec call(String room, long start, int users, long hours) {
        CallSpec.Builder b = CallSpec.builder(room);
        for (int i = 0; i < users; i++) {
            b.user("user" + i, start, start + hours * 3600);
        }
        return b.build();
    }

    public static String commId() {
        return SimulatedCall.commId(SDK_APP_ID, ROOM, CALL_START);
    }

    /** The fixture's bytes, fetched once per JVM and checked against the shape above. */
    public static synchronized byte[] bytes() {
        if (cached == null) {
            cached = fetch();
        }
        return cached;
    }

    private static byte[] fetch() {
        MutableClock clock = new MutableClock(CALL_START + 86_400);
        try (TrtcSimulator sim = TrtcSimulator.builder().sdkAppId(SDK_APP_ID).credentials(SECRET_ID, SECRET_KEY)
                .clock(clock).rateLimitPerSecond(0).dataDelay(Duration.ZERO)
                .call(call(ROOM, CALL_START, USERS, 2)).build().start()) {
            String body = "{\"SdkAppId\":\"" + SDK_APP_ID + "\",\"CommId\":\"" + commId() + "\",\"StartTime\":"
                    + CALL_START + ",\"EndTime\":" + (CALL_START + 3600) + ",\"DataType\":[\"all\"],"
                    + "\"PageNumber\":\"0\",\"PageSize\":\"6\"}";
            byte[] bytes = post(sim.endpoint(), sim.port(), clock.nowSeconds(), "DescribeCallDetail", body);
            check(bytes);
            return bytes;
        }
    }

    static byte[] post(String endpoint, int port, long timestamp, String action, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Type", "application/json; charset=utf-8");
        signed.put("Host", "127.0.0.1:" + port);
        signed.put("X-TC-Action", action);
        Tc3Signer.Signature signature = Tc3Signer.sign(SECRET_KEY, "trtc", timestamp, "POST", "/", "", signed, body);
        Request.Builder request = new Request.Builder().url(endpoint)
                .post(RequestBody.create(body, MediaType.get("application/json; charset=utf-8")));
        signed.forEach(request::header);
        request.header("X-TC-Timestamp", Long.toString(timestamp))
                .header("X-TC-Version", ApiGeneration.API_VERSION)
                .header("X-TC-Region", "ap-guangzhou")
                .header("Authorization", Tc3Signer.authorization(SECRET_ID, signature));
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(1)).build();
        try (Response response = http.newCall(request.build()).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("simulator answered HTTP " + response.code());
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException("fetching the fixture from the simulator failed", e);
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** Fails unless the answer has exactly the documented shape (a changed simulator must not skew figures). */
    private static void check(byte[] bytes) {
        long points = ParseFloor.points(bytes);
        if (points != POINTS) {
            throw new IllegalStateException("fixture has " + points + " points, expected " + POINTS + ": "
                    + new String(bytes, 0, Math.min(300, bytes.length), StandardCharsets.UTF_8));
        }
    }
}
