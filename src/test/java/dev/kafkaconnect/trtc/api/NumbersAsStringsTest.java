package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every numeric field of both answers read from a JSON string holding a number reads as the number does; strings
 * that hold no number (or no whole number, for integer fields) are refused naming the field.
 */
class NumbersAsStringsTest {

    /** A call-detail answer with each numeric field (and Finished) in {@code %s} slots, in this order. */
    private static final String DETAIL = """
            {"Response":{"Total":%s,"UserList":[{"RoomStr":"r","UserId":"u","JoinTs":%s,"LeaveTs":%s,"Finished":%s}],
             "Data":[{"UserId":"u","PeerId":"","DataType":"aBit","Content":[{"Time":%s,"Value":%s},{"Time":%s,"Value":%s}]}],
             "RequestId":"r1"}}""";
    private static final String ROOMS = """
            {"Response":{"Total":%s,"RoomList":[{"CommId":"c","RoomString":"1","CreateTime":%s,"DestroyTime":%s,
             "IsFinished":%s,"UserId":"u"}],"RequestId":"r2"}}""";

    private static CallDetailResponse detail(Object... slots) throws Exception {
        return ResponseReader.read(bytes(DETAIL.formatted(slots)), new CallDetailReader()).value();
    }

    private static RoomListResponse rooms(Object... slots) throws Exception {
        return ResponseReader.read(bytes(ROOMS.formatted(slots)), new RoomListReader()).value();
    }

    private static ByteArrayInputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    @Test
    void everyCallDetailFieldAsAStringReadsAsTheNumber() throws Exception {
        CallDetailResponse numbers = detail("2", "1590065777", "1590067658", "true", "1590065779", "108.09",
                "1590065781", "0");
        CallDetailResponse strings = detail(q("2"), q("1590065777"), q("1590067658"), q("true"), q("1590065779"),
                q("108.09"), q("1590065781"), q("0"));

        assertThat(strings.total()).isEqualTo(numbers.total()).isEqualTo(2);
        assertThat(strings.userList()).isEqualTo(numbers.userList());
        assertThat(strings.userList().get(0)).isEqualTo(new CallUser("r", "u", 1590065777L, 1590067658L, true,
                "", "", ""));
        assertThat(strings.data().get(0).timesCopy()).containsExactly(numbers.data().get(0).timesCopy());
        assertThat(strings.data().get(0).valuesCopy()).containsExactly(numbers.data().get(0).valuesCopy());
        assertThat(strings.data().get(0).valuesCopy()).containsExactly(108.09, 0.0);
    }

    @Test
    void everyRoomListFieldAsAStringReadsAsTheNumber() throws Exception {
        RoomListResponse numbers = rooms("1", "1590065777", "1590067658", "true");
        RoomListResponse strings = rooms(q("1"), q("1590065777"), q("1590067658"), q("true"));

        assertThat(strings.total()).isEqualTo(numbers.total()).isEqualTo(1);
        assertThat(strings.rooms()).isEqualTo(numbers.rooms());
        assertThat(strings.rooms().get(0)).isEqualTo(new RoomInfo("c", "1", 1590065777L, 1590067658L, true, "u"));
    }

