package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.commId;
import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/**
 * A window's pages read again (the user order shifted between them) meeting other events of the read path: an
 * answer too large for the client, a restart, the page being emitted.
 */
class RereadInterplayTest {
    static final long T0 = 1_790_000_000L;
    static final String CALL = commId("218695", T0);

    static User[] users(int n) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(new User(String.format("u%02d", i), T0, T0 + 3000));
        }
        return users.toArray(User[]::new);
    }

    /** The first request for page 1 of the call's first window lists user u06 first: it falls between the pages. */
    static void shiftOnceBetweenPagesOfTheFirstWindow(FakeTrtcApi api) {
        AtomicInteger pageOnes = new AtomicInteger();
        api.order = (r, listed) -> {
            if (r.startTime() != T0 - 1 || r.pageNumber() != 1 || r.pageSize() != 6
                    || pageOnes.incrementAndGet() != 1) {
                return listed;
            }
            List<User> shifted = new ArrayList<>(listed);
            User moved = shifted.remove(6);
            shifted.add(0, moved);
            return shifted;
        };
    }

    /** The users of the truth's samples that were not delivered, and how many of theirs. */
    static Map<String, Long> missing(java.util.Set<String> truth, List<String> delivered) {
        java.util.Set<String> lost = new java.util.TreeSet<>(truth);
        delivered.forEach(lost::remove);
        return lost.stream().collect(java.util.stream.Collectors.groupingBy(k -> k.substring(0, k.indexOf('|')),
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    @Test
    void anAnswerTooLargeInAReadingAgainWhileThePreviousReadingsLastPageIsEmittedReadsThePagesFromTheStart() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users(12));
        shiftOnceBetweenPagesOfTheFirstWindow(api);
        // The second reading's first page (six users a page) is too large for the client.
        AtomicInteger pageZeros = new AtomicInteger();
        api.failOnce(r -> r.startTime() == T0 - 1 && r.pageNumber() == 0 && r.pageSize() == 6
                && pageZeros.incrementAndGet() == 2 ? FakeTrtcApi.error(ErrorKind.ANSWER_TOO_LARGE, null) : null);
        Map<String, String> p = props(List.of(CALL));
        // Few records a poll: the first reading's last page is still being emitted when the failure comes.
        p.put(TrtcSourceConfig.BATCH_MAX_RECORDS, "5");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            h.pollUntil(h::allCallsDone, 20_000, "call finished");

            assertThat(h.task.counters().windowsReread).as("the shift was seen").hasValueGreaterThanOrEqualTo(1);
            assertThat(api.requests).as("a page of fewer users was asked for")
                    .anyMatch(r -> r.pageSize() == 3 && r.startTime() == T0 - 1);
            List<String> samples = h.samples(CALL);
            assertThat(samples).as("no sample twice").doesNotHaveDuplicates();
            assertThat(missing(api.truth(CALL, T0, Long.MAX_VALUE), samples)).as("samples not delivered")
                    .isEmpty();
            assertThat(new HashSet<>(samples)).as("every sample, nothing else")
                    .isEqualTo(api.truth(CALL, T0, Long.MAX_VALUE));
            assertThat(h.participants(CALL)).as("each user joins and leaves once").hasSize(24)
                    .doesNotHaveDuplicates();
        }
    }
}
