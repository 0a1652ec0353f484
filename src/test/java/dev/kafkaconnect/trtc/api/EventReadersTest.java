package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.utils.MockTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The event answers' readers: numbers sent as strings read as the numbers, empty lists in every spelling, ids and
 * parameters outside the event table kept, and shape errors naming the action, the field path and the RequestId.
 */
class EventReadersTest {
    private static final long NOW = 1_700_000_000L;
    private static final String EVENTS = """
            {"Response":{"Data":[{"PeerId":%s,"Content":[{"Type":%s,"Time":%s,"EventId":%s,"ParamOne":%s,
             "ParamTwo":%s}]}],"RequestId":"e1"}}""";
    private static final String UNUSUAL = """
            {"Response":{"Total":%s,"AbnormalExperienceList":[{"UserId":"u","ExperienceId":%s,"RoomId":"7",
             "EventTime":%s,"AbnormalEventList":[{"AbnormalEventId":%s,"PeerId":%s}]}],"RequestId":"e2"}}""";

    private static UserEventResponse events(String json) throws Exception {
        return ResponseReader.read(bytes(json), new UserEventReader()).value();
    }

    private static UnusualEventResponse unusual(String json) throws Exception {
        return ResponseReader.read(bytes(json), new UnusualEventReader()).value();
    }

    private static ByteArrayInputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    @Test
    void everyUserEventFieldAsAStringReadsAsTheNumber() throws Exception {
        UserEventResponse numbers = events(EVENTS.formatted(q("p"), "2", "1590065779123", "4003", "1280", "720"));
        UserEventResponse strings = events(EVENTS.formatted(q("p"), q("2"), q("1590065779123"), q("4003"),
                q("1280"), q("720")));
        assertThat(strings).isEqualTo(new UserEventResponse(numbers.data(), "e1"));
        assertThat(strings.data()).containsExactly(new UserEventGroup("p",
                List.of(new UserEvent(2, 1590065779123L, 4003, 1280, 720))));
    }

    @Test
    void idsAndParametersOutsideTheTableAreKeptAndSignedParametersToo() throws Exception {
        UserEvent e = events(EVENTS.formatted(q(""), "7", "1", "99999", "-1", "-2147483648")).data().get(0)
                .events().get(0);
        assertThat(e).isEqualTo(new UserEvent(7, 1, 99999, -1, Integer.MIN_VALUE));
    }

    @Test
    void anAbsentTypeIsNotAboutVideoAndAbsentParametersAreUnused() throws Exception {
        UserEventResponse r = events("{\"Response\":{\"Data\":[{\"Content\":[{\"Time\":5,\"EventId\":5003,"
                + "\"ParamTwo\":null}]}],\"RequestId\":\"x\"}}");
        assertThat(r.data().get(0).peerId()).isNull();
        assertThat(r.data().get(0).aboutOwnUplink("anyone")).isTrue();
        assertThat(r.data().get(0).events()).containsExactly(new UserEvent(0, 5, 5003, -1, -1));
    }

    @Test
    void ownEventsAreRecognisedByTheUsersIdOrAnEmptyOne() {
        assertThat(new UserEventGroup("u1", List.of()).aboutOwnUplink("u1")).isTrue();
        assertThat(new UserEventGroup("", List.of()).aboutOwnUplink("u1")).isTrue();
        assertThat(new UserEventGroup("u2", List.of()).aboutOwnUplink("u1")).isFalse();
    }

    @Test
    void emptyDataInEverySpellingIsAnEmptyAnswer() throws Exception {
        for (String data : List.of(",\"Data\":[]", ",\"Data\":null", "")) {
            assertThat(events("{\"Response\":{\"RequestId\":\"r\"" + data + "}}").data()).as(data).isEmpty();
        }
        for (String list : List.of(",\"AbnormalExperienceList\":[]", ",\"AbnormalExperienceList\":null", "")) {
            UnusualEventResponse r = unusual("{\"Response\":{\"Total\":0,\"RequestId\":\"r\"" + list + "}}");
            assertThat(r.experiences()).as(list).isEmpty();
            assertThat(r.possiblySampled()).isFalse();
        }
    }

    @Test
    void everyExperienceFieldAsAStringReadsAsTheNumber() throws Exception {
        UnusualEventResponse numbers = unusual(UNUSUAL.formatted("1", "4", "1590065779", "2024", q("p")));
        UnusualEventResponse strings = unusual(UNUSUAL.formatted(q("1"), q("4"), q("1590065779"), q("2024"),
                q("p")));
        assertThat(strings).isEqualTo(numbers);
        assertThat(strings.experiences()).containsExactly(new AbnormalExperience("u", 4, "7", 1590065779L,
                List.of(new AbnormalEvent(2024, "p"))));
        assertThat(unusual(UNUSUAL.formatted("1", "4", "1", "2001", q(""))).experiences().get(0)
                .abnormalEvents().get(0).peerId()).isNull();
        assertThat(unusual(UNUSUAL.formatted("1", "4", "1", "2001", "null")).experiences().get(0)
                .abnormalEvents().get(0).peerId()).isNull();
    }

