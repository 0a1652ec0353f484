package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shared constants and shortcuts of the simulator tests. */
final class TestSims {
    static final String SECRET_ID = "AKIDsimulator";
    static final String SECRET_KEY = "simulator-secret";
    static final long APP = 1400188366L;
    /** 2024-05-01T00:00:00Z, the tests' "now" unless they say otherwise. */
    static final long NOW = 1714521600L;

    private TestSims() {
    }

    static TrtcSimulator.Builder builder(SimulatorClock clock) {
        return TrtcSimulator.builder().sdkAppId(APP).credentials(SECRET_ID, SECRET_KEY).clock(clock).seed(42)
                .rateLimitPerSecond(0);
    }

    static SignedRequest request(TrtcSimulator sim, String action) {
        return new SignedRequest(sim.endpoint(), action, sim.clock().nowSeconds());
    }

    /** A call-detail body with the generation's parameter types. */
    static Map<String, Object> detail(ApiGeneration g, String commId, long start, long end) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("SdkAppId", g.integerParams() ? (Object) APP : Long.toString(APP));
        p.put("CommId", commId);
        p.put("StartTime", start);
        p.put("EndTime", end);
        return p;
    }

    static Map<String, Object> rooms(ApiGeneration g, long start, long end) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("SdkAppId", g.integerParams() ? (Object) APP : Long.toString(APP));
        p.put("StartTime", start);
        p.put("EndTime", end);
        return p;
    }

    /** A page parameter in the generation's type. */
    static Object page(ApiGeneration g, int n) {
        return g.integerParams() ? (Object) n : Integer.toString(n);
    }
}
