package dev.kafkaconnect.trtc.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.api.UserEvent;
import dev.kafkaconnect.trtc.api.UserEventGroup;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.api.UserEventResponse;
import java.util.List;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;

/** The test fake's DescribeUserEvent, which the user-events read path's tests rely on. */
class FakeUserEventsTest {
    static final long APP = TrtcSourceConnectorTest.APP;
    static final long NOW = 1_790_000_000L;
    static final String CALL = APP + "_218695_" + (NOW - 3600);
    static final long START = NOW - 1800;
    static final long END = NOW - 1200;

    final FakeTrtcApi api = new FakeTrtcApi(new MockTime(0, NOW * 1000, 0));

    static UserEventRequest request(String room, String user) {
        return new UserEventRequest(APP, CALL, room, user, START, END);
    }

    static UserEvent at(long millis) {
        return new UserEvent(0, millis, 1003, 1, UserEvent.UNUSED);
    }

    @Test
    void theActionIsServedEmptyUntilTimelinesAreGivenAndNotAtAllWithoutAMap() {
        assertThat(api.userEventsSync(request("218695", "u1")).data()).isEmpty();
        api.userEvents = null;
        assertThatThrownBy(() -> api.userEventsSync(request("218695", "u1"))).isInstanceOf(TrtcApiException.class)
                .satisfies(e -> assertThat(((TrtcApiException) e).kind()).isEqualTo(ErrorKind.UNSUPPORTED_ACTION))
                .hasMessageContaining(UserEventRequest.ACTION);
        assertThat(api.userEventRequests).hasSize(2);
    }

    @Test
    void eachGroupKeepsItsEventsInsideBothInclusiveBoundsAndAnEmptyGroupIsLeftOut() {
        api.userEvents(CALL, "u1",
                new UserEventGroup(null, List.of(at(START * 1000 - 1), at(START * 1000), at(END * 1000 + 999),
                        at(END * 1000 + 1000))),
                new UserEventGroup("u2", List.of(at(START * 1000 - 1000))),
                new UserEventGroup("u3", List.of(at(START * 1000 + 500))));
        api.userEvents(CALL, "u1", new UserEventGroup("u4", List.of(at(END * 1000))));
        api.userEvents(CALL, "u9", new UserEventGroup(null, List.of(at(START * 1000 + 1))));

        UserEventResponse r = api.userEventsSync(request("218695", "u1"));
        assertThat(r.data()).extracting(UserEventGroup::peerId).containsExactly(null, "u3", "u4");
        assertThat(r.data().get(0).events()).extracting(UserEvent::timeMillis)
                .containsExactly(START * 1000, END * 1000 + 999);
        assertThat(r.eventCount()).isEqualTo(4);
        assertThat(api.userEventsSync(request("218695", "u2")).data()).as("a user without events").isEmpty();
        assertThat(api.userEventsSync(new UserEventRequest(APP, APP + "_218695_1", "218695", "u1", START, END))
                .data()).as("another call").isEmpty();
        assertThat(api.userEventRequests).hasSize(3);
    }

    @Test
    void aScriptedFailureFailsTheFirstRequestItAnswersOnce() {
        api.userEvents(CALL, "u1", new UserEventGroup(null, List.of(at(START * 1000))));
        api.userEventFailures.add(r -> r.userId().equals("u2") ? FakeTrtcApi.error(ErrorKind.SERVER, "InternalError")
                : null);
        assertThat(api.userEventsSync(request("218695", "u1")).eventCount()).isEqualTo(1);
        assertThatThrownBy(() -> api.userEventsSync(request("218695", "u2"))).isInstanceOf(TrtcApiException.class)
                .hasMessageContaining("InternalError");
        assertThat(api.userEventsSync(request("218695", "u2")).data()).isEmpty();
        assertThat(api.userEventFailures).isEmpty();
    }

    @Test
    void aRequestWithoutItsRoomIsRefused() {
        api.userEvents(CALL, "u1", new UserEventGroup(null, List.of(at(START * 1000))));
        assertThatThrownBy(() -> api.userEventsSync(request("", "u1"))).isInstanceOf(TrtcApiException.class)
                .satisfies(e -> assertThat(((TrtcApiException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("MissingParameter.RoomId");
        assertThat(api.userEventRequests).hasSize(1);
    }
}
