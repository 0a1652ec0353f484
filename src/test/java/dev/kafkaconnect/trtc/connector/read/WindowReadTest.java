package dev.kafkaconnect.trtc.connector.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.connector.service.TotalReading;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a window's pages end, for both readings of a call-detail answer's {@code Total}. */
class WindowReadTest {
    private static final Window W = new Window(1000, 4600);

    private static CallDetailResponse page(int total, String prefix, int users) {
        List<CallUser> listed = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            listed.add(new CallUser("room", prefix + i, 1000, 2000, true, "Android", "1", "10.0.0.1"));
        }
        return new CallDetailResponse(total, listed, true, List.of(), "r");
    }

    @Test
    void aShortPageIsTheLastWhateverTotalSays() {
        TotalReading totals = new TotalReading();
        WindowRead w = new WindowRead(W, false, 0, null, totals);
        w.nextFetch();
        w.learnPageCount(0, page(40, "u", 5));
        assertThat(w.lastPage()).isZero();
        assertThat(w.hasPageToRequest()).isFalse();
        assertThat(totals.reading()).isEqualTo(TotalReading.Reading.UNKNOWN);
    }

    @Test
    void aTotalBeyondTheFullPageProvesItCountsTheCallAndIsTrustedFromThen() {
        TotalReading totals = new TotalReading();
        WindowRead w = new WindowRead(W, false, 0, null, totals);
        w.learnPageCount(0, page(13, "u", 6));
        assertThat(w.lastPage()).as("ceil(13/6) pages").isEqualTo(2);
        assertThat(totals.reading()).isEqualTo(TotalReading.Reading.CALL_USERS);

        WindowRead six = new WindowRead(W, false, 0, null, totals);
        six.learnPageCount(0, page(6, "u", 6));
        assertThat(six.lastPage()).as("no page after a full page Total calls the last, once Total is known")
                .isZero();
        assertThat(six.probePage()).isEqualTo(-1);
    }

    @Test
    void untilTotalIsUnderstoodAFullLastPageIsFollowedByOneMoreWhichHoldsThePageBack() {
        TotalReading totals = new TotalReading();
        WindowRead w = new WindowRead(W, false, 0, null, totals);
        w.nextFetch();
        w.learnPageCount(0, page(6, "u", 6));
        assertThat(w.lastPage()).as("not known yet").isEqualTo(-1);
        assertThat(w.probePage()).isEqualTo(1);
        assertThat(w.hasPageToRequest()).isTrue();
        assertThat(w.pageCountKnownFor(0)).as("page 0 waits: it may be the last").isFalse();

        w.nextFetch();
        w.learnPageCount(1, page(6, "x", 0));
        assertThat(w.lastPage()).isZero();
        assertThat(w.pageCountKnownFor(0)).isTrue();
        assertThat(w.isLastPage(0)).isTrue();
        assertThat(totals.reading()).as("an empty page after 6 users fits both readings")
                .isEqualTo(TotalReading.Reading.UNKNOWN);
    }

    @Test
    void newUsersAfterThePageTotalCalledTheLastProveTotalCountsOnePage() {
        TotalReading totals = new TotalReading();
        WindowRead w = new WindowRead(W, false, 0, null, totals);
        w.nextFetch();
        w.learnPageCount(0, page(6, "a", 6));
        w.nextFetch();
        w.learnPageCount(1, page(6, "b", 6));
        assertThat(totals.reading()).isEqualTo(TotalReading.Reading.PAGE_USERS);
        assertThat(w.lastPage()).isEqualTo(-1);
        assertThat(w.probePage()).as("full again: one more").isEqualTo(2);
        assertThat(w.pageCountKnownFor(0)).as("page 0 is not the last").isTrue();
        assertThat(w.isLastPage(0)).isFalse();
        assertThat(w.pageCountKnownFor(1)).isFalse();

        w.nextFetch();
        w.learnPageCount(2, page(3, "c", 3));
        assertThat(w.lastPage()).isEqualTo(2);
        assertThat(w.isLastPage(1)).isFalse();
        assertThat(w.isLastPage(2)).isTrue();

        WindowRead next = new WindowRead(W, false, 0, null, totals);
        next.learnPageCount(0, page(6, "a", 6));
        assertThat(next.probePage()).as("a page-count Total is never trusted again").isEqualTo(1);
    }

    @Test
    void aProbeThatListsThePreviousPageAgainOrIsRefusedEndsTheWindowThere() {
        WindowRead clamped = new WindowRead(W, false, 0, null, new TotalReading());
        clamped.learnPageCount(0, page(6, "u", 6));
        clamped.learnPageCount(1, page(6, "u", 6));
        assertThat(clamped.lastPage()).as("a server that answers the last page again").isZero();

        WindowRead refused = new WindowRead(W, false, 0, null, new TotalReading());
        refused.learnPageCount(0, page(6, "u", 6));
        assertThat(refused.probeRefused(2)).as("only the probe").isFalse();
        assertThat(refused.probeRefused(1)).isTrue();
        assertThat(refused.lastPage()).isZero();
        assertThat(refused.probeRefused(1)).as("once").isFalse();
    }

    @Test
    void aResumedWindowLearnsFromThePageItResumesAt() {
        WindowRead w = new WindowRead(W, false, 2, null, new TotalReading(TotalReading.Reading.CALL_USERS));
        w.learnPageCount(2, page(20, "u", 6));
        assertThat(w.lastPage()).isEqualTo(3);
    }

    @Test
    void aUserListedOncePerStayAcrossTwoPagesHasBothStaysAndKeepsTheWindowOpen() {
        WindowRead w = new WindowRead(W, false, 0, null, new TotalReading(TotalReading.Reading.CALL_USERS));
        List<CallUser> first = new ArrayList<>(page(7, "u", 5).userList());
        first.add(new CallUser("room", "again", 1000, 1500, true, "Android", "1", "10.0.0.1"));
        w.learnPageCount(0, new CallDetailResponse(7, first, true, List.of(), "r"));
        WindowRead.Admission page0 = w.admit(0, new CallDetailResponse(7, first, true, List.of(), "r"));
        assertThat(page0.fresh()).hasSize(6);
        CallUser open = new CallUser("room", "again", 1800, 4600, false, "Android", "1", "10.0.0.1");
        WindowRead.Admission page1 = w.admit(1, new CallDetailResponse(7, List.of(open), true, List.of(), "r"));
        assertThat(page1.fresh()).as("the second stay is the page's").containsExactly(open);
        assertThat(page1.listedEarlier()).as("its samples came with the first page").contains("again");
        assertThat(w.allFinished()).as("a stay still open").isFalse();
    }

    @Test
    void pagesTooLargeShrinkByAboutHalfKeepingAResumedWindowsFirstPageOnABoundary() {
        assertThat(WindowRead.smallerPageSize(6, 0)).isEqualTo(3);
        assertThat(WindowRead.smallerPageSize(3, 0)).isEqualTo(2);
        assertThat(WindowRead.smallerPageSize(2, 0)).isEqualTo(1);
        assertThat(WindowRead.smallerPageSize(6, 1)).as("users 0-5 delivered before a restart: 3 per page").isEqualTo(3);
        assertThat(WindowRead.smallerPageSize(3, 1)).as("users 0-2 delivered: no page of 2 starts at user 3")
                .isEqualTo(1);
        assertThat(WindowRead.smallerPageSize(3, 2)).isEqualTo(2);
    }

    @Test
    void aPassWithSmallerPagesStartsAtThePageHoldingTheFirstUserNotEmitted() {
        WindowRead w = new WindowRead(W, false, 0, null, new TotalReading(TotalReading.Reading.CALL_USERS));
        w.nextFetch();
        w.readWithSmallerPages(0);
        assertThat(w.pageSize()).isEqualTo(3);
        assertThat(w.pass()).isEqualTo(2);
        assertThat(w.hasPageToRequest()).isTrue();
        assertThat(w.nextFetch().page()).isZero();
        w.readWithSmallerPages(1);
        assertThat(w.pageSize()).as("3 users a page, then 2").isEqualTo(2);
        assertThat(w.nextFetch().page()).as("users 3-5 not emitted: page 1 of two users (2-3; 2 was delivered)")
                .isEqualTo(1);
    }

    private static List<CallUser> named(String... ids) {
        List<CallUser> out = new ArrayList<>();
        for (String id : ids) {
            out.add(PageRecordsTest.user(id, 1000, 5000, false));
        }
        return out;
    }

    @Test
    void aReadingAgainResumedAtALaterPageReadsThePagesFromTheFirstWhenTheOrderShiftsOnceMore() {
        java.util.Map<String, java.util.Set<Long>> done = new java.util.HashMap<>();
        for (String u : List.of("a", "b", "c", "d", "e", "f")) {
            done.put(u, java.util.Set.of(1000L));
        }
        dev.kafkaconnect.trtc.connector.offsets.CallPosition resume = dev.kafkaconnect.trtc.connector.offsets
                .CallPosition.page(W.start(), W.end(), 1, false, 2, done, 6);
        WindowRead w = new WindowRead(W, false, 1, resume, new TotalReading(TotalReading.Reading.CALL_USERS));
        assertThat(w.nextFetch().page()).isEqualTo(1);
        w.learnPageCount(1, PageRecordsTest.answer(18, named("g", "h", "i", "j", "k", "l"), List.of()));
        w.admit(1, PageRecordsTest.answer(18, named("g", "h", "i", "j", "k", "l"), List.of()));
        w.nextFetch();
        WindowRead.Admission last = w.admit(2, PageRecordsTest.answer(18, named("l", "m", "n", "o", "p", "q"),
                List.of()));
        assertThat(last.lastPage()).as("l on pages 1 and 2: read again").isFalse();
        assertThat(w.pass()).isEqualTo(3);
        assertThat(w.nextFetch().page()).as("the offset named everyone delivered: from page 0, where a user may "
                + "have moved").isZero();
        assertThat(w.sawAllUsers()).isTrue();
    }

    @Test
    void aReadingAgainResumedFromAnOffsetThatListsNobodyListedNoUser() {
        dev.kafkaconnect.trtc.connector.offsets.CallPosition resume = dev.kafkaconnect.trtc.connector.offsets
                .CallPosition.page(W.start(), W.end(), 0, false, 2, java.util.Map.of("a", java.util.Set.of(900L)), 6);
        WindowRead w = new WindowRead(W, false, 0, resume, new TotalReading(TotalReading.Reading.CALL_USERS));
        w.nextFetch();
        w.learnPageCount(0, PageRecordsTest.answer(0, List.of(), List.of()));
        assertThat(w.admit(0, PageRecordsTest.answer(0, List.of(), List.of())).lastPage()).isTrue();
        assertThat(w.listedNoUser()).as("users delivered before the restart are not listed by this answer")
                .isTrue();
    }
}