    @ParameterizedTest(name = "Value {0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '"108.09"'       | 108.09
            '" 108.09 "'     | 108.09
            '"0"'            | 0
            '"-3.5"'         | -3.5
            '"1e3"'          | 1000
            '"1E-2"'         | 0.01
            '"0.1"'          | 0.1
            '"12.340"'       | 12.34
            '"1.7976931348623157e308"' | 1.7976931348623157e308
            """)
    void valueStringsReadAsDoubleParseDoubleReadsThem(String json, double expected) throws Exception {
        CallDetailResponse r = detail("1", "1", "2", "false", "10", json, "12", "0");
        assertThat(r.data().get(0).value(0)).isEqualTo(expected);
        // The same text as a JSON number gives the very same double.
        String plain = json.strip().substring(1, json.strip().length() - 1).strip();
        assertThat(detail("1", "1", "2", "false", "10", plain, "12", "0").data().get(0).value(0))
                .isEqualTo(r.data().get(0).value(0));
    }

    @ParameterizedTest(name = "Time {0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '"1590065779"'     | 1590065779
            '" 1590065779\\t"' | 1590065779
            '"1590065779.0"'   | 1590065779
            '"1.590065779e9"'  | 1590065779
            '"-0"'             | 0
            '"9223372036854775807"' | 9223372036854775807
            """)
    void integerStringsAreWholeNumbersExactly(String json, long expected) throws Exception {
        CallDetailResponse r = detail("1", json, json, "false", json, "1", "12", "0");
        assertThat(r.data().get(0).time(0)).isEqualTo(expected);
        assertThat(r.userList().get(0).joinTs()).isEqualTo(expected);
        assertThat(r.userList().get(0).leaveTs()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Finished {0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            true      | true
            false     | false
            1         | true
            0         | false
            null      | false
            '"true"'  | true
            '"false"' | false
            '" true "'| true
            '"1"'     | true
            '"0"'     | false
            """)
    void finishedReadsBooleansNumbersAndTheirStrings(String json, boolean expected) throws Exception {
        assertThat(detail("1", "1", "2", json, "10", "1", "12", "0").userList().get(0).finished()).isEqualTo(expected);
        assertThat(rooms("1", "1", "2", json).rooms().get(0).finished()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"\"", "\" \"", "\"x\"", "\"12a\"", "\"NaN\"", "\"Infinity\"", "\"0x10\"", "\"1d\"",
            "\"+1\"", "\"1.\"", "\".5\"", "\"01\"", "\"1e\"", "\"1,5\"", "\"1 2\"", "\"--1\""})
    void stringsThatHoldNoNumberAreRefusedNamingTheField(String garbage) {
        assertRefused(DETAIL.formatted(garbage, "1", "2", "false", "10", "1", "12", "0"), "Response.Total: expected an integer, got the string");
        assertRefused(DETAIL.formatted("1", garbage, "2", "false", "10", "1", "12", "0"), "Response.UserList[0].JoinTs: expected an integer, got the string");
        assertRefused(DETAIL.formatted("1", "1", garbage, "false", "10", "1", "12", "0"), "Response.UserList[0].LeaveTs: expected an integer, got the string");
        assertRefused(DETAIL.formatted("1", "1", "2", "false", garbage, "1", "12", "0"), "Response.Data[0].Content[0].Time: expected an integer, got the string");
        assertRefused(DETAIL.formatted("1", "1", "2", "false", "10", "1", "12", garbage), "Response.Data[0].Content[1].Value: expected a number, got the string");
        assertRoomsRefused(ROOMS.formatted(garbage, "1", "2", "true"), "Response.Total: expected an integer, got the string");
        assertRoomsRefused(ROOMS.formatted("1", garbage, "2", "true"), "Response.RoomList[0].CreateTime: expected an integer, got the string");
        assertRoomsRefused(ROOMS.formatted("1", "1", garbage, "true"), "Response.RoomList[0].DestroyTime: expected an integer, got the string");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"12.5\"", "\"1e-1\"", "\"9223372036854775808\"", "\"1e19\"", "\"1e999999999999\"",
            "\"-1e-999999999\""})
    void integerFieldsRefuseFractionsAndOutOfRange(String notWhole) {
        assertRefused(DETAIL.formatted("1", "1", "2", "false", notWhole, "1", "12", "0"), "Response.Data[0].Content[0].Time: ");
        assertRefused(DETAIL.formatted("1", notWhole, "2", "false", "10", "1", "12", "0"), "Response.UserList[0].JoinTs: ");
    }

    @Test
    void countsStayCountsAndValuesStayFinite() {
        assertRefused(DETAIL.formatted("\"-1\"", "1", "2", "false", "10", "1", "12", "0"), "Response.Total: not a count: -1");
        assertRefused(DETAIL.formatted("\"3000000000\"", "1", "2", "false", "10", "1", "12", "0"), "Response.Total: not a count");
        assertRefused(DETAIL.formatted("1", "1", "2", "false", "10", "\"1e400\"", "12", "0"), "Response.Data[0].Content[0].Value: number out of range");
        assertRoomsRefused(ROOMS.formatted("1", "1", "2", "\"yes\""), "Response.RoomList[0].IsFinished: expected a boolean, got the string \"yes\"");
        assertRefused(DETAIL.formatted("1", "1", "2", "\"TRUE\"", "10", "1", "12", "0"), "Response.UserList[0].Finished: expected a boolean");
    }

    @Test
    void aLongGarbageValueIsQuotedShortAndOnOneLine() {
        String garbage = "\"" + "x".repeat(500) + "\\n" + "\"";
        assertThatThrownBy(() -> detail("1", "1", "2", "false", "10", garbage, "12", "0"))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Value: expected a number, got the string \"xxxxxxxx")
                .hasMessageNotContaining("x".repeat(30))
                .hasMessageNotContaining("\n");
    }

    @Test
    void numericStringsElsewhereAreLeftAlone() throws Exception {
        // Ids are strings that may look like numbers: they stay text, exactly as sent.
        CallDetailResponse r = ResponseReader.read(bytes("{\"Response\":{\"Total\":\"1\",\"UserList\":[{\"UserId\":"
                + "\"007\",\"RoomStr\":\"1e3\"}],\"RequestId\":\"r\"}}"), new CallDetailReader()).value();
        assertThat(r.userList().get(0).userId()).isEqualTo("007");
        assertThat(r.userList().get(0).roomStr()).isEqualTo("1e3");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> ResponseReader.read(bytes(json), new CallDetailReader()))
                .isInstanceOf(ShapeException.class).hasMessageContaining(message);
    }

    private static void assertRoomsRefused(String json, String message) {
        assertThatThrownBy(() -> ResponseReader.read(bytes(json), new RoomListReader()))
                .isInstanceOf(ShapeException.class).hasMessageContaining(message);
    }
}
