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
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offsets written by each released format (v1: a position by count; v2: by the identity of the last delivered
 * records), as the worker's JSON converter stores them in the offsets topic ({@code ["<connector>", partition] ->
 * offset}), are read back by today's task, which resumes right after the committed record. A format change that
 * breaks this needs a new version number and a reader for every released one.
 */
class ReleasedOffsetsTest {
    static final String FIXTURE = "/offsets-released/v%d/offsets.json";

    @ParameterizedTest(name = "format v{0}")
    @ValueSource(ints = {1, 2})
    void aTaskResumesFromOffsetsOfEachReleasedFormat(int version) throws Exception {
        JsonNode fixture = load(version);
        int cut = fixture.get("afterRecord").asInt();
        List<Map<String, Object>> committed = new ArrayList<>();
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (JsonNode entry : fixture.get("offsets")) {
            partitions.add(map(entry.get("key").get(1)));
            committed.add(map(entry.get("value")));
        }
        assertThat(committed.get(0)).as("the fixture resumes inside a page").containsEntry("v", version)
                .containsKey(version == 1 ? "skip" : "sampleUser");
        assertResumesAfter(cut, partitions, committed);
    }

    /**
     * Version 1 offsets inside pages other than the first and inside the events of a page: what a task of the first
     * release committed at any record is resumed from exactly.
     */
    @Test
    void aTaskResumesFromVersion1OffsetsAnywhereInAPage() {
        List<SourceRecord> full = fullRun();
        int checked = 0;
        for (int cut = 0; cut < full.size(); cut += 97) {
            Map<String, Object> v1 = version1Offset(full, cut);
            if (v1 == null) {
                continue;
            }
            assertResumesAfter(cut, List.of(TrtcSourceTaskTest.cast(full.get(cut).sourcePartition())), List.of(v1));
            checked++;
        }
        // And inside a page's participant events.
        assertResumesAfter(2, List.of(TrtcSourceTaskTest.cast(full.get(2).sourcePartition())),
                List.of(version1Offset(full, 2)));
        assertThat(checked).as("mid-page cuts checked").isGreaterThan(10);
        assertThat(full.stream().map(r -> (Object) r.sourceOffset().get("page")).toList())
                .as("cuts on pages after the first too").contains(1);
    }

    /** The offset the first release wrote after record {@code cut}: its page and its count within the page. */
    private static Map<String, Object> version1Offset(List<SourceRecord> full, int cut) {
        Map<String, ?> after = full.get(cut).sourceOffset();
        if (after.get("windowEnd") == null || !after.containsKey("sampleUser") && !after.containsKey("eventUser")) {
            return null;
        }
        String call = TaskHarness.commIdOf(full.get(cut));
        int count = 0;
        for (int i = cut; i >= 0; i--) {
            SourceRecord r = full.get(i);
            if (!TaskHarness.commIdOf(r).equals(call)) {
                continue;
            }
            Map<String, ?> o = r.sourceOffset();
            // The page's earlier records name a record of it; the previous page's last one names this page's start.
            if (!o.get("cursor").equals(after.get("cursor")) || !o.get("page").equals(after.get("page"))
                    || !o.containsKey("sampleUser") && !o.containsKey("eventUser")) {
                break;
            }
            count++;
        }
        Map<String, Object> v1 = new java.util.LinkedHashMap<>(Map.of("v", 1, "cursor", after.get("cursor"),
                "windowEnd", after.get("windowEnd"), "page", after.get("page"), "skip", count));
        if (after.containsKey("first")) {
            v1.put("first", true);
        }
        return v1;
    }

