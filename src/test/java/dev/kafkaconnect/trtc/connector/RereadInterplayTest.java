package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.commId;
import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.read.CallReader;
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

    /**
     * The records of every task life of the 12-user call, together: each sample and participant record of the
     * service's truth once.
     */
    static void assertExactAcrossRestarts(List<org.apache.kafka.connect.source.SourceRecord> all, FakeTrtcApi api) {
        List<String> samples = all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList();
        assertThat(missing(api.truth(CALL, T0, Long.MAX_VALUE), samples)).as("samples lost").isEmpty();
        assertThat(samples.stream().filter(k -> java.util.Collections.frequency(samples, k) > 1)
                .map(k -> k.substring(0, k.indexOf('|'))).distinct().sorted().toList())
                .as("users with samples repeated across the restarts").isEmpty();
        List<String> participants = all.stream().filter(TaskHarness::isParticipant)
                .map(r -> ((org.apache.kafka.connect.data.Struct) r.value()).getString("userId") + "|"
                        + ((org.apache.kafka.connect.data.Struct) r.value()).getString("event")).toList();
        assertThat(participants).as("each user joins and leaves once").hasSize(24).doesNotHaveDuplicates();
    }

    /** The records of a first task up to the first that {@code stopAt} matches, as a crash right after it. */
    static List<org.apache.kafka.connect.source.SourceRecord> deliveredUntil(TaskHarness h,
            java.util.function.Predicate<org.apache.kafka.connect.source.SourceRecord> stopAt) {
        List<org.apache.kafka.connect.source.SourceRecord> delivered = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            for (org.apache.kafka.connect.source.SourceRecord r : h.pollOnce()) {
                delivered.add(r);
                if (stopAt.test(r)) {
                    return delivered;
                }
            }
        }
        throw new AssertionError("never reached");
    }

    @Test
    void aPageResumedInsideThatIsTooLargeForTheClientRepeatsNothingOfItWhenReadInSmallerPages() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users(12));
        List<org.apache.kafka.connect.source.SourceRecord> delivered;
        try (TaskHarness first = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            // Stop inside page 1 of the first window, among the samples of its fifth user.
            delivered = deliveredUntil(first, r -> Integer.valueOf(1).equals(r.sourceOffset().get("page"))
                    && "u10".equals(r.sourceOffset().get("sampleUser")));
        }
        Map<String, Object> offset = new java.util.HashMap<>(delivered.get(delivered.size() - 1).sourceOffset());
        assertThat(offset).containsEntry("cursor", T0).containsEntry("page", 1);

        // After the restart, the page of six users is too large for the client: it is read as two pages of three.
        api = new FakeTrtcApi(clock).call(CALL, users(12));
        api.failOnce(r -> r.startTime() == T0 - 1 && r.pageNumber() == 1 && r.pageSize() == 6
                ? FakeTrtcApi.error(ErrorKind.ANSWER_TOO_LARGE, null) : null);
        TaskHarness second = new TaskHarness(clock, api);
        second.context.committed.put(TrtcSourceTaskTest.cast(delivered.get(0).sourcePartition()), offset);
        try (second) {
            second.start(props(List.of(CALL)));
            second.pollUntil(second::allCallsDone, 2_000, "call finished");
        }
        assertThat(api.requests).as("pages of three users were asked for")
                .anyMatch(r -> r.pageSize() == 3 && r.startTime() == T0 - 1);
        List<org.apache.kafka.connect.source.SourceRecord> all = new ArrayList<>(delivered);
        all.addAll(second.records);
        assertExactAcrossRestarts(all, api);
    }

    /**
     * The service lists the users in reverse id order, so the smaller pages of a resumed page are not in record
     * order: a second restart between two of them must still resume after the first restart's records.
     */
    @Test
    void aRestartBetweenTheSmallerPagesOfAResumedPageStillResumesAfterTheRecordsDeliveredBeforeTheFirst() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        java.util.function.Supplier<FakeTrtcApi> service = () -> {
            FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users(12));
            api.order = (r, listed) -> {
                List<User> reversed = new ArrayList<>(listed);
                java.util.Collections.reverse(reversed);
                return reversed;
            };
            return api;
        };
        FakeTrtcApi api = service.get();
        List<org.apache.kafka.connect.source.SourceRecord> all = new ArrayList<>();
        Map<String, Object> offset;
        try (TaskHarness first = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            // Page 1 lists u05..u00; its records come in id order: stop among u02's samples.
            all.addAll(deliveredUntil(first, r -> Integer.valueOf(1).equals(r.sourceOffset().get("page"))
                    && "u02".equals(r.sourceOffset().get("sampleUser"))));
        }
        offset = new java.util.HashMap<>(all.get(all.size() - 1).sourceOffset());
        Map<String, Object> partition = TrtcSourceTaskTest.cast(all.get(0).sourcePartition());

        // Page 1 is now too large: read as page 2 (u05, u04, u03) and page 3 (u02, u01, u00) of three users.
        api = service.get();
        api.failOnce(r -> r.startTime() == T0 - 1 && r.pageNumber() == 1 && r.pageSize() == 6
                ? FakeTrtcApi.error(ErrorKind.ANSWER_TOO_LARGE, null) : null);
        TaskHarness second = new TaskHarness(clock, api);
        second.context.committed.put(partition, offset);
        List<org.apache.kafka.connect.source.SourceRecord> secondLife;
        try (second) {
            second.start(props(List.of(CALL)));
            // A crash right after page 2's last record, whose offset names page 3.
            secondLife = deliveredUntil(second, r -> Integer.valueOf(3).equals(r.sourceOffset().get("page")));
        }
        all.addAll(secondLife);
        offset = new java.util.HashMap<>(secondLife.get(secondLife.size() - 1).sourceOffset());
        assertThat(offset).as("the start of page 3 still names the records delivered before the first restart")
                .containsEntry("pageSize", 3).containsEntry("sampleUser", "u02");

        api = service.get();
        TaskHarness third = new TaskHarness(clock, api);
        third.context.committed.put(partition, offset);
        try (third) {
            third.start(props(List.of(CALL)));
            third.pollUntil(third::allCallsDone, 2_000, "call finished");
            all.addAll(third.records);
        }
        assertExactAcrossRestarts(all, api);
    }

    /**
     * The user order changes while the task is down: the users of the page it stopped in are listed on the next page
     * after the restart. The offset names them, so their records up to the committed ones are not sent again.
     */
    @Test
    void aRestartInsideAPageWhoseUsersMovedToAnotherPageRepeatsAndLosesNothing() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        List<org.apache.kafka.connect.source.SourceRecord> all = new ArrayList<>();
        try (TaskHarness first = new TaskHarness(clock, new FakeTrtcApi(clock).call(CALL, users(12)))
                .start(props(List.of(CALL)))) {
            // Page 0 lists u00..u05: stop among u02's samples.
            all.addAll(deliveredUntil(first, r -> Integer.valueOf(0).equals(r.sourceOffset().get("page"))
                    && "u02".equals(r.sourceOffset().get("sampleUser"))));
        }
        Map<String, Object> offset = new java.util.HashMap<>(all.get(all.size() - 1).sourceOffset());
        assertThat(offset).as("the page's users are named").containsEntry("v", 5)
                .containsEntry("pageUsers", "[\"u00\",\"u01\",\"u02\",\"u03\",\"u04\",\"u05\"]");

        // Now listed in reverse: page 0 is u11..u06, and the users of the old page 0 are on page 1.
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users(12));
        api.order = (r, listed) -> {
            List<User> reversed = new ArrayList<>(listed);
            java.util.Collections.reverse(reversed);
            return reversed;
        };
        TaskHarness second = new TaskHarness(clock, api);
        second.context.committed.put(TrtcSourceTaskTest.cast(all.get(0).sourcePartition()), offset);
        try (second) {
            second.start(props(List.of(CALL)));
            second.pollUntil(second::allCallsDone, 2_000, "call finished");
            all.addAll(second.records);
        }
        assertExactAcrossRestarts(all, api);
    }

    @Test
    void aRestartInAReadingAgainDoesNotEndTheCallOfAUserDeliveredBeforeTheRestartWhoIsStillIn() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        List<User> users = new ArrayList<>();
        users.add(new User("u00", T0, FakeTrtcApi.LIVE));
        for (int i = 1; i < 12; i++) {
            users.add(new User(String.format("u%02d", i), T0, T0 + 600));
        }
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users.toArray(User[]::new));
        shiftOnceBetweenPagesOfTheFirstWindow(api);
        List<org.apache.kafka.connect.source.SourceRecord> delivered;
        try (TaskHarness first = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            // A crash right after the first reading's last record: the offset names the second reading's start.
            delivered = deliveredUntil(first, r -> r.sourceOffset().containsKey("pass"));
        }
        Map<String, Object> offset = new java.util.HashMap<>(delivered.get(delivered.size() - 1).sourceOffset());
        assertThat(offset).containsEntry("pass", 2).containsEntry("page", 0);
        assertThat((String) offset.get("done")).as("u00 was delivered").contains("u00");

        FakeTrtcApi again = new FakeTrtcApi(clock).call(CALL, users.toArray(User[]::new));
        TaskHarness second = new TaskHarness(clock, again);
        second.context.committed.put(TrtcSourceTaskTest.cast(delivered.get(0).sourcePartition()), offset);
        try (second) {
            second.start(props(List.of(CALL)));
            second.drain(5, 500);
            assertThat(second.callEnds(CALL)).as("u00 is still in the call: it has not ended").isEmpty();
            assertThat(second.task.calls()).extracting(CallReader::state).containsExactly(CallReader.State.READING);
            assertThat(second.samples(CALL)).as("u00's samples after the first window are read")
                    .anyMatch(k -> k.startsWith("u00|") && Long.parseLong(k.substring(k.lastIndexOf('|') + 1))
                            >= T0 + 3599);
        }
    }

    @Test
    void aPageAfterAFullPageThatListsSomeOfItsUsersAgainIsAShiftNotTheEnd() {
        // Total counts the page, so a full page is followed by one more; the user order shifts before it is asked
        // for, and it lists u05 again (of u00-u05 on page 0): u06 fell between the pages.
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users(7));
        api.totalCountsPage = true;
        AtomicInteger pageOnes = new AtomicInteger();
        api.order = (r, listed) -> {
            if (r.startTime() != T0 - 1 || r.pageNumber() != 1 || pageOnes.incrementAndGet() != 1) {
                return listed;
            }
            List<User> shifted = new ArrayList<>(listed);
            shifted.add(0, shifted.remove(6));
            return shifted;
        };
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2_000, "call finished");
            List<String> samples = h.samples(CALL);
            assertThat(missing(api.truth(CALL, T0, Long.MAX_VALUE), samples)).as("samples not delivered")
                    .isEmpty();
            assertThat(samples).as("no sample twice").doesNotHaveDuplicates();
            assertThat(h.participants(CALL)).as("each user joins and leaves once").hasSize(14)
                    .doesNotHaveDuplicates();
            assertThat(h.task.counters().windowsReread).as("the shift was seen").hasValue(1);
        }
    }

    @Test
    void anAnswerOfTheReadingThatEndedIsNotTakenAsAPageOfTheNextWithSmallerPages() {
        // 14 users: pages 0-2 of six (page 2 holds two). Pages 1 and 2 are answered in the same round; page 1 is
        // too large, so the pages are read again with three users a page, and page 2's answer (of the ended
        // reading, two users: a short page) must not say where the new reading's pages end.
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, users(14));
        api.failOnce(r -> r.startTime() == T0 - 1 && r.pageNumber() == 1 && r.pageSize() == 6
                ? FakeTrtcApi.error(ErrorKind.ANSWER_TOO_LARGE, null) : null);
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2_000, "call finished");
            List<String> samples = h.samples(CALL);
            assertThat(missing(api.truth(CALL, T0, Long.MAX_VALUE), samples)).as("samples not delivered")
                    .isEmpty();
            assertThat(samples).as("no sample twice").doesNotHaveDuplicates();
            assertThat(h.participants(CALL)).as("each user joins and leaves once").hasSize(28)
                    .doesNotHaveDuplicates();
        }
    }
}
