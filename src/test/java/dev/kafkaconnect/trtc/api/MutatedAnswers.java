package dev.kafkaconnect.trtc.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Seeded mutations of valid call-detail answers (and an error answer): the fuzz tests' bodies. */
public final class MutatedAnswers {
    static final String LIVE = """
            {"Response":{"Total":2,"UserList":[{"RoomStr":"r1","UserId":"a","JoinTs":1700000000,"LeaveTs":1700000900,
            "Finished":false,"DeviceType":"iOS","SdkVersion":"9.1","ClientIp":"10.0.0.1"},{"RoomStr":"r1","UserId":"b",
            "JoinTs":1700000010,"LeaveTs":1700000500,"Finished":true,"DeviceType":"Android","SdkVersion":"9.2",
            "ClientIp":"10.0.0.2"}],"Data":[{"UserId":"a","PeerId":"","DataType":"aBit","Content":[{"Time":1700000002,
            "Value":108.09},{"Time":1700000004,"Value":0}]},{"UserId":"a","PeerId":"b","DataType":"rtt","Content":
            [{"Time":1700000002,"Value":12}]}],"RequestId":"req-1"}}""";
    static final String ERROR = "{\"Response\":{\"Error\":{\"Code\":\"InternalError\",\"Message\":\"x\"},"
            + "\"RequestId\":\"req-2\"}}";
    static final List<String> BASES = List.of(CallDetailReaderTest.SEED_EXAMPLE, LIVE, ERROR);
    static final List<String> TOKENS = List.of("null", "true", "-1", "1e400", "-1e400",
            "99999999999999999999999999", "9223372036854775808", "\"x\"", "{}", "[]", "{\"a\":", "\u0000", "NaN",
            "\"\\uD800\"", "\"\\u0000\"", "[".repeat(5000), "{\"a\":".repeat(3000), "\"" + "z".repeat(100_000) + "\"",
            ",", ":", "}", "]", "\"Response\"", "\"Total\"", "\"Content\"", "0.0000000000000000000001", "-0",
            "\"UserList\":[", "\"Data\":null", "\u00ff\u00fe", "\uFFFF");

    /** A valid answer with one to four random mutations. */
    public static byte[] mutate(Random random) {
        byte[] body = BASES.get(random.nextInt(BASES.size())).getBytes(StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(4);
        for (int m = 0; m < n && body.length > 0; m++) {
            int at = random.nextInt(body.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (at < body.length) {
                        body = body.clone();
                        body[at] = (byte) random.nextInt(256);
                    }
                    continue;
                }
                case 1 -> {
                    int len = Math.min(body.length - at, 1 + random.nextInt(20));
                    out.write(body, 0, at);
                    out.write(body, at + len, body.length - at - len);
                }
                case 2 -> out.write(body, 0, at);
                case 3 -> {
                    int from = random.nextInt(body.length);
                    int len = Math.min(body.length - from, 1 + random.nextInt(40));
                    out.write(body, 0, at);
                    out.write(body, from, len);
                    out.write(body, at, body.length - at);
                }
                default -> {
                    out.write(body, 0, at);
                    out.writeBytes(TOKENS.get(random.nextInt(TOKENS.size())).getBytes(StandardCharsets.UTF_8));
                    out.write(body, at, body.length - at);
                }
            }
            body = out.toByteArray();
        }
        return body;
    }

    public static String preview(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private MutatedAnswers() {
    }
}
