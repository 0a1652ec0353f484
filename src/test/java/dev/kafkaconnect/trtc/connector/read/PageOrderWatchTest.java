package dev.kafkaconnect.trtc.connector.read;

import static dev.kafkaconnect.trtc.connector.read.PageRecordsTest.answer;
import static dev.kafkaconnect.trtc.connector.read.PageRecordsTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallUser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageOrderWatchTest {
    private static List<CallUser> users(String... ids) {
        List<CallUser> out = new ArrayList<>();
        for (String id : ids) {
            out.add(user(id, 1000, 2000, false));
        }
        return out;
    }

    @Test
    void aUserOnTwoPagesIsAShift() {
        PageOrderWatch w = new PageOrderWatch();
        assertThat(w.listed(0, answer(8, users("a", "b", "c", "d", "e", "f"), List.of()), true)).isTrue();
        assertThat(w.listed(1, answer(8, users("h", "a"), List.of()), true)).isTrue();
        assertThat(w.shift()).isEqualTo("user a is listed on pages 0 and 1");
    }

    @Test
    void thePageAfterTheLastRepeatingItIsTheEndNotAShift() {
        PageOrderWatch w = new PageOrderWatch();
        w.listed(0, answer(6, users("a", "b", "c", "d", "e", "f"), List.of()), false);
        assertThat(w.listed(1, answer(6, users("a", "b", "c", "d", "e", "f"), List.of()), false))
                .as("nothing new: the pass ends").isFalse();
        assertThat(w.shift()).isNull();
    }

    @Test
    void aTotalThatChangesBetweenPagesIsAShiftOnlyWhenItCountsTheCall() {
        PageOrderWatch counted = new PageOrderWatch();
        counted.listed(0, answer(12, users("a", "b", "c", "d", "e", "f"), List.of()), true);
        counted.listed(1, answer(13, users("g", "h", "i", "j", "k", "l"), List.of()), true);
        assertThat(counted.shift()).isEqualTo("Total changed from 12 to 13 at page 1");

        PageOrderWatch perPage = new PageOrderWatch();
        perPage.listed(0, answer(6, users("a", "b", "c", "d", "e", "f"), List.of()), false);
        perPage.listed(1, answer(2, users("g", "h"), List.of()), false);
        assertThat(perPage.shift()).as("a Total counting the page differs on a short page").isNull();
    }

    @Test
    void aUserListedOncePerStayOnOnePageIsNoShift() {
        PageOrderWatch w = new PageOrderWatch();
        List<CallUser> twice = new ArrayList<>(users("a", "b"));
        twice.add(user("a", 3000, 4000, false));
        assertThat(w.listed(0, answer(3, twice, List.of()), true)).isTrue();
        assertThat(w.shift()).isNull();
    }
}
