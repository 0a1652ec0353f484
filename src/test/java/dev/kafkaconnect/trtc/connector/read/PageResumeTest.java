package dev.kafkaconnect.trtc.connector.read;

import static dev.kafkaconnect.trtc.connector.read.PageRecordsTest.answer;
import static dev.kafkaconnect.trtc.connector.read.PageRecordsTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.SampleId;
import dev.kafkaconnect.trtc.connector.offsets.SeriesKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageResumeTest {
    /** Inside page 2 of three users (positions 6..8), after a sample of u07. */
    static final CallPosition INSIDE = CallPosition.page(1000, 1100, 2, false, 1, Map.of(), 3)
            .after(null, new SampleId(new SeriesKey("u07", null, "aBit"), 1010));

    static List<CallUser> users(String... ids) {
        return java.util.Arrays.stream(ids).map(id -> user(id, 1000, 1050, true)).toList();
    }

    @Test
    void aPageOfTheSameRangeIsResumedForAllItsUsers() {
        PageResume resume = new PageResume(INSIDE, 2, 3);
        PageResume.Scope scope = resume.scope(2, 3, answer(9, users("u06", "u07", "u08"), List.of()));
        assertThat(scope.users()).isNull();
        assertThat(scope.withinRange()).isTrue();
        assertThat(scope.wholeRange()).isTrue();
        assertThat(resume.covers(2, 3)).isTrue();
    }

    @Test
    void smallerPagesStraddlingTheRangeAreResumedOnlyForTheUsersInsideIt() {
        PageResume resume = new PageResume(INSIDE, 2, 3);
        // Pages of two: page 3 lists positions 6 and 7, page 4 positions 8 (inside) and 9 (the next page's).
        PageResume.Scope inside = resume.scope(3, 2, answer(12, users("u06", "u07"), List.of()));
        assertThat(inside.users()).isNull();
        assertThat(inside.withinRange()).isTrue();
        assertThat(inside.wholeRange()).isFalse();
        PageResume.Scope straddling = resume.scope(4, 2, answer(12, users("u08", "u00"), List.of()));
        assertThat(straddling.applies("u08")).isTrue();
        assertThat(straddling.applies("u00")).as("listed after the resumed page: never delivered").isFalse();
        assertThat(straddling.withinRange()).isFalse();
        assertThat(resume.covers(3, 2)).isTrue();
        assertThat(resume.covers(4, 2)).as("a restart at page 4's start must not skip u00's records").isFalse();
        assertThat(resume.scope(5, 2, answer(12, users("u01", "u02"), List.of()))).isNull();
        assertThat(resume.scope(2, 2, answer(12, users("u04", "u05"), List.of()))).isNull();
    }

    @Test
    void aPositionByCountAppliesOnlyToTheSamePageReadWithTheSameSize() {
        CallPosition byCount = new CallPosition(1000, 1100, 1, 5, false, false);
        PageResume resume = new PageResume(byCount, 1, 6);
        assertThat(resume.scope(1, 6, answer(12, users("a"), List.of()))).isNotNull();
        assertThat(resume.scope(2, 3, answer(12, users("a"), List.of()))).isNull();
        assertThat(resume.covers(2, 3)).isFalse();
    }

    @Test
    void aStraddlingPageEmitsEveryRecordOfItsUsersAfterTheResumedPage() {
        PageResume resume = new PageResume(INSIDE, 2, 3);
        List<CallUser> listed = users("u08", "u00");
        var answer = answer(12, listed, List.of(PageRecordsTest.series("u08", "", "aBit", 1005, 1015),
                PageRecordsTest.series("u00", "", "aBit", 1005, 1015)));
        PageResume.Scope scope = resume.scope(4, 2, answer);
        Window w = new Window(1000, 1100);
        PageRecords page = new PageRecords(PageRecordsTest.CALL, PageRecordsTest.PARTITION, w, w.start(), 4,
                new WindowRead.Admission(listed, java.util.Set.of(), true,
                        CallPosition.page(1000, 1100, 4, false, 2, Map.of(), 2), null),
                answer, PageRecordsTest.BUILDER, null, scope);
        List<String> records = PageRecordsTest.describe(page).stream().map(PageRecordsTest::withoutOffset).toList();
        // u08 sorts after the resumed sample of u07, u00 before it: both are emitted whole.
        assertThat(records).filteredOn(r -> r.startsWith("u00") || r.startsWith("u08"))
                .hasSize(4 + 4);
    }
}
