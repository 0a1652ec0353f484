package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.AbnormalEvent;
import dev.kafkaconnect.trtc.api.AbnormalExperience;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

/**
 * The abnormal-experiences stream of a call: read behind the samples, room by window, each experience once and in
 * time order, full answers split, resumed exactly after a restart, and stopped (not the task) when the service
 * does not serve the action to the account.
 */
class AbnormalExperiencesTest {
    static final long T0 = TrtcSourceTaskTest.T0;
    static final String CALL = TrtcSourceTaskTest.CALL;
    static final String ROOM = "218695";
    static final String TOPIC = "trtc." + TaskHarness.APP + ".abnormal-experiences";

    private static AbnormalExperience experience(String user, int id, long millis, AbnormalEvent... causes) {
        return new AbnormalExperience(user, id, ROOM, millis, List.of(causes));
    }

    private static FakeTrtcApi finishedCall(MockTime clock) {
        return new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 3 * 3600),
                new User("b", T0 + 100, T0 + 2 * 3600));
    }

    private static List<SourceRecord> experiences(List<SourceRecord> records) {
        return records.stream().filter(r -> TOPIC.equals(r.topic())).toList();
    }

    private static String identity(SourceRecord r) {
        Struct v = (Struct) r.value();
        return ((Date) v.get("time")).getTime() + "|" + v.getString("userId") + "|" + v.getInt32("experienceId");
    }

    @Test
    void everyExperienceOfAFinishedCallArrivesOnceInTimeOrderBeforeItsCallEnd() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = finishedCall(clock).experiences(ROOM,
                experience("b", 4, (T0 + 7200) * 1000 + 5, new AbnormalEvent(202, "a")),
                experience("a", 1, T0 + 10),
                // On a window boundary (seconds), asked for by both windows: one record.
                experience("a", 2, T0 + 3599),
                experience("b", 3, (T0 + 3599) * 1000 + 999),
                // After the call's end (its last user left at T0 + 3 h): the room's next call's.
                experience("c", 1, (T0 + 3 * 3600 + 600) * 1000),
                // Another room's, as a service that ignores RoomId would answer.
                new AbnormalExperience("x", 1, "999", (T0 + 50) * 1000, List.of()));
        api.experiences.put("999", List.of());
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2000, "the call read to its end");
            List<SourceRecord> got = experiences(h.records);
            assertThat(got).extracting(AbnormalExperiencesTest::identity).containsExactly(
                    (T0 + 10) * 1000 + "|a|1", (T0 + 3599) * 1000 + "|a|2", ((T0 + 3599) * 1000 + 999) + "|b|3",
                    ((T0 + 7200) * 1000 + 5) + "|b|4");
            Struct last = (Struct) got.get(3).value();
            assertThat(last.getString("roomId")).isEqualTo(ROOM);
            assertThat(last.getBoolean("possiblyIncomplete")).isFalse();
            assertThat(((Struct) last.getArray("abnormalEvents").get(0)).getString("peerId")).isEqualTo("a");
            assertThat(got.get(3).timestamp()).isEqualTo((T0 + 7200) * 1000 + 5);
            assertThat(((Struct) got.get(0).key()).getString("userId")).isEqualTo("a");
            assertThat(h.records.get(h.records.size() - 1)).as("the call end comes last").matches(TaskHarness::isCallEnd);
            assertThat(h.callEnds(CALL)).hasSize(1);
            Map<String, Object> finalOffset = new java.util.HashMap<>(h.records.get(h.records.size() - 1).sourceOffset());
            assertThat(finalOffset).containsEntry("finished", true).containsEntry("v", 4);
            assertThat(api.unusualRequests).as("one request per samples window, all for the call's room")
                    .allMatch(r -> r.roomId().equals(ROOM))
                    .allMatch(r -> r.endTime() - r.startTime() <= 3600);
            assertThat(api.unusualRequests.get(0).startTime()).as("from a second before the call").isEqualTo(T0 - 1);
            assertThat(h.context.metric("abnormal-experience-records-total")).isEqualTo(4L);
            for (SourceRecord r : h.records) {
                OffsetUtils.validateFormat(r.sourceOffset());
            }
        }
    }

    @Test
    void aFullAnswerIsSplitUntilNoneIsFullAndPastTheShortestWindowMarkedPossiblyIncomplete() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        List<AbnormalExperience> many = new ArrayList<>();
        // 30 spread over the first hour: answers of an hour are full, halves are not.
        for (int i = 0; i < 30; i++) {
            many.add(experience(i % 2 == 0 ? "a" : "b", 1, (T0 + 100 + i * 100L) * 1000));
        }
        // 25 within 10 s: full even for the shortest window.
        for (int i = 0; i < 25; i++) {
            many.add(experience("a", 7, (T0 + 2 * 3600 + 5) * 1000 + i));
        }
        FakeTrtcApi api = finishedCall(clock).experiences(ROOM, many.toArray(new AbnormalExperience[0]));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 4000, "the call read to its end");
            List<SourceRecord> got = experiences(h.records);
            assertThat(got.stream().filter(r -> !((Struct) r.value()).getBoolean("possiblyIncomplete")))
                    .as("all 30 of the first hour, found by splitting").hasSize(30);
            assertThat(got.stream().filter(r -> ((Struct) r.value()).getBoolean("possiblyIncomplete")))
                    .as("the 20 the shortest window returned, marked").hasSize(20);
            assertThat(got).extracting(AbnormalExperiencesTest::identity).doesNotHaveDuplicates();
            List<Long> times = got.stream().map(r -> ((Date) ((Struct) r.value()).get("time")).getTime()).toList();
            assertThat(times).isSorted();
            assertThat((Long) h.context.metric("abnormal-experience-windows-split-total")).isPositive();
            assertThat(h.context.metric("abnormal-experiences-possibly-incomplete-total")).isEqualTo(20L);
        }
    }

    @Test
    void aRestartBetweenTwoExperiencesResumesExactly() throws Exception {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        List<AbnormalExperience> list = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            list.add(experience(i % 3 == 0 ? "b" : "a", 1 + i % 4, (T0 + 200 + i * 900L) * 1000));
        }
        AbnormalExperience[] experiences = list.toArray(new AbnormalExperience[0]);
        for (int stopAfter = 1; stopAfter <= 12; stopAfter += 5) {
            FakeTrtcApi api = finishedCall(clock).experiences(ROOM, experiences);
            List<SourceRecord> delivered = new ArrayList<>();
            TestTaskContext context = new TestTaskContext();
            try (TaskHarness h = new TaskHarness(clock, api, context).start(props(List.of(CALL)))) {
                int n = stopAfter;
                h.pollUntil(() -> experiences(h.records).size() >= n, 2000, "experience " + n);
                for (SourceRecord r : h.records) {
                    delivered.add(r);
                    if (experiences(delivered).size() == n) {
                        break;
                    }
                }
            }
            SourceRecord last = delivered.get(delivered.size() - 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = new java.util.HashMap<>((Map<String, Object>) last.sourceOffset());
            OffsetUtils.validateFormat(offset);
            TestTaskContext restarted = new TestTaskContext();
            @SuppressWarnings("unchecked")
            Map<String, Object> partition = (Map<String, Object>) last.sourcePartition();
            restarted.committed.put(partition, offset);
            api = finishedCall(clock).experiences(ROOM, experiences);
            try (TaskHarness h = new TaskHarness(clock, api, restarted).start(props(List.of(CALL)))) {
                h.pollUntil(h::allCallsDone, 2000, "the call read to its end after the restart");
                List<SourceRecord> all = new ArrayList<>(delivered);
                all.addAll(h.records);
                assertThat(experiences(all)).as("restart after experience %d", stopAfter)
                        .extracting(AbnormalExperiencesTest::identity).hasSize(12).doesNotHaveDuplicates();
                assertThat(all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                        .as("samples too").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(api.truth(CALL, T0, T0 + 4 * 3600));
                assertThat(all.stream().filter(TaskHarness::isCallEnd)).hasSize(1);
            }
        }
    }

    @Test
    void anAccountWhoseTierLacksTheActionGetsTheSamplesAndTheCallEndWithoutTheStream() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = finishedCall(clock);
        api.experiences = null;
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2000, "the call read to its end");
            assertThat(experiences(h.records)).isEmpty();
            assertThat(h.records.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                    .containsExactlyInAnyOrderElementsOf(api.truth(CALL, T0, T0 + 4 * 3600));
            assertThat(h.callEnds(CALL)).hasSize(1);
            assertThat(api.unusualRequests).as("asked once, then the stream stops").hasSize(1);
        }
    }

    @Test
    void aTransientFailureIsRetriedAndARefusedWindowIsSkippedAndCounted() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = finishedCall(clock).experiences(ROOM, experience("a", 1, (T0 + 10) * 1000),
                experience("a", 2, (T0 + 3700) * 1000), experience("b", 3, (T0 + 7300) * 1000));
        api.unusualFailures.add(r -> r.startTime() == T0 - 1
                ? new TrtcApiException(ErrorKind.SERVER, "InternalError", "req-1", "DescribeUnusualEvent", 200,
                "InternalError", null) : null);
        api.unusualFailures.add(r -> r.startTime() > T0 + 3000 && r.startTime() < T0 + 4000
                ? new TrtcApiException(ErrorKind.INVALID_REQUEST, "InvalidParameter", "req-2",
                "DescribeUnusualEvent", 200, "InvalidParameter", null) : null);
        Map<String, String> props = props(List.of(CALL));
        try (TaskHarness h = new TaskHarness(clock, api).start(props)) {
            for (int i = 0; i < 200 && !h.allCallsDone(); i++) {
                h.pollOnce();
                clock.sleep(1000);
            }
            assertThat(h.allCallsDone()).as("the call read to its end").isTrue();
            assertThat(experiences(h.records)).extracting(AbnormalExperiencesTest::identity)
                    .as("the first hour after a retry; the second hour skipped; the third read")
                    .containsExactly((T0 + 10) * 1000 + "|a|1", (T0 + 7300) * 1000 + "|b|3");
            assertThat(h.context.metric("abnormal-experience-windows-skipped-total")).isEqualTo(1L);
            assertThat(h.callEnds(CALL)).hasSize(1);
        }
        assertThat(props).doesNotContainKey(TrtcSourceConfig.STREAMS);
    }
}