    /** A task given these committed offsets emits what a full run emitted after record {@code cut}, per call. */
    private static void assertResumesAfter(int cut, List<Map<String, Object>> partitions,
                                           List<Map<String, Object>> offsets) {
        List<SourceRecord> full = fullRun();
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        try (TaskHarness h = new TaskHarness(clock, api(clock))) {
            for (int i = 0; i < partitions.size(); i++) {
                h.context.committed.put(partitions.get(i), offsets.get(i));
            }
            h.start(props(List.of(CALL, OTHER)));
            h.pollUntil(h::allCallsDone, 200, "calls finished after resuming from released offsets");
            String resumed = TaskHarness.commIdOf(full.get(cut));
            List<String> expected = describe(full, resumed);
            List<String> union = new ArrayList<>(describe(full.subList(0, cut + 1), resumed));
            union.addAll(describe(h.records, resumed));
            assertThat(union).as("call %s, offset %s: committed part + resumed part = one complete run", resumed,
                    offsets.get(0)).isEqualTo(expected);
        }
    }

    @Test
    void todaysTaskWritesTheReleasedFormatWithThePageUsers() throws Exception {
        JsonNode fixture = load(2);
        List<SourceRecord> full = fullRun();
        SourceRecord record = full.get(fixture.get("afterRecord").asInt());
        JsonNode entry = fixture.get("offsets").get(0);
        ObjectMapper json = new ObjectMapper();
        // Compared as JSON text: the worker stores text, and number widths do not matter there.
        assertThat(json.readTree(json.writeValueAsString(new java.util.TreeMap<>(record.sourcePartition()))))
                .as("partition format v1").isEqualTo(json.readTree(json.writeValueAsString(
                        new java.util.TreeMap<>(map(entry.get("key").get(1))))));
        // The fixture's window is a full hour; today's windows are a second shorter (asked for from a second before
        // their start, a span of an hour), so the same record's window ends a second earlier. The format is the same.
        com.fasterxml.jackson.databind.node.ObjectNode released = entry.get("value").deepCopy();
        released.put("windowEnd", released.get("windowEnd").asLong() - 1);
        // Inside a page, today's offsets are format v5: v2's fields, then the page's users after the sample's.
        com.fasterxml.jackson.databind.node.ObjectNode expected = json.createObjectNode();
        released.fields().forEachRemaining(f -> {
            expected.set(f.getKey(), f.getKey().equals("v") ? json.getNodeFactory().numberNode(5) : f.getValue());
            if (f.getKey().equals("sampleTime")) {
                expected.put("pageUsers", "[\"u0\",\"u1\",\"u2\",\"u3\",\"u4\",\"u5\"]");
            }
        });
        assertThat(json.writeValueAsString(record.sourceOffset()))
                .as("offset format v5 inside a page (v2 and pageUsers): a change needs a new version and a reader "
                        + "for every released one")
                .isEqualTo(expected.toString());
    }

    private static List<SourceRecord> fullRun;

    /** The records of an uninterrupted run (deterministic, so computed once). */
    private static synchronized List<SourceRecord> fullRun() {
        if (fullRun == null) {
            fullRun = runOnce();
        }
        return fullRun;
    }

    private static List<SourceRecord> runOnce() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        Map<String, String> props = props(List.of(CALL, OTHER));
        // Without an event stream the task writes the released format 2 (with one, format 4).
        props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.STREAMS, "");
        try (TaskHarness h = new TaskHarness(clock, api(clock)).start(props)) {
            h.pollUntil(h::allCallsDone, 200, "calls finished");
            return List.copyOf(h.records);
        }
    }

    private static FakeTrtcApi api(MockTime clock) {
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, eightUsers()).call(OTHER,
                new User("x", T0 + 200, T0 + 4000), new User("y", T0 + 300, T0 + 3000));
        api.step = 30;
        return api;
    }

    private static List<String> describe(List<SourceRecord> records, String call) {
        return records.stream().filter(r -> TaskHarness.commIdOf(r).equals(call))
                .map(r -> r.topic() + " " + r.key() + " " + r.value()).toList();
    }

    private static JsonNode load(int version) throws Exception {
        String path = String.format(FIXTURE, version);
        try (InputStream in = ReleasedOffsetsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(JsonNode node) {
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
