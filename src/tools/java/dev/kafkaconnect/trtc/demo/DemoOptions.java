package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's command line. Credentials for the real API never come from the command line (they would show in
 * {@code ps} and shell history): from {@code TRTC_SECRET_ID}/{@code TRTC_SECRET_KEY}[/{@code TRTC_TOKEN}] or a
 * properties file ({@code secretId}, {@code secretKey}, {@code token}, {@code sdkAppId}, {@code commIds}).
 */
public record DemoOptions(int calls, int liveCalls, long seed, Optional<Duration> duration, boolean plain,
                          boolean untilDone, boolean json, Optional<RealApi> realApi) {

    public static final String USAGE = """
            Options (pass them with -Ddemo.args="..."):
              --duration D           stop by itself after D (60, 60s, 2m) and print a summary
              --plain                plain progress lines instead of the refreshing screen
              --until-done           stop once every call has been read (with --live-calls 0)
              --calls N              finished calls in the simulator (default 3)
              --live-calls N         calls in progress in the simulator (default 2)
              --seed N               simulator seed (default 42)
              --json                 JSON converter even where the schema registry can run
              --credentials-file F   real Tencent API: properties secretId, secretKey[, token], sdkAppId, commIds
              --comm-ids A,B         real Tencent API: the calls to read (else commIds from the file)
              --sdk-app-id N         real Tencent API: the SDKAppID (else sdkAppId from the file)
            Real API credentials: TRTC_SECRET_ID, TRTC_SECRET_KEY [, TRTC_TOKEN] or --credentials-file.""";

    /** Credentials and calls for the real Tencent API; {@link #toString()} leaves the secrets out. */
    public record RealApi(String secretId, String secretKey, String token, String sdkAppId, String commIds) {
        @Override
        public String toString() {
            return "RealApi[secretId=" + secretId + ", sdkAppId=" + sdkAppId + ", commIds=" + commIds + "]";
        }
    }

    public static DemoOptions parse(String[] args, Map<String, String> env) {
        int calls = 3;
        int liveCalls = 2;
        long seed = 42;
        Duration duration = null;
        boolean plain = false;
        boolean untilDone = false;
        boolean json = false;
        Path credentialsFile = null;
        String commIds = null;
        String sdkAppId = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--calls" -> calls = nonNegative(option, value(args, ++i, option));
                case "--live-calls" -> liveCalls = nonNegative(option, value(args, ++i, option));
                case "--seed" -> seed = number(option, value(args, ++i, option));
                case "--duration" -> duration = duration(value(args, ++i, option));
                case "--plain" -> plain = true;
                case "--until-done" -> untilDone = true;
                case "--json" -> json = true;
                case "--credentials-file" -> credentialsFile = Path.of(value(args, ++i, option));
                case "--comm-ids" -> commIds = value(args, ++i, option);
                case "--sdk-app-id" -> sdkAppId = value(args, ++i, option);
                case "--secret-key", "--secret-id", "--token" -> throw new IllegalArgumentException(option
                        + " is not accepted on the command line; use TRTC_SECRET_ID/TRTC_SECRET_KEY/TRTC_TOKEN"
                        + " or --credentials-file");
                default -> throw new IllegalArgumentException("Unknown option '" + option + "'\n" + USAGE);
            }
        }
        if (untilDone && liveCalls > 0) {
            throw new IllegalArgumentException("--until-done waits for every call to finish: add --live-calls 0");
        }
        if (calls + liveCalls == 0) {
            throw new IllegalArgumentException("--calls and --live-calls are both 0: the simulator needs a call");
        }
        Optional<RealApi> realApi = realApi(credentialsFile, env, commIds, sdkAppId);
        return new DemoOptions(calls, liveCalls, seed, Optional.ofNullable(duration), plain, untilDone, json,
                realApi);
    }

    private static Optional<RealApi> realApi(Path file, Map<String, String> env, String commIds, String sdkAppId) {
        Properties props = new Properties();
        if (file != null) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("--credentials-file " + file + " cannot be read: " + e.getMessage());
            }
        }
        String id = first(props.getProperty("secretId"), env.get("TRTC_SECRET_ID"));
        String key = first(props.getProperty("secretKey"), env.get("TRTC_SECRET_KEY"));
        String token = first(props.getProperty("token"), env.get("TRTC_TOKEN"));
        if (id == null && key == null) {
            if (file != null || commIds != null || sdkAppId != null) {
                throw new IllegalArgumentException("Real API options given but no credentials: set TRTC_SECRET_ID"
                        + " and TRTC_SECRET_KEY or secretId/secretKey in --credentials-file");
            }
            return Optional.empty();
        }
        String source = file != null ? "--credentials-file " + file : "the environment";
        if (id == null || key == null) {
            throw new IllegalArgumentException("Incomplete credentials from " + source + ": "
                    + (id == null ? "secretId (TRTC_SECRET_ID)" : "secretKey (TRTC_SECRET_KEY)") + " is missing");
        }
        String calls = first(commIds, props.getProperty("commIds"));
        String app = first(sdkAppId, props.getProperty("sdkAppId"));
        if (calls == null) {
            throw new IllegalArgumentException("Real API mode needs the calls to read: --comm-ids or commIds in"
                    + " --credentials-file");
        }
        if (app == null) {
            throw new IllegalArgumentException("Real API mode needs the SDKAppID: --sdk-app-id or sdkAppId in"
                    + " --credentials-file");
        }
        number("sdkAppId", app);
        return Optional.of(new RealApi(id, key, token, app, calls));
    }

    /** {@code 60}, {@code 60s}, {@code 2m} or ISO-8601 ({@code PT1M}). */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t);
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--duration must be positive, was '" + text + "'");
            }
            return d;
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null
                    && e.getMessage().startsWith("--duration")) {
                throw e;
            }
            throw new IllegalArgumentException("--duration '" + text + "' is not a duration: use 60, 60s, 2m or PT1M");
        }
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b != null && !b.isBlank() ? b.strip() : null;
    }

    private static long number(String option, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a whole number");
        }
    }

    private static int nonNegative(String option, String text) {
        long n = number(option, text);
        if (n < 0 || n > 1000) {
            throw new IllegalArgumentException(option + " must be between 0 and 1000, was " + n);
        }
        return (int) n;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
