package dev.kafkaconnect.trtc.connector.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import dev.kafkaconnect.trtc.records.SnapshotRecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class PageRecordsTest {
    static final CommId CALL = CommId.parse("1400188366_218695_1000");
    static final Map<String, Object> PARTITION = OffsetCodec.partition(1400188366L, CALL.value());
    static final SampleRecordBuilder BUILDER = new SampleRecordBuilder(1400188366L, "q", "p", "c",
            new ClientIpPolicy(ClientIpMode.DROP, null));

    static CallUser user(String id, long join, long leave, boolean finished) {
        return new CallUser("218695", id, join, leave, finished, "", "", "");
    }

    static QualitySeries series(String user, String peer, String metric, long... times) {
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            values[i] = times[i] + 0.5;
        }
        return new QualitySeries(user, peer, metric, times, values, times.length);
    }

    static List<String> describe(PageRecords page) {
        List<String> out = new ArrayList<>();
        while (page.hasNext()) {
            SourceRecord r = page.next();
            out.add(identity(r) + " " + at(r.sourceOffset()));
        }
        return out;
    }

    /** A record's identity: "user EVENT time" for a participant event, "user peer metric time" for a sample. */
    static String identity(SourceRecord r) {
        Struct v = (Struct) r.value();
        if (v.schema().field("event") != null) {
            String event = v.getString("event");
            java.util.Date t = (java.util.Date) (event.equals("LEFT") ? v.get("leaveTime") : v.get("joinTime"));
            return v.getString("userId") + " " + event + " " + t.getTime() / 1000;
        }
        String metric = v.schema().field("metric") != null ? v.getString("metric") : "snapshot";
        return v.getString("userId") + " " + v.getString("peerId") + " " + metric + " "
                + ((java.util.Date) v.get("time")).getTime() / 1000;
    }

    /** An offset, compactly: "@cursor-windowEnd pN e=user/time/EVENT s=user/peer/metric/time [first]". */
    static String at(Map<String, ?> o) {
        if (o.get("windowEnd") == null) {
            return "@next " + o.get("cursor") + (o.containsKey("finished") ? " finished" : "");
        }
        StringBuilder b = new StringBuilder("@").append(o.get("cursor")).append('-').append(o.get("windowEnd"))
                .append(" p").append(o.get("page"));
        if (o.containsKey("pass")) {
            b.append(" pass ").append(o.get("pass")).append(" done ").append(o.get("done"));
        }
        if (o.containsKey("eventUser")) {
            b.append(" e=").append(o.get("eventUser")).append('/').append(o.get("eventTime")).append('/')
                    .append(o.get("event"));
        }
        if (o.containsKey("sampleUser")) {
            b.append(" s=").append(o.get("sampleUser")).append('/')
                    .append(o.containsKey("samplePeer") ? o.get("samplePeer") : "-")
                    .append('/').append(o.containsKey("sampleMetric") ? o.get("sampleMetric") : "*")
                    .append('/').append(o.get("sampleTime"));
        }
        return b.append(o.containsKey("first") ? " first" : "").toString();
    }

    /** An answer that lists {@code users} users (only their count matters) and says {@code total}. */
    static CallDetailResponse listing(int total, int users) {
        List<CallUser> listed = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            listed.add(user("listed" + i, 1000, 2000, false));
        }
        return answer(total, listed, List.of());
    }

    static CallDetailResponse answer(int total, List<CallUser> users, List<QualitySeries> data) {
        return new CallDetailResponse(total, users, true, data, "r");
    }

    @Test
    void recordsComeInCanonicalOrderWithinTheHalfOpenWindow() {
        WindowRead w = new WindowRead(new Window(1000, 1010), true, 0, null);
        w.learnPageCount(0, listing(2, 2));
        CallDetailResponse r = answer(2, List.of(user("b", 1004, 1020, false), user("a", 900, 1008, true)),
                List.of(series("b", "", "aBit", 1004, 1006),
                        series("a", "b", "aBit", 1006, 1004),
                        series("a", null, "appCpu", 998, 1000, 1010),
                        series("a", "", "aBit", 1000, 1002)));
        List<String> records = describe(new PageRecords(CALL, PARTITION, w, 0, r, BUILDER));
        assertThat(records).containsExactly(
                "a JOINED 900 @1000-1010 p0 e=a/900/JOINED first",
                "b JOINED 1004 @1000-1010 p0 e=b/1004/JOINED first",
                "a LEFT 1008 @1000-1010 p0 e=a/1008/LEFT first",
                "a null aBit 1000 @1000-1010 p0 e=a/1008/LEFT s=a/-/aBit/1000 first",
                "a null aBit 1002 @1000-1010 p0 e=a/1008/LEFT s=a/-/aBit/1002 first",
                "a null appCpu 1000 @1000-1010 p0 e=a/1008/LEFT s=a/-/appCpu/1000 first",
                "a b aBit 1004 @1000-1010 p0 e=a/1008/LEFT s=a/b/aBit/1004 first",
                "a b aBit 1006 @1000-1010 p0 e=a/1008/LEFT s=a/b/aBit/1006 first",
                "b null aBit 1004 @1000-1010 p0 e=a/1008/LEFT s=b/-/aBit/1004 first",
                "b null aBit 1006 @next 1010");
    }

    @Test
    void aPageThatFinishesTheCallEndsWithTheCallEndRecordWhichAloneCarriesTheFinishedOffset() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, null);
        w.learnPageCount(0, listing(1, 1));
        CallDetailResponse r = answer(1, List.of(user("a", 900, 1004, true)),
                List.of(series("a", null, "aBit", 1000, 1002)));
        PageRecords page = new PageRecords(CALL, PARTITION, w, 0, r, BUILDER);
        page.finishesCall(1004, "room-a");
        List<SourceRecord> records = new ArrayList<>();
        while (page.hasNext()) {
            records.add(page.next());
        }
        assertThat(records.subList(0, 3)).extracting(rec -> identity(rec) + " " + at(rec.sourceOffset()))
                .containsExactly(
                        "a LEFT 1004 @1000-1010 p0 e=a/1004/LEFT",
                        "a null aBit 1000 @1000-1010 p0 e=a/1004/LEFT s=a/-/aBit/1000",
                        // The window's last sample names its place in the page: a restart after it emits the end.
                        "a null aBit 1002 @1000-1010 p0 e=a/1004/LEFT s=a/-/aBit/1002");
        assertThat(records).hasSize(4);
        SourceRecord end = records.get(3);
        assertThat(at(end.sourceOffset())).isEqualTo("@next 1010 finished");
        assertThat(end.topic()).isEqualTo("c");
        assertThat(end.timestamp()).isEqualTo(1_004_000L);
        Struct v = (Struct) end.value();
        assertThat(v.getString("commId")).isEqualTo(CALL.value());
        assertThat(v.getString("roomId")).isEqualTo("room-a");
        assertThat(v.get("endTime")).isEqualTo(new java.util.Date(1_004_000L));
    }

    @Test
    void anEmptyPageThatFinishesTheCallEmitsOnlyTheCallEndRecord() {
        WindowRead w = new WindowRead(new Window(1010, 1020), false, 0, null);
        w.learnPageCount(0, listing(0, 0));
        PageRecords page = new PageRecords(CALL, PARTITION, w, 0, answer(0, List.of(), List.of()), BUILDER);
        assertThat(page.hasNext()).isFalse();
        page.finishesCall(1008, "218695");
        SourceRecord end = page.next();
        assertThat(page.hasNext()).isFalse();
        assertThat(at(end.sourceOffset())).isEqualTo("@next 1020 finished");
        assertThat(end.timestamp()).isEqualTo(1_008_000L);
    }

    @Test
    void usersWhoJoinedBeforeALaterWindowAreNotAnnouncedAgain() {
        WindowRead w = new WindowRead(new Window(1010, 1020), false, 0, null);
        w.learnPageCount(0, listing(1, 1));
        CallDetailResponse r = answer(1, List.of(user("a", 900, 1015, true)), List.of());
        assertThat(describe(new PageRecords(CALL, PARTITION, w, 0, r, BUILDER)))
                .containsExactly("a LEFT 1015 @next 1020");
    }

    @Test
    void aCountOfFormatVersion1ResumesExactlyAfterTheCountedRecords() {
        List<QualitySeries> data = List.of(series("a", "", "aBit", 1000, 1002, 1004), series("b", "", "aBit", 1001));
        // b joined before a: the timeline order of today differs from version 1's order by user.
        List<CallUser> users = List.of(user("a", 1003, 2000, false), user("b", 1001, 2000, false));
        List<String> v1Order = List.of("a JOINED 1003", "b JOINED 1001", "a null aBit 1000", "a null aBit 1002",
                "a null aBit 1004", "b null aBit 1001");
        for (int k = 1; k <= v1Order.size(); k++) {
            CallPosition v1 = OffsetCodec.position(Map.of("v", 1, "cursor", 1000, "windowEnd", 1010, "page", 0,
                    "skip", k));
            WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, v1);
            w.learnPageCount(0, listing(2, 2));
            PageRecords page = new PageRecords(CALL, PARTITION, w, 0, answer(2, users, data), BUILDER, null);
            assertThat(page.skip(k)).isZero();
            assertThat(describe(page)).extracting(PageRecordsTest::withoutOffset)
                    .isEqualTo(v1Order.subList(k, v1Order.size()));
        }
    }

    static String withoutOffset(String described) {
        return described.substring(0, described.indexOf(" @"));
    }

    // ---- resuming by identity ----

    static final Window W = new Window(1000, 1100);

    /** Three users: b in the call throughout, a and c leave in the window; a receives b. */
    static List<CallUser> users() {
        return List.of(user("b", 1005, 2000, false), user("a", 1010, 1040, true), user("c", 1020, 1060, true));
    }

    static List<QualitySeries> data() {
        return List.of(series("a", "", "aBit", 1010, 1020, 1030, 1040), series("a", "b", "aBit", 1010, 1020),
                series("b", "", "aBit", 1005, 1015, 1025), series("c", "", "appCpu", 1020, 1040, 1060),
                series("c", "", "aBit", 1030));
    }

    static final SnapshotRecordBuilder SNAPSHOTS = new SnapshotRecordBuilder(1400188366L, "s");

    static PageRecords read(List<CallUser> users, List<QualitySeries> data, CallPosition resume) {
        return read(users, data, resume, false);
    }

    static PageRecords read(List<CallUser> users, List<QualitySeries> data, CallPosition resume, boolean wide) {
        WindowRead w = new WindowRead(W, false, 0, resume);
        w.learnPageCount(0, listing(users.size(), users.size()));
        return new PageRecords(CALL, PARTITION, w, 0, answer(users.size(), users, data), BUILDER,
                wide ? SNAPSHOTS : null);
    }

    static List<SourceRecord> all(PageRecords page) {
        List<SourceRecord> out = new ArrayList<>();
        while (page.hasNext()) {
            out.add(page.next());
        }
        return out;
    }

    /** The committed offset of a record as the task reads it back: a plain map from the offsets topic. */
    static CallPosition committed(SourceRecord r) {
        return OffsetCodec.position(new java.util.HashMap<>(r.sourceOffset()));
    }

    @Test
    void resumingAfterAnyRecordOfAnUnchangedPageEmitsExactlyTheRest() {
        List<SourceRecord> first = all(read(users(), data(), null));
        List<String> ids = first.stream().map(PageRecordsTest::identity).toList();
        assertThat(ids).startsWith("b JOINED 1005", "a JOINED 1010", "c JOINED 1020", "a LEFT 1040", "c LEFT 1060",
                "a null aBit 1010").hasSize(5 + 13).doesNotHaveDuplicates();
        for (int k = 0; k < first.size() - 1; k++) {
            List<SourceRecord> rest = all(read(users(), data(), committed(first.get(k))));
            assertThat(rest.stream().map(PageRecordsTest::identity).toList()).as("after record %d", k)
                    .isEqualTo(ids.subList(k + 1, ids.size()));
            // Offsets too: a second restart in the resumed page is just as exact.
            for (int j = 0; j < rest.size(); j++) {
                assertThat(rest.get(j).sourceOffset()).isEqualTo(first.get(k + 1 + j).sourceOffset());
            }
        }
    }

    /** A page that the service answers differently after a restart. */
    enum Change {
        /** a rejoined after the window: listed with the new stay, its events of this window are gone. */
        REJOINED_LATER(List.of(user("b", 1005, 2000, false), user("c", 1020, 1060, true),
                user("a", 1500, 2000, false)), data()),
        /** a rejoined inside the window: listed with the second stay, a new JOINED and LEFT. */
        REJOINED_IN_WINDOW(List.of(user("b", 1005, 2000, false), user("c", 1020, 1060, true),
                user("a", 1070, 1090, true)), data()),
        /** c is no longer listed, nor its series. */
        USER_MISSING(List.of(user("b", 1005, 2000, false), user("a", 1010, 1040, true)),
                data().stream().filter(s -> !s.userId().equals("c")).toList()),
        /** z is listed now, with its series (it joined last and sorts last). */
        USER_ADDED(List.of(user("b", 1005, 2000, false), user("a", 1010, 1040, true), user("c", 1020, 1060, true),
                user("z", 1070, 1080, true)), concat(data(), series("z", "", "aBit", 1070, 1080)));

        final List<CallUser> users;
        final List<QualitySeries> data;

        Change(List<CallUser> users, List<QualitySeries> data) {
            this.users = users;
            this.data = data;
        }
    }

    static List<QualitySeries> concat(List<QualitySeries> data, QualitySeries... more) {
        List<QualitySeries> out = new ArrayList<>(data);
        out.addAll(List.of(more));
        return out;
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> changes() {
        return java.util.stream.Stream.of(Change.values()).flatMap(c -> java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(c, false),
                org.junit.jupiter.params.provider.Arguments.of(c, true)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}, wide {1}")
    @org.junit.jupiter.params.provider.MethodSource("changes")
    void aPageThatChangedBetweenReadsNeitherRepeatsNorLosesRecords(Change change, boolean wide) {
        List<SourceRecord> first = all(read(users(), data(), null, wide));
        java.util.Set<String> reread = new java.util.HashSet<>(all(read(change.users, change.data, null, wide))
                .stream().map(PageRecordsTest::identity).toList());
        for (int k = 0; k < first.size() - 1; k++) {
            List<String> delivered = first.subList(0, k + 1).stream().map(PageRecordsTest::identity).toList();
            List<String> resumed = all(read(change.users, change.data, committed(first.get(k)), wide)).stream()
                    .map(PageRecordsTest::identity).toList();
            assertThat(resumed).as("%s after record %d: nothing delivered is repeated", change, k)
                    .doesNotContainAnyElementsOf(delivered).doesNotHaveDuplicates();
            java.util.Set<String> undelivered = new java.util.HashSet<>(reread);
            delivered.forEach(undelivered::remove);
            assertThat(new java.util.HashSet<>(resumed))
                    .as("%s after record %d: everything the page now has that was not delivered", change, k)
                    .isEqualTo(undelivered);
        }
    }

    @Test
    void aResumeAfterAUserThePageNoLongerListsIsReported() {
        List<SourceRecord> first = all(read(users(), data(), null));
        CallPosition inCsSamples = committed(first.get(first.size() - 2));
        assertThat(inCsSamples.lastSample().series().userId()).isEqualTo("c");
        assertThat(inCsSamples.pageUsers()).as("today's offsets name the page's users").contains("c");
        assertThat(read(Change.USER_MISSING.users, Change.USER_MISSING.data, inCsSamples).movedUsers())
                .as("resumed by the page's users wherever listed: nothing to report").isEmpty();
        // An offset of an earlier format does not name them: the page is taken as the same users.
        CallPosition earlierFormat = inCsSamples.withPageUsers(java.util.Set.of());
        PageRecords page = read(Change.USER_MISSING.users, Change.USER_MISSING.data, earlierFormat);
        assertThat(page.movedUsers()).containsExactly("c");
        assertThat(read(users(), data(), earlierFormat).movedUsers()).isEmpty();
    }

    // ---- the wide shape ----

    @Test
    void snapshotsMergeEachDirectionsSeriesByTimeInThePageOrder() {
        List<String> records = describe(read(users(), data(), null, true));
        assertThat(records).containsExactly(
                "b JOINED 1005 @1000-1100 p0 e=b/1005/JOINED",
                "a JOINED 1010 @1000-1100 p0 e=a/1010/JOINED",
                "c JOINED 1020 @1000-1100 p0 e=c/1020/JOINED",
                "a LEFT 1040 @1000-1100 p0 e=a/1040/LEFT",
                "c LEFT 1060 @1000-1100 p0 e=c/1060/LEFT",
                "a null snapshot 1010 @1000-1100 p0 e=c/1060/LEFT s=a/-/*/1010",
                "a null snapshot 1020 @1000-1100 p0 e=c/1060/LEFT s=a/-/*/1020",
                "a null snapshot 1030 @1000-1100 p0 e=c/1060/LEFT s=a/-/*/1030",
                "a null snapshot 1040 @1000-1100 p0 e=c/1060/LEFT s=a/-/*/1040",
                "a b snapshot 1010 @1000-1100 p0 e=c/1060/LEFT s=a/b/*/1010",
                "a b snapshot 1020 @1000-1100 p0 e=c/1060/LEFT s=a/b/*/1020",
                "b null snapshot 1005 @1000-1100 p0 e=c/1060/LEFT s=b/-/*/1005",
                "b null snapshot 1015 @1000-1100 p0 e=c/1060/LEFT s=b/-/*/1015",
                "b null snapshot 1025 @1000-1100 p0 e=c/1060/LEFT s=b/-/*/1025",
                "c null snapshot 1020 @1000-1100 p0 e=c/1060/LEFT s=c/-/*/1020",
                "c null snapshot 1030 @1000-1100 p0 e=c/1060/LEFT s=c/-/*/1030",
                "c null snapshot 1040 @1000-1100 p0 e=c/1060/LEFT s=c/-/*/1040",
                "c null snapshot 1060 @next 1100");
        // c's uplink at 1030 has aBit only, at 1020 appCpu only: every point in exactly one row.
        List<SourceRecord> rows = all(read(users(), data(), null, true));
        Struct c1030 = (Struct) rows.get(15).value();
        assertThat(c1030.getFloat64("aBit")).isEqualTo(1030.5);
        assertThat(c1030.getFloat64("appCpu")).isNull();
        assertThat(((Struct) rows.get(14).value()).getFloat64("appCpu")).isEqualTo(1020.5);
    }

    @Test
    void resumingAfterAnySnapshotOfAnUnchangedPageEmitsExactlyTheRest() {
        List<SourceRecord> first = all(read(users(), data(), null, true));
        List<String> ids = first.stream().map(PageRecordsTest::identity).toList();
        for (int k = 0; k < first.size() - 1; k++) {
            List<SourceRecord> rest = all(read(users(), data(), committed(first.get(k)), true));
            assertThat(rest.stream().map(PageRecordsTest::identity).toList()).as("after record %d", k)
                    .isEqualTo(ids.subList(k + 1, ids.size()));
            for (int j = 0; j < rest.size(); j++) {
                assertThat(rest.get(j).value()).isEqualTo(first.get(k + 1 + j).value());
                assertThat(rest.get(j).sourceOffset()).isEqualTo(first.get(k + 1 + j).sourceOffset());
            }
        }
    }

    @Test
    void aShapeChangedInsideAPageEmitsTheStoppedDirectionAgainAndLosesNothing() {
        List<SourceRecord> samples = all(read(users(), data(), null, false));
        // Stopped inside a's downlink from b (a sample); resumed as snapshots: that direction whole, then the rest.
        SourceRecord cut = samples.stream().filter(r -> identity(r).equals("a b aBit 1010")).findFirst()
                .orElseThrow();
        assertThat(all(read(users(), data(), committed(cut), true)).stream().map(PageRecordsTest::identity).toList())
                .containsExactly("a b snapshot 1010", "a b snapshot 1020", "b null snapshot 1005",
                        "b null snapshot 1015", "b null snapshot 1025", "c null snapshot 1020",
                        "c null snapshot 1030", "c null snapshot 1040", "c null snapshot 1060");
        // And back: stopped at a snapshot, resumed as samples: that direction's samples whole, then the rest.
        List<SourceRecord> rows = all(read(users(), data(), null, true));
        SourceRecord row = rows.stream().filter(r -> identity(r).equals("b null snapshot 1015")).findFirst()
                .orElseThrow();
        assertThat(all(read(users(), data(), committed(row), false)).stream().map(PageRecordsTest::identity)
                .toList()).startsWith("b null aBit 1005").hasSize(3 + 4);
    }

    @Test
    void aSampleSentTwiceIsOneRecord() {
        // Two series with one key (merged), and a time repeated within a series: each identity once, first sent.
        List<QualitySeries> data = List.of(series("a", "", "aBit", 1004, 1002), series("a", null, "aBit", 1002, 1006),
                series("a", "", "appCpu", 1003, 1003));
        List<SourceRecord> records = all(read(List.of(user("a", 900, 2000, false)), data, null));
        assertThat(records.stream().map(PageRecordsTest::identity).toList()).containsExactly("a null aBit 1002",
                "a null aBit 1004", "a null aBit 1006", "a null appCpu 1003");
        assertThat(records).extracting(r -> ((Struct) r.value()).getFloat64("value"))
                .containsExactly(1002.5, 1004.5, 1006.5, 1003.5);
    }

    /** The offset's {@code done} when {@code users} were delivered, each with one stay that began at 1000. */
    private static String done(String... users) {
        StringBuilder b = new StringBuilder("{");
        for (String u : users) {
            b.append(b.length() > 1 ? "," : "").append('"').append(u).append("\":[1000]");
        }
        return b.append('}').toString();
    }

    @Test
    void aUserListedAgainOnALaterPageIsSkippedThereAndTheWindowsPagesAreReadAgain() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, null);
        List<CallUser> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(user("u" + i, 1000, 2000, false));
        }
        w.learnPageCount(0, listing(8, 6));
        assertThat(w.lastPage()).isEqualTo(1);
        describe(new PageRecords(CALL, PARTITION, w, 0, answer(8, six, List.of()), BUILDER));
        CallDetailResponse second = answer(8, List.of(user("u5", 1000, 2000, false), user("u6", 1000, 2000, false)),
                List.of(series("u5", "", "aBit", 1002), series("u6", "", "aBit", 1002)));
        List<String> records = describe(new PageRecords(CALL, PARTITION, w, 1, second, BUILDER));
        // u5 on pages 0 and 1: the order shifted between them, so the user now at u5's old place may be missed.
        assertThat(records).containsExactly("u6 JOINED 1000 @1000-1010 p1 e=u6/1000/JOINED",
                "u6 null aBit 1002 @1000-1010 p0 pass 2 done " + done("u0", "u1", "u2", "u3", "u4", "u5", "u6"));
        assertThat(w.pass()).isEqualTo(2);

        List<CallUser> shifted = new ArrayList<>(six.subList(1, 6));
        shifted.add(user("u7", 1000, 2000, false));
        w.learnPageCount(0, listing(8, 6));
        List<String> again = describe(new PageRecords(CALL, PARTITION, w, 0, answer(8, shifted,
                List.of(series("u1", "", "aBit", 1002), series("u7", "", "aBit", 1002))), BUILDER));
        assertThat(again).as("only the user not delivered yet").containsExactly(
                "u7 JOINED 1000 @1000-1010 p0 pass 2 done " + done("u0", "u1", "u2", "u3", "u4", "u5", "u6")
                        + " e=u7/1000/JOINED",
                "u7 null aBit 1002 @1000-1010 p1 pass 2 done "
                        + done("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7"));
        PageRecords last = new PageRecords(CALL, PARTITION, w, 1, answer(8, List.of(user("u0", 1000, 2000, false),
                user("u6", 1000, 2000, false)), List.of(series("u6", "", "aBit", 1002))), BUILDER);
        assertThat(describe(last)).as("nothing new on the second pass's last page").isEmpty();
        assertThat(last.lastPage()).as("the second pass saw no shift: the window is complete").isTrue();
    }

    @Test
    void aWrongTotalCannotMakeTheReaderPageForever() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, null);
        List<CallUser> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(user("u" + i, 1000, 2000, false));
        }
        w.learnPageCount(0, listing(1_000_000, 6));
        new PageRecords(CALL, PARTITION, w, 0, answer(1_000_000, six, List.of()), BUILDER);
        PageRecords repeat = new PageRecords(CALL, PARTITION, w, 1, answer(1_000_000, six, List.of()), BUILDER);
        assertThat(repeat.lastPage()).as("a page of users all seen before ends the window").isTrue();
        assertThat(w.lastPage()).as("no page after it is requested").isEqualTo(1);

        WindowRead shortPage = new WindowRead(new Window(1000, 1010), false, 0, null);
        shortPage.learnPageCount(0, listing(50, 6));
        new PageRecords(CALL, PARTITION, shortPage, 0, answer(50, six, List.of()), BUILDER);
        PageRecords page1 = new PageRecords(CALL, PARTITION, shortPage, 1,
                answer(50, List.of(user("x", 1000, 2000, false)), List.of()), BUILDER);
        assertThat(page1.lastPage()).isTrue();
    }

    @Test
    void theLastRecordOfANonFinalPagePointsAtTheNextPage() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, null);
        List<CallUser> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(user("u" + i, 900, 2000, false));
        }
        w.learnPageCount(0, listing(7, 6));
        List<String> records = describe(new PageRecords(CALL, PARTITION, w, 0,
                answer(7, six, List.of(series("u0", "", "aBit", 1000))), BUILDER));
        assertThat(records).containsExactly("u0 null aBit 1000 @1000-1010 p1");
    }
}
