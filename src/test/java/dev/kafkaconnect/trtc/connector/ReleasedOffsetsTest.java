package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.CALL;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.OTHER;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.T0;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.eightUsers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Offsets written by the first released format (v1), as the worker's JSON converter stores them in the offsets
 * topic ({@code ["<connector>", partition] -> offset}), are read back by today's task, which resumes right after
 * the committed record. A format change that breaks this needs a new version number and a reader for v1.
 */
class ReleasedOffsetsTest {
    static final String FIXTURE = "/offsets-released/v1/offsets.json";

    @Test
    void aTaskResumesFromOffsetsOfTheFirstReleasedFormat() throws Exception {
        JsonNode fixture = load();
        int cut = fixture.get("afterRecord").asInt();
        List<SourceRecord> full = fullRun();

        TestClock clock = new TestClock(T0 + 4 * 3600);
        FakeTrtcApi api = api(clock);
        try (TaskHarness h = new TaskHarness(clock, api)) {
            for (JsonNode entry : fixture.get("offsets")) {
                h.context.committed.put(map(entry.get("key").get(1)), map(entry.get("value")));
            }
            h.start(props(List.of(CALL, OTHER)));
            h.pollUntil(h::allCallsDone, 200, "calls finished after resuming from released offsets");
            for (String call : List.of(CALL, OTHER)) {
                List<String> expected = describe(full, call);
                List<String> union = new ArrayList<>(describe(full.subList(0, cut + 1), call));
                union.addAll(describe(h.records, call));
                assertThat(union).as("call %s: committed part + resumed part = one complete run", call)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void todaysTaskStillWritesTheReleasedFormat() throws Exception {
        JsonNode fixture = load();
        List<SourceRecord> full = fullRun();
        SourceRecord record = full.get(fixture.get("afterRecord").asInt());
        JsonNode entry = fixture.get("offsets").get(0);
        ObjectMapper json = new ObjectMapper();
        // Compared as JSON text: the worker stores text, and number widths do not matter there.
        assertThat(json.readTree(json.writeValueAsString(new java.util.TreeMap<>(record.sourcePartition()))))
                .as("partition format v1").isEqualTo(json.readTree(json.writeValueAsString(
                        new java.util.TreeMap<>(map(entry.get("key").get(1))))));
        assertThat(json.writeValueAsString(record.sourceOffset()))
                .as("offset format v1: a change needs a new version (OffsetCodec.FORMAT_VERSION) and a v1 reader")
                .isEqualTo(entry.get("value").toString());
    }

    private static List<SourceRecord> fullRun() {
        TestClock clock = new TestClock(T0 + 4 * 3600);
        try (TaskHarness h = new TaskHarness(clock, api(clock)).start(props(List.of(CALL, OTHER)))) {
            h.pollUntil(h::allCallsDone, 200, "calls finished");
            return List.copyOf(h.records);
        }
    }

    private static FakeTrtcApi api(TestClock clock) {
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, eightUsers()).call(OTHER,
                new User("x", T0 + 200, T0 + 4000), new User("y", T0 + 300, T0 + 3000));
        api.step = 30;
        return api;
    }

    private static List<String> describe(List<SourceRecord> records, String call) {
        return records.stream().filter(r -> TaskHarness.commIdOf(r).equals(call))
                .map(r -> r.topic() + " " + r.key() + " " + r.value()).toList();
    }

    private static JsonNode load() throws Exception {
        try (InputStream in = ReleasedOffsetsTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        // Jackson reads small numbers as Integer and large ones as Long, as the worker's JSON converter does.
        return new ObjectMapper().convertValue(node, Map.class);
    }

    /** Prints a fixture for a record of today's run (used once to write the released one). */
    public static void main(String[] args) throws Exception {
        List<SourceRecord> full = fullRun();
        int cut = Integer.parseInt(args[0]);
        SourceRecord r = full.get(cut);
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("afterRecord", cut);
        List<Object> offsets = new ArrayList<>();
        offsets.add(Map.of("key", List.of("trtc-source", r.sourcePartition()), "value", r.sourceOffset()));
        Map<Object, SourceRecord> latest = new java.util.LinkedHashMap<>();
        for (SourceRecord earlier : full.subList(0, cut)) {
            latest.put(earlier.sourcePartition(), earlier);
        }
        latest.remove(r.sourcePartition());
        latest.values().forEach(e -> offsets.add(Map.of("key", List.of("trtc-source", e.sourcePartition()),
                "value", e.sourceOffset())));
        out.put("offsets", offsets);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }
}
