package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.records.ClientIpMode;
import dev.kafkaconnect.trtc.records.ClientIpPolicy;
import dev.kafkaconnect.trtc.records.SampleRecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class PageRecordsTest {
    static final CommId CALL = CommId.parse("1400188366_218695_1000");
    static final Map<String, Object> PARTITION = OffsetCodec.partition(1400188366L, CALL.value());
    static final SampleRecordBuilder BUILDER = new SampleRecordBuilder(1400188366L, "q", "p",
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
            Struct v = (Struct) r.value();
            String what = v.schema().field("event") != null
                    ? v.getString("userId") + " " + v.getString("event")
                    : v.getString("userId") + " " + v.getString("peerId") + " " + v.getString("metric") + " "
                    + ((java.util.Date) v.get("time")).getTime() / 1000;
            out.add(what + " @" + r.sourceOffset());
        }
        return out;
    }

    static CallDetailResponse answer(int total, List<CallUser> users, List<QualitySeries> data) {
        return new CallDetailResponse(total, users, true, data, "r");
    }

    @Test
    void recordsComeInCanonicalOrderWithinTheHalfOpenWindow() {
        WindowRead w = new WindowRead(new Window(1000, 1010), true, 0, 0);
        w.learnPageCount(0, 2, 2);
        CallDetailResponse r = answer(2, List.of(user("b", 1004, 1020, false), user("a", 900, 1008, true)),
                List.of(series("b", "", "aBit", 1004, 1006),
                        series("a", "b", "aBit", 1006, 1004),
                        series("a", null, "appCpu", 998, 1000, 1010),
                        series("a", "", "aBit", 1000, 1002)));
        List<String> records = describe(new PageRecords(CALL, PARTITION, w, 0, r, BUILDER));
        assertThat(records).containsExactly(
                "a JOINED @{v=1, cursor=1000, windowEnd=1010, page=0, skip=1, first=true}",
                "a LEFT @{v=1, cursor=1000, windowEnd=1010, page=0, skip=2, first=true}",
                "b JOINED @{v=1, cursor=1000, windowEnd=1010, page=0, skip=3, first=true}",
                "a null aBit 1000 @{v=1, cursor=1000, windowEnd=1010, page=0, skip=4, first=true}",
                "a null aBit 1002 @{v=1, cursor=1000, windowEnd=1010, page=0, skip=5, first=true}",
                "a null appCpu 1000 @{v=1, cursor=1000, windowEnd=1010, page=0, skip=6, first=true}",
                "a b aBit 1004 @{v=1, cursor=1000, windowEnd=1010, page=0, skip=7, first=true}",
                "a b aBit 1006 @{v=1, cursor=1000, windowEnd=1010, page=0, skip=8, first=true}",
                "b null aBit 1004 @{v=1, cursor=1000, windowEnd=1010, page=0, skip=9, first=true}",
                "b null aBit 1006 @{v=1, cursor=1010, windowEnd=null, page=0, skip=0}");
    }

    @Test
    void usersWhoJoinedBeforeALaterWindowAreNotAnnouncedAgain() {
        WindowRead w = new WindowRead(new Window(1010, 1020), false, 0, 0);
        w.learnPageCount(0, 1, 1);
        CallDetailResponse r = answer(1, List.of(user("a", 900, 1015, true)), List.of());
        assertThat(describe(new PageRecords(CALL, PARTITION, w, 0, r, BUILDER)))
                .containsExactly("a LEFT @{v=1, cursor=1020, windowEnd=null, page=0, skip=0}");
    }

    @Test
    void skippingResumesExactlyAfterTheSkippedRecords() {
        List<QualitySeries> data = List.of(series("a", "", "aBit", 1000, 1002, 1004), series("b", "", "aBit", 1001));
        List<CallUser> users = List.of(user("a", 1000, 2000, false), user("b", 1001, 2000, false));
        WindowRead full = new WindowRead(new Window(1000, 1010), false, 0, 0);
        full.learnPageCount(0, 2, 2);
        List<String> all = describe(new PageRecords(CALL, PARTITION, full, 0, answer(2, users, data), BUILDER));
        for (int k = 0; k <= all.size(); k++) {
            WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, k);
            w.learnPageCount(0, 2, 2);
            PageRecords page = new PageRecords(CALL, PARTITION, w, 0, answer(2, users, data), BUILDER);
            assertThat(page.skip(k)).isZero();
            assertThat(describe(page)).isEqualTo(all.subList(k, all.size()));
        }
    }

    @Test
    void aUserListedAgainOnALaterPageIsSkippedThere() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, 0);
        List<CallUser> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(user("u" + i, 1000, 2000, false));
        }
        w.learnPageCount(0, 8, 6);
        assertThat(w.lastPage).isEqualTo(1);
        describe(new PageRecords(CALL, PARTITION, w, 0, answer(8, six, List.of()), BUILDER));
        CallDetailResponse second = answer(8, List.of(user("u5", 1000, 2000, false), user("u6", 1000, 2000, false)),
                List.of(series("u5", "", "aBit", 1002), series("u6", "", "aBit", 1002)));
        List<String> records = describe(new PageRecords(CALL, PARTITION, w, 1, second, BUILDER));
        assertThat(records).containsExactly("u6 JOINED @{v=1, cursor=1000, windowEnd=1010, page=1, skip=1}",
                "u6 null aBit 1002 @{v=1, cursor=1010, windowEnd=null, page=0, skip=0}");
    }

    @Test
    void aWrongTotalCannotMakeTheReaderPageForever() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, 0);
        List<CallUser> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(user("u" + i, 1000, 2000, false));
        }
        w.learnPageCount(0, 1_000_000, 6);
        new PageRecords(CALL, PARTITION, w, 0, answer(1_000_000, six, List.of()), BUILDER);
        PageRecords repeat = new PageRecords(CALL, PARTITION, w, 1, answer(1_000_000, six, List.of()), BUILDER);
        assertThat(repeat.lastPage()).as("a page of users all seen before ends the window").isTrue();
        assertThat(w.lastPage).as("no page after it is requested").isEqualTo(1);

        WindowRead shortPage = new WindowRead(new Window(1000, 1010), false, 0, 0);
        shortPage.learnPageCount(0, 50, 6);
        new PageRecords(CALL, PARTITION, shortPage, 0, answer(50, six, List.of()), BUILDER);
        PageRecords page1 = new PageRecords(CALL, PARTITION, shortPage, 1,
                answer(50, List.of(user("x", 1000, 2000, false)), List.of()), BUILDER);
        assertThat(page1.lastPage()).isTrue();
    }

    @Test
    void theLastRecordOfANonFinalPagePointsAtTheNextPage() {
        WindowRead w = new WindowRead(new Window(1000, 1010), false, 0, 0);
        List<CallUser> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(user("u" + i, 900, 2000, false));
        }
        w.learnPageCount(0, 7, 6);
        List<String> records = describe(new PageRecords(CALL, PARTITION, w, 0,
                answer(7, six, List.of(series("u0", "", "aBit", 1000))), BUILDER));
        assertThat(records).containsExactly("u0 null aBit 1000 @{v=1, cursor=1000, windowEnd=1010, page=1, skip=0}");
    }
}
