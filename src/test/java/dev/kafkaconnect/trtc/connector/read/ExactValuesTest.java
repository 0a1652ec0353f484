package dev.kafkaconnect.trtc.connector.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.Metrics;
import dev.kafkaconnect.trtc.api.TrtcApiClient;
import dev.kafkaconnect.trtc.api.TrtcClientConfig;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.GroundTruth;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Values arrive exactly as the server wrote them, all the way from the HTTP body to the record: JSON {@code 108.09}
 * is the double 108.09, not a float widened to 108.09000396728516 as a {@code Float} model would give.
 */
class ExactValuesTest {
    private static final long T0 = 1714521600L;

    @Test
    void everyRecordValueIsTheServersDecimalExactly() {
        CallSpec spec = CallSpec.builder("exact").user("u1", T0, T0 + 600).user("u2", T0, T0 + 600).build();
        try (TrtcSimulator sim = TrtcSimulator.builder().clock(new MutableClock(T0 + 86_400))
                .dataDelay(Duration.ZERO).rateLimitPerSecond(0).call(spec).build().start();
             TrtcApiClient client = new TrtcApiClient(TrtcClientConfig.builder().endpoint(sim.endpoint())
                     .region("ap-guangzhou").credentials(TrtcSimulator.DEMO_SECRET_ID, TrtcSimulator.DEMO_SECRET_KEY)
                     .time(new MockTime(0, (T0 + 86_400) * 1000, 0)).build())) {
            String commId = SimulatedCall.commId(sim.sdkAppId(), "exact", T0);
            CallDetailResponse answer = client.callDetailSync(ApiGeneration.SEED, new CallDetailRequest(
                    sim.sdkAppId(), commId, T0, T0 + 120, List.of(), List.of(Metrics.ALL), 0, 6));
            SampleRecordBuilder builder = new SampleRecordBuilder(sim.sdkAppId(), "q", "p", "c",
                    new ClientIpPolicy(ClientIpMode.DROP, null));
            PageRecords page = new PageRecords(CommId.parse(commId), OffsetCodec.partition(sim.sdkAppId(), commId),
                    new WindowRead(new Window(T0, T0 + 120), true, 0, null), 0, answer, builder);

            Map<String, Double> emitted = new HashMap<>();
            while (page.hasNext()) {
                SourceRecord r = page.next();
                if (r.valueSchema() == SampleRecordBuilder.SAMPLE_SCHEMA) {
                    Struct v = (Struct) r.value();
                    emitted.put(key(v.getString("userId"), v.getString("peerId"), v.getString("metric"),
                            ((java.util.Date) v.get("time")).getTime() / 1000), v.getFloat64("value"));
                }
            }
            List<GroundTruth.Point> truth = sim.groundTruth().points(commId, T0, T0 + 120, ApiGeneration.SEED);
            assertThat(emitted).hasSize(truth.size());
            int notFloats = 0;
            for (GroundTruth.Point p : truth) {
                Double value = emitted.get(key(p.userId(), p.peerId(), p.metric(), p.timeSec()));
                assertThat(value).as("%s", p).isNotNull();
                assertThat(Double.doubleToLongBits(value)).as("%s", p).isEqualTo(Double.doubleToLongBits(p.value()));
                if ((double) (float) p.value() != p.value()) {
                    notFloats++;
                }
            }
            assertThat(notFloats).as("decimals a float would change (so the check means something)")
                    .isGreaterThan(truth.size() / 10);
        }
    }

    private static String key(String user, String peer, String metric, long time) {
        return user + "|" + peer + "|" + metric + "|" + time;
    }
}
