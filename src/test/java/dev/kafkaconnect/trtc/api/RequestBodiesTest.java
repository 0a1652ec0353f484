package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each generation's parameter types: strings for the seed, integers for the successor. */
class RequestBodiesTest {
    private static final CallDetailRequest CALL = new CallDetailRequest(1400188366L, "1400188366_218695_1590065777",
            1590065777L, 1590067658L, List.of("1716", "17\"18"), List.of("aBit", "bigvCapFps"), 0, 6);

    private static String json(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void seedSendsStringsForSdkAppIdAndPaging() {
        assertThat(json(RequestBodies.callDetail(ApiGeneration.SEED, CALL))).isEqualTo(
                "{\"CommId\":\"1400188366_218695_1590065777\",\"StartTime\":1590065777,\"EndTime\":1590067658,"
                        + "\"SdkAppId\":\"1400188366\",\"UserIds\":[\"1716\",\"17\\\"18\"],"
                        + "\"DataType\":[\"aBit\",\"bigvCapFps\"],\"PageNumber\":\"0\",\"PageSize\":\"6\"}");
    }

    @Test
    void successorSendsIntegers() {
        assertThat(json(RequestBodies.callDetail(ApiGeneration.SUCCESSOR, CALL)))
                .contains("\"SdkAppId\":1400188366,")
                .contains("\"PageNumber\":0,\"PageSize\":6}");
    }

    @Test
    void emptyListsAndNullPagingAreLeftOut() {
        CallDetailRequest usersOnly = new CallDetailRequest(1L, "c", 10, 20, List.of(), List.of(), null, null);

        assertThat(json(RequestBodies.callDetail(ApiGeneration.SUCCESSOR, usersOnly)))
                .isEqualTo("{\"CommId\":\"c\",\"StartTime\":10,\"EndTime\":20,\"SdkAppId\":1}");
    }

    @Test
    void roomListCarriesEachGenerationsTypes() {
        RoomListRequest rooms = new RoomListRequest(1400188366L, 100, 200, 2, 100);

        assertThat(json(RequestBodies.roomList(ApiGeneration.SEED, rooms))).isEqualTo(
                "{\"SdkAppId\":\"1400188366\",\"StartTime\":100,\"EndTime\":200,\"PageNumber\":\"2\","
                        + "\"PageSize\":\"100\"}");
        assertThat(json(RequestBodies.roomList(ApiGeneration.SUCCESSOR, rooms))).isEqualTo(
                "{\"SdkAppId\":1400188366,\"StartTime\":100,\"EndTime\":200,\"PageNumber\":2,\"PageSize\":100}");
    }

    @Test
    void nonsenseRequestsAreRefusedBeforeSending() {
        assertThatThrownBy(() -> RequestBodies.callDetail(ApiGeneration.SEED,
                new CallDetailRequest(0, "c", 1, 2, null, null, null, null))).hasMessageContaining("trtc.sdk.app.id");
        assertThatThrownBy(() -> RequestBodies.callDetail(ApiGeneration.SEED,
                new CallDetailRequest(1, "c", 5, 2, null, null, null, null))).hasMessageContaining("window");
        assertThatThrownBy(() -> RequestBodies.callDetail(ApiGeneration.SEED,
                new CallDetailRequest(1, " ", 1, 2, null, null, null, null))).hasMessageContaining("CommId");
        assertThatThrownBy(() -> RequestBodies.roomList(ApiGeneration.SEED, new RoomListRequest(1, 1, 2, -1, 10)))
                .hasMessageContaining("PageNumber");
    }
}
