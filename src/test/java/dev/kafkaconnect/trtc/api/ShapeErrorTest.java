package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An answer of the wrong shape fails as a {@link TrtcProtocolException} that names the action, the field path and
 * the answer's RequestId when the parser met it before the error, and holds nothing secret.
 */
class ShapeErrorTest {
    private static final String SECRET_ID = "AKIDshapeErrorTest";
    private static final String SECRET_KEY = "shape-error-secret-key-9876543210";
    private static final String TOKEN = "shape-error-session-token-abcdef";
    private static final long NOW = 1_700_000_000L;
    private static final CallDetailRequest DETAIL = new CallDetailRequest(1400188366L, "1400188366_1_1699990000",
            NOW - 3600, NOW, List.of(), List.of("aBit"), 0, 6);

    private static TrtcApiClient client(LoopbackHttpServer server, int attempts) {
        return new TrtcApiClient(TrtcClientConfig.builder().endpoint(server.endpoint()).region("ap-guangzhou")
                .credentials(SECRET_ID, SECRET_KEY).token(TOKEN)
                .time(new org.apache.kafka.common.utils.MockTime(0, NOW * 1000, 0))
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5), attempts,
                        Duration.ofSeconds(20)))
                .build());
    }

    private static TrtcProtocolException failure(String body) throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200, body));
             TrtcApiClient client = client(server, 1)) {
            Throwable[] caught = new Throwable[1];
            assertThatThrownBy(() -> client.callDetailSync(ApiGeneration.SUCCESSOR, DETAIL))
                    .isInstanceOf(TrtcProtocolException.class)
                    .satisfies(t -> caught[0] = t);
            return (TrtcProtocolException) caught[0];
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            point without Time, id first  | {"Response":{"RequestId":"rid-1","Total":1,"Data":[{"UserId":"u","DataType":"aBit","Content":[{"Time":1,"Value":1},{"Value":2}]}]}} | Response.Data[0].Content[1] | rid-1 | DescribeCallDetailInfo failed: the answer (RequestId rid-1) is not the documented shape at Response.Data[0].Content[1]: Time is missing
            point without Time, id last   | {"Response":{"Total":1,"Data":[{"UserId":"u","DataType":"aBit","Content":[{"Value":2}]}],"RequestId":"rid-2"}} | Response.Data[0].Content[0] | | DescribeCallDetailInfo failed: the answer (RequestId not reached before the error) is not the documented shape at Response.Data[0].Content[0]: Time is missing
            Total missing                 | {"Response":{"UserList":[],"Data":[],"RequestId":"rid-3"}} | Response | rid-3 | (RequestId rid-3) is not the documented shape at Response: Total is missing
            Total missing, no id          | {"Response":{"UserList":[],"Data":[]}} | Response | | (no RequestId) is not the documented shape at Response: RequestId is missing
            wrong type                    | {"Response":{"RequestId":"rid-5","Total":1,"UserList":"u1"}} | Response.UserList | rid-5 | at Response.UserList: expected an array, got a string
            garbage number                | {"Response":{"RequestId":"rid-6","Total":"lots"}} | Response.Total | rid-6 | at Response.Total: expected an integer, got the string "lots"
            not an object                 | [1] | `` | | (RequestId not reached before the error) is not the documented shape: the answer is not a JSON object
            """)
    void namesActionPathAndRequestIdWhenRead(String name, String body, String path, String requestId, String message)
            throws Exception {
        TrtcProtocolException e = failure(body);

        assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(e.action()).isEqualTo("DescribeCallDetailInfo");
        assertThat(e.fieldPath()).isEqualTo(path);
        assertThat(e.shapeError()).isTrue();
        assertThat(e.requestId()).isEqualTo(requestId);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains(message).contains("DescribeCallDetailInfo").endsWith("check trtc.endpoint")
                .doesNotContain(SECRET_KEY).doesNotContain(TOKEN).doesNotContain("Signature=")
                .doesNotContain("\n");
    }

    @Test
    void aRequestIdOfAnyTextIsKeptOnOneShortLine() throws Exception {
        TrtcProtocolException e = failure("{\"Response\":{\"RequestId\":\"a\\nb" + "c".repeat(300)
                + "\",\"Total\":{}}}");
        assertThat(e.requestId()).startsWith("a b").hasSizeLessThan(80);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("c".repeat(100));
    }

    @Test
    void roomListShapeErrorsNameTheirActionToo() throws Exception {
        String body = "{\"Response\":{\"RequestId\":\"rl-1\",\"Total\":1,\"RoomList\":[{\"CommId\":\"c\","
                + "\"CreateTime\":\"soon\"}]}}";
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200, body));
             TrtcApiClient client = client(server, 1)) {
            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SEED,
                    new RoomListRequest(1400188366L, NOW - 3600, NOW, 0, 10)))
                    .isInstanceOfSatisfying(TrtcProtocolException.class, e -> {
                        assertThat(e.fieldPath()).isEqualTo("Response.RoomList[0].CreateTime");
                        assertThat(e.requestId()).isEqualTo("rl-1");
                    })
                    .hasMessageContaining("DescribeRoomInformation failed: the answer (RequestId rl-1) is not the "
                            + "documented shape at Response.RoomList[0].CreateTime: expected an integer, got the "
                            + "string \"soon\"");
        }
    }

    @Test
    void aShapeErrorIsRetriableProtocolAndTheClientGivesUpAfterItsAttempts() throws Exception {
        // What the connector's failure policy decides on: PROTOCOL, scope REQUEST, retriable; the client itself
        // retries it up to the policy's attempts, then fails with the last answer's exception.
        AtomicInteger hits = new AtomicInteger();
        try (LoopbackHttpServer server = new LoopbackHttpServer(e -> LoopbackHttpServer.json(e, 200,
                "{\"Response\":{\"RequestId\":\"r-" + hits.incrementAndGet() + "\",\"Total\":1,\"Data\":[{\"UserId\":"
                        + "\"u\",\"DataType\":\"aBit\",\"Content\":[{\"Value\":2}]}]}}"));
             TrtcApiClient client = client(server, 3)) {
            assertThatThrownBy(() -> client.callDetailSync(ApiGeneration.SUCCESSOR, DETAIL))
                    .isInstanceOfSatisfying(TrtcProtocolException.class, e -> {
                        assertThat(e.kind().retriable()).isTrue();
                        assertThat(e.kind().scope()).isEqualTo(ErrorKind.Scope.REQUEST);
                        assertThat(e.requestId()).isEqualTo("r-3");
                    });
            assertThat(hits).hasValue(3);
        }
    }

    @Test
    void anAnswerOverTheSizeLimitIsProtocolButNoShapeError() {
        TrtcProtocolException e = new TrtcProtocolException(ErrorKind.PROTOCOL, null, null, "A", 200, "m", null);
        assertThat(e.shapeError()).isFalse();
        assertThat(e.fieldPath()).isNull();
    }
}