    @ParameterizedTest(name = "EventTime {0} is {1} ms")
    @CsvSource(textBlock = """
            1590065779,      1590065779000
            1590065779123,   1590065779123
            99999999999,     99999999999000
            100000000000,    100000000000
            0,               0
            """)
    void eventTimeIsSecondsOrMillisecondsByMagnitude(long eventTime, long millis) {
        assertThat(new AbnormalExperience("u", 4, "7", eventTime, List.of()).eventTimeMillis()).isEqualTo(millis);
    }

    private static TrtcProtocolException failure(String body, boolean userEvents) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200, body));
             TrtcApiClient client = new TrtcApiClient(TrtcClientConfig.builder().endpoint(server.endpoint())
                     .region("ap-guangzhou").credentials("AKIDevents", "events-secret-key-0123456789")
                     .time(new MockTime(0, NOW * 1000, 0))
                     .retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(20))).build())) {
            Throwable[] caught = new Throwable[1];
            assertThatThrownBy(() -> {
                if (userEvents) {
                    client.userEventsSync(new UserEventRequest(1400188366L, "c", "7", "u", NOW - 60, NOW));
                } else {
                    client.unusualEventsSync(new UnusualEventRequest(1400188366L, "7", NOW - 60, NOW));
                }
            }).isInstanceOf(TrtcProtocolException.class).satisfies(t -> caught[0] = t);
            return (TrtcProtocolException) caught[0];
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            event without Time         | true  | {"Response":{"RequestId":"r1","Data":[{"PeerId":"u","Content":[{"EventId":1}]}]}} | Response.Data[0].Content[0] | r1 | Time is missing
            event without EventId      | true  | {"Response":{"RequestId":"r2","Data":[{"PeerId":"u","Content":[{"Time":1},{"Time":2}]}]}} | Response.Data[0].Content[0] | r2 | EventId is missing
            parameter out of range     | true  | {"Response":{"RequestId":"r3","Data":[{"Content":[{"Time":1,"EventId":1,"ParamOne":4294967296}]}]}} | Response.Data[0].Content[0].ParamOne | r3 | not a 32-bit integer
            Content not an array       | true  | {"Response":{"RequestId":"r4","Data":[{"PeerId":"u"},{"Content":{}}]}} | Response.Data[1].Content | r4 | expected an array, got an object
            Time not a number          | true  | {"Response":{"Data":[{"Content":[{"Time":"soon","EventId":1}]}],"RequestId":"r5"}} | Response.Data[0].Content[0].Time | | expected an integer, got the string "soon"
            Total missing              | false | {"Response":{"AbnormalExperienceList":[],"RequestId":"r6"}} | Response | r6 | Total is missing
            experience without UserId  | false | {"Response":{"RequestId":"r7","Total":1,"AbnormalExperienceList":[{"ExperienceId":4,"EventTime":1}]}} | Response.AbnormalExperienceList[0] | r7 | UserId is missing
            experience without time    | false | {"Response":{"RequestId":"r8","Total":1,"AbnormalExperienceList":[{"UserId":"u","ExperienceId":4}]}} | Response.AbnormalExperienceList[0] | r8 | EventTime is missing
            cause without id           | false | {"Response":{"RequestId":"r9","Total":1,"AbnormalExperienceList":[{"UserId":"u","ExperienceId":4,"EventTime":1,"AbnormalEventList":[{"PeerId":"p"}]}]}} | Response.AbnormalExperienceList[0].AbnormalEventList[0] | r9 | AbnormalEventId is missing
            list of the wrong type     | false | {"Response":{"RequestId":"r10","Total":1,"AbnormalExperienceList":"none"}} | Response.AbnormalExperienceList | r10 | expected an array, got a string
            """)
    void shapeErrorsNameTheActionTheFieldPathAndTheRequestId(String name, boolean userEvents, String body,
                                                             String path, String requestId, String problem)
            throws Exception {
        TrtcProtocolException e = failure(body, userEvents);
        String action = userEvents ? UserEventRequest.ACTION : UnusualEventRequest.ACTION;
        assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(e.action()).isEqualTo(action);
        assertThat(e.fieldPath()).isEqualTo(path);
        assertThat(e.requestId()).isEqualTo(requestId);
        assertThat(e.getMessage()).startsWith(action + " failed").contains(" at " + path + ": " + problem)
                .contains(requestId == null ? "RequestId not reached" : "RequestId " + requestId)
                .doesNotContain("events-secret-key");
    }
}
