package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.api.UserEvent;
import dev.kafkaconnect.trtc.api.UserEventGroup;
import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import java.util.Date;
import java.util.List;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetUtils;
import org.junit.jupiter.api.Test;

/**
 * The user-events stream of a call: each listed user's timeline read behind the samples, each event once and in
 * time order per user, within the call's time, ranges refused as too long read in shorter ones, failures retried
 * or skipped and counted, and the stream stopped (not the task) when the service does not serve the action.
 */
class UserEventsTest {
    static final long T0 = TrtcSourceTaskTest.T0;
    static final String CALL = TrtcSourceTaskTest.CALL;
    static final String TOPIC = "trtc." + TaskHarness.APP + ".user-events";

    private static FakeTrtcApi finishedCall(MockTime clock) {
        return new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 3 * 3600),
                new User("b", T0 + 100, T0 + 2 * 3600));
    }

    private static UserEvent event(long millis, int id, int paramOne) {
        return new UserEvent(0, millis, id, paramOne, UserEvent.UNUSED);
    }

    private static FakeTrtcApi withEvents(FakeTrtcApi api) {
        return api.userEvents(CALL, "a",
                        new UserEventGroup("a", List.of(event((T0 + 10) * 1000, 1003, 2),
                                event((T0 + 7300) * 1000, 2001, 1),
                                // After the call's end: the room's next call's.
                                event((T0 + 3 * 3600 + 600) * 1000, 2001, 0))),
                        new UserEventGroup("b", List.of(new UserEvent(2, (T0 + 3599) * 1000 + 500, 4003, 640, 360))))
                .userEvents(CALL, "b", new UserEventGroup("", List.of(event((T0 + 200) * 1000, 3001, 0))));
    }

    private static List<SourceRecord> userEvents(List<SourceRecord> records) {
        return records.stream().filter(r -> TOPIC.equals(r.topic())).toList();
    }

    private static String identity(SourceRecord r) {
        Struct v = (Struct) r.value();
        return v.getString("userId") + "|" + v.getString("peerId") + "|" + ((Date) v.get("time")).getTime() + "|"
                + v.getInt32("eventId");
    }

    @Test
    void everyEventOfEveryUserArrivesOnceInTimeOrderBeforeTheCallEnd() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = withEvents(finishedCall(clock));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2000, "the call read to its end");
            List<SourceRecord> got = userEvents(h.records);
            assertThat(got).extracting(UserEventsTest::identity).containsExactlyInAnyOrder(
                    "a|null|" + (T0 + 10) * 1000 + "|1003", "a|b|" + ((T0 + 3599) * 1000 + 500) + "|4003",
                    "a|null|" + (T0 + 7300) * 1000 + "|2001", "b|null|" + (T0 + 200) * 1000 + "|3001");
            assertThat(got.stream().filter(r -> ((Struct) r.value()).getString("userId").equals("a"))
                    .map(r -> ((Date) ((Struct) r.value()).get("time")).getTime()).toList()).isSorted();
            Struct resolution = (Struct) got.stream().filter(r -> ((Struct) r.value()).getInt32("eventId") == 4003)
                    .findFirst().orElseThrow().value();
            assertThat(resolution.getInt32("paramOne")).isEqualTo(640);
            assertThat(resolution.getString("streamTypeName")).isEqualTo("BIG");
            assertThat(resolution.getString("roomId")).isEqualTo("218695");
            assertThat(h.records.get(h.records.size() - 1)).as("the call end comes last").matches(TaskHarness::isCallEnd);
            assertThat(h.callEnds(CALL)).hasSize(1);
            assertThat(api.userEventRequests).as("every request names the call, its room and one user")
                    .allMatch(r -> r.commId().equals(CALL) && r.roomId().equals("218695"))
                    .extracting(r -> r.userId()).containsOnly("a", "b");
            assertThat(api.userEventRequests).as("a finished call caught up: one request per user, the API's minimum")
                    .hasSize(2).allMatch(r -> r.startTime() == T0 - 1);
            assertThat(h.context.metric("user-event-records-total")).isEqualTo(4L);
            assertThat(h.context.metric("user-event-requests-total")).isEqualTo((long) api.userEventRequests.size());
            for (SourceRecord r : h.records) {
                OffsetUtils.validateFormat(r.sourceOffset());
            }
        }
    }

    @Test
    void aRangeRefusedAsTooLongIsReadInShorterOnes() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = withEvents(finishedCall(clock));
        // The service serves ranges of at most 30 minutes: every longer one is refused.
        for (int i = 0; i < 50; i++) {
            api.userEventFailures.add(r -> r.endTime() - r.startTime() > 1800
                    ? new TrtcApiException(ErrorKind.WINDOW_TOO_LONG, "InvalidParameter.QueryScaleOversize", "req",
                    "DescribeUserEvent", 200, "too long", null) : null);
        }
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 4000, "the call read to its end");
            assertThat(userEvents(h.records)).extracting(UserEventsTest::identity).hasSize(4).doesNotHaveDuplicates();
            assertThat(api.userEventRequests.stream().filter(r -> r.endTime() - r.startTime() <= 1800))
                    .as("asked for again in shorter ranges").isNotEmpty();
            assertThat(h.context.metric("user-event-ranges-skipped-total")).isEqualTo(0L);
        }
    }

    @Test
    void aTransientFailureIsRetriedAndARefusedRangeIsSkippedAndCounted() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = withEvents(finishedCall(clock));
        api.userEventFailures.add(r -> r.userId().equals("a") ? new TrtcApiException(ErrorKind.SERVER,
                "InternalError", "req-1", "DescribeUserEvent", 200, "InternalError", null) : null);
        api.userEventFailures.add(r -> r.userId().equals("b") ? new TrtcApiException(ErrorKind.INVALID_REQUEST,
                "InvalidParameter", "req-2", "DescribeUserEvent", 200, "InvalidParameter", null) : null);
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            for (int i = 0; i < 300 && !h.allCallsDone(); i++) {
                h.pollOnce();
                clock.sleep(1000);
            }
            assertThat(h.allCallsDone()).as("the call read to its end").isTrue();
            assertThat(userEvents(h.records)).extracting(UserEventsTest::identity)
                    .as("a's events after a retry; b's first range skipped").contains(
                            "a|null|" + (T0 + 10) * 1000 + "|1003", "a|null|" + (T0 + 7300) * 1000 + "|2001")
                    .doesNotContain("b|null|" + (T0 + 200) * 1000 + "|3001");
            assertThat(h.context.metric("user-event-ranges-skipped-total")).isEqualTo(1L);
            assertThat(h.callEnds(CALL)).hasSize(1);
        }
    }

    @Test
    void anAccountWhoseTierLacksTheActionGetsEverythingElse() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = finishedCall(clock);
        api.userEvents = null;
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2000, "the call read to its end");
            assertThat(userEvents(h.records)).isEmpty();
            assertThat(h.records.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                    .containsExactlyInAnyOrderElementsOf(api.truth(CALL, T0, T0 + 4 * 3600));
            assertThat(h.callEnds(CALL)).hasSize(1);
            assertThat(api.userEventRequests).as("the first answers stop the stream").hasSizeLessThanOrEqualTo(4);
            assertThat(h.task.counters().isStreamDisabled(dev.kafkaconnect.trtc.connector.config.EventStream.USER_EVENTS))
                    .as("metric stream-disabled").isTrue();
        }
    }

    /**
     * The window that finishes the call lists its users but has no record of its own (they left before it), and
     * the call's events go out after it: a restart after any of them must still find the call finished (read that
     * window again) and emit its one call end, nothing lost or repeated.
     */
    @Test
    void aRestartAfterAnyRecordOfACallWhoseFinishingWindowIsEmptyEndsItOnce() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        java.util.function.Supplier<FakeTrtcApi> service = () -> new FakeTrtcApi(clock)
                .call(CALL, new User("a", T0, T0 + 3500), new User("b", T0 + 100, T0 + 3400))
                .userEvents(CALL, "a", new UserEventGroup("a", List.of(event((T0 + 100) * 1000, 1003, 1),
                        event((T0 + 200) * 1000, 1003, 2), event((T0 + 3450) * 1000, 2001, 1))))
                .userEvents(CALL, "b", new UserEventGroup("b", List.of(event((T0 + 300) * 1000, 3001, 0))));
        List<SourceRecord> full;
        try (TaskHarness h = new TaskHarness(clock, service.get()).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 2000, "the call read to its end");
            full = List.copyOf(h.records);
        }
        assertThat(full.get(full.size() - 1)).matches(TaskHarness::isCallEnd);
        int lastSample = 0;
        for (int i = 0; i < full.size(); i++) {
            if (!TOPIC.equals(full.get(i).topic()) && !TaskHarness.isCallEnd(full.get(i))) {
                lastSample = i;
            }
        }
        for (int cut = Math.max(0, lastSample - 2); cut < full.size() - 1; cut++) {
            TestTaskContext restarted = Restarts.committedAfter(full.subList(0, cut + 1));
            try (TaskHarness h = new TaskHarness(clock, service.get(), restarted).start(props(List.of(CALL)))) {
                h.pollUntil(h::allCallsDone, 2000, "the call read to its end after record " + cut);
                java.util.List<SourceRecord> all = new java.util.ArrayList<>(full.subList(0, cut + 1));
                all.addAll(h.records);
                assertThat(all.stream().filter(TaskHarness::isCallEnd)).as("one call end after record %d", cut)
                        .hasSize(1);
                assertThat(userEvents(all)).as("after record %d", cut).extracting(UserEventsTest::identity)
                        .doesNotHaveDuplicates().hasSize(4);
                assertThat(all.stream().filter(TaskHarness::isSample).map(TaskHarness::sampleKey).toList())
                        .as("after record %d", cut).doesNotHaveDuplicates();
            }
        }
    }

    /** Under the tightest useful bound on the stream's requests, a failed user's retry and the others all go out. */
    @Test
    void aTightBoundOnTheStreamsRequestsStillReadsEveryUserThroughARetry() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, T0 + 3000),
                new User("b", T0, T0 + 3000), new User("c", T0, T0 + 3000), new User("d", T0, T0 + 3000));
        for (String user : List.of("a", "b", "c", "d")) {
            api.userEvents(CALL, user, new UserEventGroup(user, List.of(event((T0 + 60) * 1000, 1003, 1))));
        }
        api.userEventFailures.add(r -> r.userId().equals("a") ? new TrtcApiException(ErrorKind.SERVER,
                "InternalError", "req-1", "DescribeUserEvent", 200, "InternalError", null) : null);
        java.util.Map<String, String> props = props(List.of(CALL));
        props.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.MAX_IN_FLIGHT, "2");
        try (TaskHarness h = new TaskHarness(clock, api).start(props)) {
            for (int i = 0; i < 300 && !h.allCallsDone(); i++) {
                h.pollOnce();
                clock.sleep(1000);
            }
            assertThat(h.allCallsDone()).as("the call read to its end").isTrue();
            assertThat(userEvents(h.records)).extracting(UserEventsTest::identity).hasSize(4);
        }
    }

    /** A live call's users are read as each samples window closes, not held back for a longer range. */
    @Test
    void aLiveCallsEventsArriveWhileItGoesOn() {
        MockTime clock = new MockTime(0, (T0 + 2 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, FakeTrtcApi.LIVE))
                .userEvents(CALL, "a", new UserEventGroup("a", List.of(event((T0 + 5000) * 1000, 1003, 1))));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            for (int i = 0; i < 300 && userEvents(h.records).isEmpty(); i++) {
                h.pollOnce();
                clock.sleep(10_000);
            }
            assertThat(userEvents(h.records)).as("the live call's event, within its day").hasSize(1);
            assertThat(h.callEnds(CALL)).as("the call goes on").isEmpty();
        }
    }

    /**
     * A live call caught up from hours behind, its windows requested ahead: the samples are not following the call
     * until the last window planned has closed, so its users are read once each over the whole range caught up,
     * not once more for every window that closes after the last one was planned.
     */
    @Test
    void aLiveCallCaughtUpFromHoursBehindIsReadInOneRequestPerUser() {
        MockTime clock = new MockTime(0, (T0 + 12 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, new User("a", T0, FakeTrtcApi.LIVE),
                        new User("b", T0 + 10, FakeTrtcApi.LIVE))
                .userEvents(CALL, "a", new UserEventGroup("a", List.of(event((T0 + 5000) * 1000, 1003, 1))));
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(() -> h.task.calls().get(0).caughtUp() && h.task.calls().get(0).idle(), 2000,
                    "the live call caught up");
            assertThat(userEvents(h.records)).as("the live call's event").hasSize(1);
            assertThat(api.userEventRequests).as("one request per user, from the call's start")
                    .hasSize(2).allMatch(r -> r.startTime() == T0 - 1)
                    .extracting(r -> r.userId()).containsExactlyInAnyOrder("a", "b");
        }
    }
}
