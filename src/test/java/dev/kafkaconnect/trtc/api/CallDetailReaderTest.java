package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Streaming parsing of call-detail answers: the documented example, every tolerated variant and every bad shape. */
class CallDetailReaderTest {

    /** The example answer of the DescribeCallDetail API page. */
    static final String SEED_EXAMPLE = """
            {"Response": {
              "Total": 1,
              "UserList": [{"RoomStr": "218695", "UserId": "1716", "JoinTs": 1590065777, "LeaveTs": 1590067658,
                            "Finished": true, "DeviceType": "", "SdkVersion": "4.3.14", "ClientIp": ""}],
              "Data": [{"Content": [{"Time": 1590065779, "Value": 0}, {"Time": 1590065781, "Value": 0},
                                    {"Time": 1590065783, "Value": 0}, {"Time": 1590065785, "Value": 0},
                                    {"Time": 1590065787, "Value": 0}, {"Time": 1590065789, "Value": 0}],
                        "PeerId": "", "UserId": "1716", "DataType": "bigvCapFps"}],
              "RequestId": "2e12e365-43e8-4efd-902d-906303e2ee4a"}}""";

    static ResponseReader.Answer<CallDetailResponse> parse(String json) throws IOException, ShapeException {
        return ResponseReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                new CallDetailReader());
    }

    static CallDetailResponse value(String json) throws IOException, ShapeException {
        ResponseReader.Answer<CallDetailResponse> answer = parse(json);
        assertThat(answer.failed()).as("answer failed with %s", answer.errorCode()).isFalse();
        return answer.value();
    }

    @Test
    void seedExampleParsesCompletely() throws Exception {
        CallDetailResponse r = value(SEED_EXAMPLE);

        assertThat(r.total()).isEqualTo(1);
        assertThat(r.requestId()).isEqualTo("2e12e365-43e8-4efd-902d-906303e2ee4a");
        assertThat(r.userListPresent()).isTrue();
        assertThat(r.userList()).containsExactly(new CallUser("218695", "1716", 1590065777L, 1590067658L, true,
                "", "4.3.14", ""));
        assertThat(r.data()).hasSize(1);
        QualitySeries s = r.data().get(0);
        assertThat(s.userId()).isEqualTo("1716");
        assertThat(s.peerId()).isNull();
        assertThat(s.dataType()).isEqualTo("bigvCapFps");
        assertThat(s.timesCopy()).containsExactly(1590065779L, 1590065781L, 1590065783L, 1590065785L, 1590065787L,
                1590065789L);
        assertThat(s.valuesCopy()).containsOnly(0.0);
        assertThat(r.pointCount()).isEqualTo(6);
    }

    @Test
    void decimalsAreExactAndIntsAndDecimalsMix() throws Exception {
        CallDetailResponse r = value("""
                {"Response":{"Total":1,"Data":[{"UserId":"u","PeerId":"p2","DataType":"aBit","Content":[
                  {"Time":10,"Value":108.09},{"Time":12.0,"Value":7},{"Time":14,"Value":0.1},
                  {"Time":16,"Value":1234567890.123456789},{"Time":18,"Value":-3.5e2}]}],"RequestId":"r"}}""");

        QualitySeries s = r.data().get(0);
        assertThat(s.peerId()).isEqualTo("p2");
        assertThat(s.timesCopy()).containsExactly(10L, 12L, 14L, 16L, 18L);
        // Exactly the doubles Java reads from the same text: no float rounding on the way.
        assertThat(s.value(0)).isEqualTo(108.09).isNotEqualTo((double) 108.09f);
        assertThat(s.value(1)).isEqualTo(7.0);
        assertThat(s.value(2)).isEqualTo(0.1);
        assertThat(s.value(3)).isEqualTo(Double.parseDouble("1234567890.123456789"));
        assertThat(s.value(4)).isEqualTo(-350.0);
    }

    @Test
    void nullAndMissingListsAreEmpty() throws Exception {
        CallDetailResponse nulls = value("{\"Response\":{\"Total\":0,\"UserList\":null,\"Data\":null,"
                + "\"RequestId\":\"r\"}}");
        CallDetailResponse missing = value("{\"Response\":{\"Total\":3,\"RequestId\":\"r\"}}");
        CallDetailResponse empty = value("{\"Response\":{\"Total\":0,\"UserList\":[],\"Data\":[],"
                + "\"RequestId\":\"r\"}}");

        assertThat(nulls.userList()).isEmpty();
        assertThat(nulls.userListPresent()).isFalse();
        assertThat(nulls.data()).isEmpty();
        assertThat(missing.userList()).isEmpty();
        assertThat(missing.userListPresent()).isFalse();
        assertThat(missing.total()).isEqualTo(3);
        assertThat(empty.userListPresent()).isTrue();
        assertThat(empty.data()).isEmpty();
    }

    @Test
    void nullPeerAndNullFieldsAreTolerated() throws Exception {
        CallDetailResponse r = value("""
                {"Response":{"Total":1,"UserList":[{"UserId":"u","RoomStr":null,"JoinTs":null,"LeaveTs":5,
                  "Finished":null,"DeviceType":null,"SdkVersion":null,"ClientIp":null}],
                 "Data":[{"UserId":"u","PeerId":null,"DataType":"aLoss","Content":null},
                         {"UserId":"u","DataType":"aBit","Content":[{"Time":1,"Value":null},{"Time":3,"Value":2}]}],
                 "RequestId":"r"}}""");

        assertThat(r.userList()).containsExactly(new CallUser("", "u", 0, 5, false, "", "", ""));
        assertThat(r.data().get(0).peerId()).isNull();
        assertThat(r.data().get(0).size()).isZero();
        // A null value is an unmeasured sample: it is dropped, the next point kept.
        assertThat(r.data().get(1).timesCopy()).containsExactly(3L);
    }

    @Test
    void unknownFieldsAnywhereAreSkipped() throws Exception {
        CallDetailResponse r = value("""
                {"Extra":{"a":[1,2,{"b":null}]},"Response":{"New":[{"x":1}],"Total":1,
                  "UserList":[{"UserId":"u","Nested":{"k":[true]},"Finished":1}],
                  "Data":[{"UserId":"u","DataType":"rtt","Unit":"ms","Content":[{"Time":1,"Value":2,"Q":{}}]}],
                  "RequestId":"r"},"Trailer":true}""");

        assertThat(r.userList().get(0).finished()).isTrue();
        assertThat(r.data().get(0).valuesCopy()).containsExactly(2.0);
    }

    @Test
    void fieldOrderDoesNotMatter() throws Exception {
        CallDetailResponse r = value("{\"Response\":{\"RequestId\":\"r\",\"Data\":[{\"Content\":[{\"Value\":4,"
                + "\"Time\":9}],\"DataType\":\"aBit\",\"UserId\":\"u\"}],\"Total\":1}}");

        assertThat(r.data().get(0).time(0)).isEqualTo(9);
        assertThat(r.data().get(0).value(0)).isEqualTo(4.0);
    }

    @Test
    void manyPointsGrowTheArrays() throws Exception {
        StringBuilder sb = new StringBuilder("{\"Response\":{\"Total\":1,\"Data\":[{\"UserId\":\"u\",\"DataType\":"
                + "\"aBit\",\"Content\":[");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"Time\":").append(i).append(",\"Value\":").append(i).append(".25}");
        }
        sb.append("]}],\"RequestId\":\"r\"}}");

        QualitySeries s = value(sb.toString()).data().get(0);

        assertThat(s.size()).isEqualTo(10_000);
        assertThat(s.time(9_999)).isEqualTo(9_999);
        assertThat(s.value(9_999)).isEqualTo(9_999.25);
    }

    @Test
    void errorAnswerIsReportedWithItsRequestIdInAnyOrder() throws Exception {
        ResponseReader.Answer<CallDetailResponse> a = parse("{\"Response\":{\"RequestId\":\"rid\",\"Error\":"
                + "{\"Message\":\"bad\\nthing\",\"Code\":\"InvalidParameter.StartTs\"}}}");

        assertThat(a.failed()).isTrue();
        assertThat(a.errorCode()).isEqualTo("InvalidParameter.StartTs");
        assertThat(a.errorMessage()).isEqualTo("bad\nthing");
        assertThat(a.requestId()).isEqualTo("rid");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object              | []                                                                | the answer is not a JSON object
            no Response                | {"Other":{}}                                                      | no Response object
            Response not an object     | {"Response":[1]}                                                  | Response: expected an object, got an array
            missing RequestId          | {"Response":{"Total":0}}                                          | RequestId is missing
            missing Total              | {"Response":{"RequestId":"r"}}                                    | Total is missing
            Total a non-numeric string | {"Response":{"Total":"x","RequestId":"r"}}                        | Response.Total: expected an integer, got the string "x"
            negative Total             | {"Response":{"Total":-1,"RequestId":"r"}}                         | Response.Total: not a count
            UserList an object         | {"Response":{"Total":0,"UserList":{},"RequestId":"r"}}            | Response.UserList: expected an array, got an object
            user without UserId        | {"Response":{"Total":0,"UserList":[{"JoinTs":1}],"RequestId":"r"}} | Response.UserList[0]: UserId is missing
            JoinTs a boolean           | {"Response":{"Total":0,"UserList":[{"UserId":"u","JoinTs":true}],"RequestId":"r"}} | Response.UserList[0].JoinTs: expected an integer
            Finished a string          | {"Response":{"Total":0,"UserList":[{"UserId":"u","Finished":"yes"}],"RequestId":"r"}} | Response.UserList[0].Finished: expected a boolean
            Data a string              | {"Response":{"Total":0,"Data":"x","RequestId":"r"}}               | Response.Data: expected an array
            series without DataType    | {"Response":{"Total":0,"Data":[{"UserId":"u"}],"RequestId":"r"}}  | Response.Data[0]: DataType is missing
            Value a non-numeric string | {"Response":{"Total":0,"Data":[{"UserId":"u","DataType":"a","Content":[{"Time":1,"Value":2},{"Time":3,"Value":"4x"}]}],"RequestId":"r"}} | Response.Data[0].Content[1].Value: expected a number, got the string "4x"
            Value an object            | {"Response":{"Total":0,"Data":[{"UserId":"u","DataType":"a","Content":[{"Time":1,"Value":{}}]}],"RequestId":"r"}} | Response.Data[0].Content[0].Value: expected a number, got an object
            point without Time         | {"Response":{"Total":0,"Data":[{"UserId":"u","DataType":"a","Content":[{"Value":2}]}],"RequestId":"r"}} | Response.Data[0].Content[0]: Time is missing
            point not an object        | {"Response":{"Total":0,"Data":[{"UserId":"u","DataType":"a","Content":[5]}],"RequestId":"r"}} | Response.Data[0].Content[0]: expected an object, got a number
            huge Time                  | {"Response":{"Total":0,"Data":[{"UserId":"u","DataType":"a","Content":[{"Time":99999999999999999999,"Value":1}]}],"RequestId":"r"}} | Response.Data[0].Content[0].Time: integer out of range
            Error without Code         | {"Response":{"Error":{"Message":"m"},"RequestId":"r"}}             | Response.Error: Error has no Code
            trailing content           | {"Response":{"Total":0,"RequestId":"r"}} {}                        | content after the answer's JSON object
            """)
    void wrongShapesAreNamed(String name, String json, String expected) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(ShapeException.class).hasMessageContaining(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cut in a number   | {"Response":{"Total":1,"Data":[{"UserId":"u","DataType":"a","Content":[{"Time":1,"Value":10
            cut in a string   | {"Response":{"Total":1,"RequestId":"abc
            cut after a field | {"Response":{"Total":1,
            """)
    void truncatedJsonIsAnIoFailure(String name, String json) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(JsonParseException.class).hasMessageContaining("end-of-input");
    }

    @Test
    void emptyAndMalformedBodiesAreIoFailures() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("<html>502</html>")).isInstanceOf(IOException.class);
    }
}
