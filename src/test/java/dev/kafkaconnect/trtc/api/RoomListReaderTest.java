package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoomListReaderTest {

    private static RoomListResponse parse(String json) throws Exception {
        return ResponseReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new RoomListReader()).value();
    }

    @Test
    void roomsParseWithNumericAndNullFields() throws Exception {
        RoomListResponse r = parse("""
                {"Response":{"Total":2,"RoomList":[
                  {"CommId":"1400188366_218695_1590065777","RoomString":"218695","CreateTime":1590065777,
                   "DestroyTime":1590067658,"IsFinished":true,"UserId":"1716"},
                  {"CommId":"1400188366_9_1590070000","RoomString":9,"CreateTime":1590070000,"DestroyTime":null,
                   "IsFinished":false,"UserId":null,"Future":{"x":1}}],
                 "RequestId":"r1"}}""");

        assertThat(r.total()).isEqualTo(2);
        assertThat(r.requestId()).isEqualTo("r1");
        assertThat(r.rooms()).containsExactly(
                new RoomInfo("1400188366_218695_1590065777", "218695", 1590065777L, 1590067658L, true, "1716"),
                new RoomInfo("1400188366_9_1590070000", "9", 1590070000L, 0L, false, ""));
    }

    @Test
    void nullRoomListIsEmpty() throws Exception {
        assertThat(parse("{\"Response\":{\"Total\":0,\"RoomList\":null,\"RequestId\":\"r\"}}").rooms()).isEmpty();
    }

    @Test
    void roomWithoutCommIdIsAShapeError() {
        assertThatThrownBy(() -> parse("{\"Response\":{\"Total\":1,\"RoomList\":[{\"RoomString\":\"1\"}],"
                + "\"RequestId\":\"r\"}}"))
                .isInstanceOf(ShapeException.class)
                .hasMessage("Response.RoomList[0]: CommId is missing");
    }
}
