package dev.kafkaconnect.trtc.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Command-line options of {@link SimulatorMain}; every bad value is refused with the option's name. */
record SimulatorOptions(int port, long seed, int calls, int liveCalls, long sdkAppId, String secretId,
                        String secretKey, int rateLimit, Duration dataDelay, Duration lookback, Duration latency,
                        boolean seedActionOffline, boolean numbersAsStrings,
                        Map<String, Malformation> malformedAnswers, boolean help) {

    static final String SECRET_KEY_ENV = "TRTC_SIM_SECRET_KEY";

    static final String USAGE = String.join("\n",
            "Usage: java -jar target/tools/kafka-connect-trtc-<version>-tools.jar [options]",
            "  --port N               port on 127.0.0.1 (default 18080; 0 = any free port)",
            "  --seed N               data set seed (default 42)",
            "  --calls N              finished calls spread over the lookback (default 20)",
            "  --live-calls N         calls in progress (default 2)",
            "  --sdk-app-id N         the application's SdkAppId (default " + TrtcSimulator.DEFAULT_SDK_APP_ID + ")",
            "  --secret-id ID         accepted SecretId (default " + TrtcSimulator.DEMO_SECRET_ID + ")",
            "  --secret-key KEY       its SecretKey (default: $" + SECRET_KEY_ENV + ", else the demo key "
                    + TrtcSimulator.DEMO_SECRET_KEY + ")",
            "  --rate-limit N         requests per second per action (default 20; 0 = unlimited)",
            "  --data-delay D         how late data becomes visible, e.g. 10s, 500ms, 1m (default 10s)",
            "  --lookback D           how far back queries may start, e.g. 14d (default 14d)",
            "  --latency D            added to every answer, e.g. 250ms (default 0)",
            "  --seed-action-offline  DescribeCallDetail and DescribeRoomInformation answer ActionOffline",
            "  --numbers-as-strings   every numeric field of the answers as a JSON string (\"108.09\")",
            "  --malformed-answer COMMID[:KIND]",
            "                         every call-detail answer for the call is malformed (repeatable); KIND:",
            "                         point-without-time (default), total-missing, wrong-type",
            "  --help                 this text");

    static SimulatorOptions parse(String[] args, Map<String, String> env) {
        int port = 18080;
        long seed = 42;
        int calls = 20;
        int live = 2;
        long app = TrtcSimulator.DEFAULT_SDK_APP_ID;
        String secretId = TrtcSimulator.DEMO_SECRET_ID;
        String envKey = env.get(SECRET_KEY_ENV);
        String secretKey = envKey != null && !envKey.isBlank() ? envKey : TrtcSimulator.DEMO_SECRET_KEY;
        int rate = 20;
        Duration delay = Duration.ofSeconds(10);
        Duration lookback = Duration.ofDays(14);
        Duration latency = Duration.ZERO;
        boolean offline = false;
        boolean asStrings = false;
        Map<String, Malformation> malformed = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            switch (opt) {
                case "--help", "-h" -> help = true;
                case "--seed-action-offline" -> offline = true;
                case "--numbers-as-strings" -> asStrings = true;
                case "--malformed-answer" -> malformed(opt, value(args, ++i, opt), malformed);
                case "--port" -> port = (int) number(opt, value(args, ++i, opt), 0, 65535);
                case "--seed" -> seed = number(opt, value(args, ++i, opt), Long.MIN_VALUE, Long.MAX_VALUE);
                case "--calls" -> calls = (int) number(opt, value(args, ++i, opt), 0, 1_000_000);
                case "--live-calls" -> live = (int) number(opt, value(args, ++i, opt), 0, 100_000);
                case "--sdk-app-id" -> app = number(opt, value(args, ++i, opt), 1, Long.MAX_VALUE);
                case "--secret-id" -> secretId = text(opt, value(args, ++i, opt));
                case "--secret-key" -> secretKey = text(opt, value(args, ++i, opt));
                case "--rate-limit" -> rate = (int) number(opt, value(args, ++i, opt), 0, 1_000_000);
                case "--data-delay" -> delay = duration(opt, value(args, ++i, opt));
                case "--lookback" -> lookback = duration(opt, value(args, ++i, opt));
                case "--latency" -> latency = duration(opt, value(args, ++i, opt));
                default -> throw new IllegalArgumentException("unknown option `" + opt + "`");
            }
        }
        if (lookback.isZero()) {
            throw new IllegalArgumentException("--lookback must be positive");
        }
        if (calls > 0 && lookback.toSeconds() <= 3 * 3600) {
            throw new IllegalArgumentException("--lookback must exceed 3h to hold finished calls; got " + lookback);
        }
        return new SimulatorOptions(port, seed, calls, live, app, secretId, secretKey, rate, delay, lookback, latency,
                offline, asStrings, Map.copyOf(malformed), help);
    }

    /** {@code COMMID} or {@code COMMID:KIND}. */
    private static void malformed(String opt, String v, Map<String, Malformation> into) {
        int colon = v.lastIndexOf(':');
        String commId = (colon < 0 ? v : v.substring(0, colon)).trim();
        if (commId.isEmpty()) {
            throw new IllegalArgumentException(opt + " needs a CommId, e.g. 1400188366_218695_1590065777[:KIND]");
        }
        try {
            into.put(commId, colon < 0 ? Malformation.POINT_WITHOUT_TIME : Malformation.ofLabel(v.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(opt + ": " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String opt) {
        if (i >= args.length) {
            throw new IllegalArgumentException(opt + " needs a value");
        }
        return args[i];
    }

    private static String text(String opt, String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException(opt + " must not be blank");
        }
        return v;
    }

    private static long number(String opt, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " must be a whole number; got `" + v + "`");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(opt + " must be between " + min + " and " + max + "; got " + n);
        }
        return n;
    }

    /** {@code 10s}, {@code 500ms}, {@code 5m}, {@code 2h}, {@code 14d}, or plain seconds. */
    static Duration duration(String opt, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            } else if (s.endsWith("d")) {
                d = Duration.ofDays(Long.parseLong(s.substring(0, s.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(s));
            }
            if (d.isNegative()) {
                throw new IllegalArgumentException(opt + " must not be negative; got `" + v + "`");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(opt + " must be a duration like 10s, 500ms, 5m, 2h or 14d; got `"
                    + v + "`");
        }
    }

    @Override
    public String toString() {
        return "SimulatorOptions{port=" + port + ", seed=" + seed + ", calls=" + calls + ", liveCalls=" + liveCalls
                + ", sdkAppId=" + sdkAppId + ", secretId=" + secretId + ", rateLimit=" + rateLimit + ", dataDelay="
                + dataDelay + ", lookback=" + lookback + ", latency=" + latency + ", seedActionOffline=" + seedActionOffline
                + ", numbersAsStrings=" + numbersAsStrings + ", malformedAnswers=" + malformedAnswers + "}";
    }
}
