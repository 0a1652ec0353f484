package dev.kafkaconnect.trtc.connector.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class OffsetCodecTest {

    static final List<CallPosition> POSITIONS = List.of(
            CallPosition.fresh(1_790_000_000L),
            CallPosition.boundary(1_790_003_600L, false),
            CallPosition.boundary(1_790_003_600L, true),
            new CallPosition(1_790_000_000L, 1_790_003_600L, 3, 0, false, false),
            new CallPosition(1_790_000_000L, 1_790_003_600L, 3, 0, false, false).after(
                    new EventId("u1", 1_789_990_000L, dev.kafkaconnect.trtc.records.ParticipantEvent.JOINED), null),
            new CallPosition(1_790_000_000L, 1_790_000_060L, 0, 0, true, false).after(
                    new EventId("u1", 1_790_000_010L, dev.kafkaconnect.trtc.records.ParticipantEvent.LEFT),
                    new SampleId(new SeriesKey("u1", "u2", "aBit"), 1_790_000_030L)),
            new CallPosition(1_790_000_000L, 1_790_000_060L, 0, 0, false, false).after(null,
                    new SampleId(new SeriesKey("u1", null, "appCpu"), 1_790_000_000L)),
            CallPosition.page(1_790_000_000L, 1_790_003_600L, 1, false, 2,
                    Map.of("u1", java.util.Set.of(1_789_990_000L, 1_790_000_100L), "u2", java.util.Set.of()), 6),
            CallPosition.page(1_790_000_000L, 1_790_003_600L, 0, true, 3, Map.of("u1", java.util.Set.of(5L)), 3)
                    .after(null, new SampleId(new SeriesKey("u3", null, "appCpu"), 1_790_000_002L)),
            CallPosition.page(1_790_000_000L, 1_790_003_600L, 4, false, 1, Map.of(), 1));

    @Test
    void theOffsetMapIsAPlainMapWithTheDocumentedKeys() {
        Map<String, Object> offset = OffsetCodec.offset(new CallPosition(100, 200, 2, 0, false, false));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("v", 2);
        expected.put("cursor", 100L);
        expected.put("windowEnd", 200L);
        expected.put("page", 2);
        assertThat(offset).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(List.copyOf(offset.keySet())).containsExactly("v", "cursor", "windowEnd", "page");

        Map<String, Object> boundary = OffsetCodec.offset(CallPosition.boundary(300, true));
        assertThat(boundary).containsEntry("windowEnd", null).containsEntry("finished", true).hasSize(5)
                .doesNotContainKey("first");
    }

    @Test
    void version1OffsetsAreReadAsAPositionByCount() {
        assertThat(OffsetCodec.position(Map.of("v", 1, "cursor", 100, "windowEnd", 160, "page", 1, "skip", 2,
                "first", true))).isEqualTo(new CallPosition(100, 160, 1, 2, true, false));
        assertThat(OffsetCodec.position(Map.of("cursor", 100, "windowEnd", 160, "skip", 2)))
                .as("without v, skip means version 1").isEqualTo(new CallPosition(100, 160, 0, 2, false, false));
    }

    @Test
    void positionsSurviveTheJsonConverterWhateverNumberWidthItGivesBack() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        for (CallPosition p : POSITIONS) {
            byte[] bytes = json.fromConnectData("offsets", null, OffsetCodec.offset(p));
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) json.toConnectData("offsets", bytes).value();
            assertThat(OffsetCodec.position(back)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(p);
            assertThat(OffsetCodec.position(new HashMap<>(back))).isEqualTo(p);
        }
    }

    @Test
    void integerAndLongNumbersReadTheSame() {
        Map<String, Object> ints = Map.of("v", 2, "cursor", 100, "windowEnd", 160, "page", 1, "sampleUser", "u",
                "sampleMetric", "aBit", "sampleTime", 150);
        Map<String, Object> longs = Map.of("v", 2L, "cursor", 100L, "windowEnd", 160L, "page", 1L, "sampleUser", "u",
                "sampleMetric", "aBit", "sampleTime", 150L);
        assertThat(OffsetCodec.position(ints)).isEqualTo(OffsetCodec.position(longs))
                .isEqualTo(new CallPosition(100, 160, 1, 0, false, false).after(null,
                        new SampleId(new SeriesKey("u", null, "aBit"), 150)));
    }

    @Test
    void anOffsetReadBackThroughTheJsonConverterNamesTheSamePositionAsTheOneWritten() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        for (CallPosition p : POSITIONS) {
            Map<String, Object> written = OffsetCodec.offset(p);
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) json.toConnectData("offsets",
                    json.fromConnectData("offsets", null, written)).value();
            assertThat(OffsetCodec.samePosition(written, back)).as("%s", back).isTrue();
            for (CallPosition other : POSITIONS) {
                assertThat(OffsetCodec.samePosition(OffsetCodec.offset(other), back)).isEqualTo(other.equals(p));
            }
        }
        assertThat(OffsetCodec.samePosition(Map.of("cursor", 100), Map.of("cursor", 100L))).isTrue();
        assertThat(OffsetCodec.samePosition(Map.of("cursor", 100), Map.of("cursor", "100")))
                .as("an unreadable offset names no position").isFalse();
    }

    @Test
    void aSecondReadingOfAWindowIsWrittenAsVersion3AndEverythingElseStaysVersion2() {
        CallPosition reread = CallPosition.page(100, 160, 1, false, 2, Map.of("b", java.util.Set.of(120L, 90L),
                "a", java.util.Set.of(95L)), 6);
        Map<String, Object> offset = OffsetCodec.offset(reread);
        assertThat(offset).containsEntry("v", 3).containsEntry("pass", 2)
                .containsEntry("done", "{\"a\":[95],\"b\":[90,120]}");
        assertThat(List.copyOf(offset.keySet())).containsExactly("v", "cursor", "windowEnd", "page", "pass", "done");
        assertThat(OffsetCodec.offset(new CallPosition(100, 160, 1, 0, false, false)))
                .containsEntry("v", 2).doesNotContainKeys("pass", "done", "pageSize");
        CallPosition smaller = CallPosition.page(100, 160, 4, false, 1, Map.of(), 3);
        assertThat(OffsetCodec.offset(smaller)).containsEntry("v", 3).containsEntry("pageSize", 3)
                .doesNotContainKeys("pass", "done");
        assertThat(OffsetCodec.position(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "page", 4, "pageSize", 3)))
                .isEqualTo(smaller);
        assertThat(OffsetCodec.position(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "page", 1, "pass", 2,
                "done", "{\"b\": [120, 90], \"a\": [95]}"))).isEqualTo(reread);
    }

    @Test
    void aHandWrittenVersion3OffsetIsCheckedFieldByField() {
        assertRefused(Map.of("v", 2, "cursor", 100, "windowEnd", 160, "pass", 2), "unknown source offset field "
                + "'pass' for format version 2");
        assertRefused(Map.of("v", 3, "cursor", 100, "pass", 2), "'pass' names a record inside a window");
        assertRefused(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "done", "{\"a\": [1]}"),
                "'done' needs 'pass' of 2 or more");
        assertRefused(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "pass", 2, "done", "[\"a\"]"),
                "'done' must be a string holding a JSON object");
        assertRefused(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "pass", 2, "done", "{\"a\": ["),
                "'done' must be a string holding a JSON object");
        assertRefused(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "pass", 2, "done", "{\"a\": [\"x\"]}"),
                "for user a must list JoinTs as unix seconds, got \"x\"");
        assertRefused(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "pass", 0), "'pass' is 0");
        assertRefused(Map.of("v", 3, "cursor", 100, "windowEnd", 160, "pageSize", 7), "'pageSize' is 7");
        assertRefused(Map.of("v", 3, "cursor", 100, "pageSize", 3), "'pageSize' names a record inside a window");
        assertRefused(Map.of("v", 6, "cursor", 100), "reads offset format versions 1 to 5");
        assertRefused(Map.of("v", 5, "cursor", 100, "windowEnd", 160, "sampleUser", "u", "sampleTime", 120,
                "pageUsers", "[\"u\", \"\"]"), "'pageUsers' must be a string holding a JSON array of user ids");
        assertRefused(Map.of("v", 3, "cursor", 100, "axCursor", 100), "unknown source offset field 'axCursor' for "
                + "format version 3");
    }

    @Test
    void everyOffsetWrittenHoldsOnlyWhatConnectAccepts() {
        for (CallPosition p : POSITIONS) {
            org.apache.kafka.connect.storage.OffsetUtils.validateFormat(OffsetCodec.offset(p));
        }
    }

    private static void assertRefused(Map<String, Object> offset, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OffsetCodec.position(offset))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void onlyTheCursorIsRequired() {
        assertThat(OffsetCodec.position(Map.of("cursor", 100))).isEqualTo(CallPosition.boundary(100, false));
    }

    @Test
    void partitionsAreSharedImmutableMapsNamingTheCall() {
        Map<String, Object> p = OffsetCodec.partition(1400188366L, "1400188366_1_100");
        assertThat(p).isEqualTo(Map.of("v", 1, "sdkAppId", "1400188366", "commId", "1400188366_1_100"));
        assertThat(OffsetCodec.commId(p, 1400188366L)).isEqualTo("1400188366_1_100");
    }

    @Test
    void aVersion4OffsetCarriesTheAbnormalExperiencesPositionAndIsCheckedFieldByField() {
        CallPosition inPage = new CallPosition(100, 200, 1, 0, false, false);
        StreamPositions streams = new StreamPositions(new ExperiencePosition(90,
                new ExperienceId(95_123, "u1", 4), "room-1"), null);
        Map<String, Object> written = OffsetCodec.offset(inPage, streams);
        assertThat(new java.util.HashMap<>(written)).containsEntry("v", 4).containsEntry("axCursor", 90L)
                .containsEntry("axRoom", "room-1").containsEntry("axTime", 95_123L).containsEntry("axUser", "u1")
                .containsEntry("axId", 4);
        org.apache.kafka.connect.storage.OffsetUtils.validateFormat(written);
        Map<String, Object> back = new java.util.HashMap<>(written);
        back.put("axCursor", 90);
        assertThat(OffsetCodec.position(back)).isEqualTo(inPage);
        assertThat(OffsetCodec.streams(back)).isEqualTo(streams);
        assertThat(OffsetCodec.samePosition(written, back)).isTrue();
        back.put("axId", 5);
        assertThat(OffsetCodec.samePosition(written, back)).as("another experience, another position").isFalse();
        assertThat(OffsetCodec.streams(OffsetCodec.offset(inPage))).isEqualTo(StreamPositions.NONE);
        assertThat(OffsetCodec.withStreams(OffsetCodec.offset(inPage), streams)).isEqualTo(written);

        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "axTime", 95_000, "axUser", "u1", "axId", 1),
                "'axTime' needs 'axCursor'");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "axCursor", 90, "axUser", "u1", "axId", 1),
                "'axTime' is missing");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "axCursor", 90, "axTime", 89_999, "axUser", "u1", "axId", 1),
                "lies at or after 'axCursor'");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "axCursor", 90, "axRoom", ""), "'axRoom' must be a non-empty");
    }

    @Test
    void aVersion4OffsetCarriesTheUserEventsPositionAndIsCheckedFieldByField() {
        CallPosition between = CallPosition.boundary(200, false);
        UserEventPosition inBatch = new UserEventPosition(150, 100, List.of("u2", "u3"),
                new UserEventId(120_500, null, 1003, 0, 2, -1), new java.util.TreeSet<>(List.of("u4")), "room-1");
        StreamPositions streams = new StreamPositions(null, inBatch);
        Map<String, Object> written = OffsetCodec.offset(between, streams);
        assertThat(new HashMap<>(written)).containsEntry("v", 4).containsEntry("ueCursor", 150L)
                .containsEntry("ueFrom", 100L).containsEntry("ueUsers", "[\"u2\",\"u3\"]")
                .containsEntry("ueLast", "[120500,null,1003,0,2,-1]").containsEntry("uePending", "[\"u4\"]")
                .containsEntry("ueRoom", "room-1").doesNotContainKey("axCursor");
        org.apache.kafka.connect.storage.OffsetUtils.validateFormat(written);
        Map<String, Object> back = new HashMap<>(written);
        back.put("ueCursor", 150);
        assertThat(OffsetCodec.streams(back)).isEqualTo(streams);
        assertThat(OffsetCodec.samePosition(written, back)).isTrue();
        UserEventPosition peer = inBatch.after(new UserEventId(121_000, "u9", 4003, 2, 640, 360));
        assertThat(OffsetCodec.streams(new HashMap<>(OffsetCodec.offset(between, streams.withUserEvents(peer)))))
                .isEqualTo(streams.withUserEvents(peer));
        UserEventPosition idle = UserEventPosition.at(150).listing(List.of("u1"));
        assertThat(new HashMap<>(OffsetCodec.offset(between, new StreamPositions(null, idle))))
                .doesNotContainKeys("ueFrom", "ueUsers", "ueLast", "ueRoom").containsEntry("uePending", "[\"u1\"]");

        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueFrom", 90, "ueUsers", "[\"a\"]"),
                "'ueFrom' needs 'ueCursor'");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueCursor", 150, "ueFrom", 90), "go together");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueCursor", 150, "ueFrom", 160, "ueUsers", "[\"a\"]"),
                "must name a range before 'ueCursor'");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueCursor", 150, "ueFrom", 90, "ueUsers", "a"),
                "JSON array of user ids");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueCursor", 150, "ueLast", "[1,null,1,0,0,0]"),
                "'ueLast' needs 'ueFrom'");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueCursor", 150, "ueFrom", 90, "ueUsers", "[\"a\"]",
                "ueLast", "[10,null,1,0,0,0]"), "outside the batch");
        assertRefusedStreams(Map.of("v", 4, "cursor", 100, "ueCursor", 150, "ueFrom", 90, "ueUsers", "[\"a\"]",
                "ueLast", "[95000,null,1]"), "'ueLast' must be a string holding a JSON array");
    }

    private static void assertRefusedStreams(Map<String, ?> offset, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OffsetCodec.streams(offset)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
