package dev.kafkaconnect.trtc.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Command-line options of {@link SimulatorMain}; every bad value is refused with the option's name. */
record SimulatorOptions(int port, long seed, int calls, int liveCalls, long sdkAppId, String secretId,
                        String secretKey, int rateLimit, Duration dataDelay, Duration lookback, Duration latency,
                        boolean seedActionOffline, boolean numbersAsStrings,
                        Map<String, Malformation> malformedAnswers, Map<String, Integer> actionRateLimits,
                        Readings readings, boolean help) {

    /**
     * The readings of the API docs the simulator serves (see {@link SimulatorSettings}); the defaults are the
     * settings' defaults.
     */
    record Readings(SimulatorSettings.WindowCount windowCount, SimulatorSettings.StartTime startTime,
                    Duration dataWindow, Duration userListWindow,
                    SimulatorSettings.ListedStay listedStay, boolean userListOmitted,
                    SimulatorSettings.CallTotal callTotal, SimulatorSettings.OversizeWindow oversizeWindow,
                    UserListMode userListMode, SimulatorSettings.RoomFilter roomFilter,
                    SimulatorSettings.RoomTotal roomTotal, SimulatorSettings.EmptyList emptyList,
                    SimulatorSettings.UnknownCommId unknownCommId, SimulatorSettings.UserOrder userOrder,
                    SimulatorSettings.OwnPeerId ownPeerId, SimulatorSettings.EventTimeUnit eventTimeUnit) {

        static final Readings DEFAULTS = of(new SimulatorSettings());

        static Readings of(SimulatorSettings s) {
            return new Readings(s.windowCount(), s.startTime(), s.dataWindow(), s.userListWindow(), s.listedStay(),
                    s.userListOmitted(), s.callTotal(), s.oversizeWindow(), s.userListMode(), s.roomFilter(),
                    s.roomTotal(), s.emptyList(), s.unknownCommId(), s.userOrder(), s.ownPeerId(), s.eventTimeUnit());
        }

        /** Sets every reading on {@code s}. */
        void applyTo(SimulatorSettings s) {
            s.windowCount(windowCount).startTime(startTime).dataWindow(dataWindow).userListWindow(userListWindow)
                    .listedStay(listedStay).userListOmitted(userListOmitted).callTotal(callTotal)
                    .oversizeWindow(oversizeWindow).userListMode(userListMode).roomFilter(roomFilter)
                    .roomTotal(roomTotal).emptyList(emptyList).unknownCommId(unknownCommId)
                    .userOrder(userOrder).ownPeerId(ownPeerId).eventTimeUnit(eventTimeUnit);
        }

        /** The readings that differ from the defaults, as options, for the start-up banner ("" if none). */
        String changed() {
            StringBuilder b = new StringBuilder();
            Readings d = DEFAULTS;
            if (windowCount != d.windowCount) {
                b.append(" --window-count ").append(label(windowCount));
            }
            if (startTime != d.startTime) {
                b.append(" --start-time ").append(label(startTime));
            }
            if (!dataWindow.equals(d.dataWindow)) {
                b.append(" --data-window ").append(dataWindow.toSeconds()).append('s');
            }
            if (!userListWindow.equals(d.userListWindow)) {
                b.append(" --user-list-window ").append(userListWindow.toSeconds()).append('s');
            }
            if (listedStay != d.listedStay) {
                b.append(" --listed-stay ").append(label(listedStay));
            }
            if (userListOmitted) {
                b.append(" --user-list-omitted");
            }
            if (callTotal != d.callTotal) {
                b.append(" --call-total ").append(label(callTotal));
            }
            if (oversizeWindow != d.oversizeWindow) {
                b.append(" --oversize-window ").append(label(oversizeWindow));
            }
            if (userListMode != d.userListMode) {
                b.append(" --user-list-mode ").append(label(userListMode));
            }
            if (roomFilter != d.roomFilter) {
                b.append(" --room-filter ").append(label(roomFilter));
            }
            if (roomTotal != d.roomTotal) {
                b.append(" --room-total ").append(label(roomTotal));
            }
            if (emptyList != d.emptyList) {
                b.append(" --empty-list ").append(label(emptyList));
            }
            if (unknownCommId != d.unknownCommId) {
                b.append(" --unknown-comm-id ").append(label(unknownCommId));
            }
            if (userOrder != d.userOrder) {
                b.append(" --user-order ").append(label(userOrder));
            }
            if (ownPeerId != d.ownPeerId) {
                b.append(" --own-peer-id ").append(label(ownPeerId));
            }
            if (eventTimeUnit != d.eventTimeUnit) {
                b.append(" --event-time ").append(label(eventTimeUnit));
            }
            return b.toString().trim();
        }
    }

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
            "  --action-rate-limit ACTION=N",
            "                         requests per second of one action, instead of --rate-limit (repeatable)",
            "  --data-delay D         how late data becomes visible, e.g. 10s, 500ms, 1m (default 10s)",
            "  --lookback D           how far back queries may start, e.g. 14d (default 14d)",
            "  --latency D            added to every answer, e.g. 250ms (default 0)",
            "  --seed-action-offline  DescribeCallDetail and DescribeRoomInformation answer ActionOffline",
            "  --numbers-as-strings   every numeric field of the answers as a JSON string (\"108.09\")",
            "  --malformed-answer COMMID[:KIND]",
            "                         every call-detail answer for the call is malformed (repeatable); KIND:",
            "                         point-without-time (default), total-missing, wrong-type",
            "Readings of the API docs served (defaults: the documented or most likely reading):",
            "  --window-count end-minus-start|inclusive",
            "                         how a window is measured against its limit; inclusive counts both bounds",
            "                         (EndTime - StartTime + 1) and refuses a window of exactly 1 h",
            "                         with InvalidParameter.QueryScaleOversize (default end-minus-start)",
            "  --start-time inclusive|exclusive",
            "                         whether StartTime is inclusive for the points and rooms returned;",
            "                         exclusive returns only those after it (default inclusive)",
            "  --data-window D        longest call-detail window with DataType (default 1h)",
            "  --user-list-window D   longest call-detail window without DataType (default 4h)",
            "  --oversize-window error|empty-result",
            "                         what an over-long call-detail window answers (successor; default error)",
            "  --call-total listed|page",
            "                         what a call-detail Total counts (default listed: the users listed)",
            "  --user-list-mode all-users|present-in-range",
            "                         which users a ranged query lists (default all-users)",
            "  --listed-stay latest-in-window|latest|every-stay",
            "                         which stay of a rejoined user is listed (default latest-in-window)",
            "  --user-list-omitted    call-detail answers carry Data but no UserList",
            "  --empty-list empty-array|null",
            "                         how an empty UserList or Data is sent (default empty-array)",
            "  --unknown-comm-id resource-not-found|empty-result",
            "                         what a query for an unknown CommId answers (default resource-not-found)",
            "  --user-order stable|shifts-between-pages",
            "                         whether a window's user order shifts once between its pages (default stable)",
            "  --room-filter created-in-window|active-in-window",
            "                         which rooms the room listing returns (default created-in-window)",
            "  --room-total page|overall",
            "                         what the room listing's Total counts (default page)",
            "  --own-peer-id self|empty",
            "                         the PeerId of a user's own events in DescribeUserEvent (default self)",
            "  --event-time seconds|millis",
            "                         the unit of DescribeUnusualEvent's EventTime (default seconds)",
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
        Map<String, Integer> actionRates = new LinkedHashMap<>();
        SimulatorSettings readings = new SimulatorSettings();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            switch (opt) {
                case "--help", "-h" -> help = true;
                case "--seed-action-offline" -> offline = true;
                case "--numbers-as-strings" -> asStrings = true;
                case "--malformed-answer" -> malformed(opt, value(args, ++i, opt), malformed);
                case "--action-rate-limit" -> actionRate(opt, value(args, ++i, opt), actionRates);
                case "--own-peer-id" -> readings.ownPeerId(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.OwnPeerId.class));
                case "--event-time" -> readings.eventTimeUnit(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.EventTimeUnit.class));
                case "--user-list-omitted" -> readings.userListOmitted(true);
                case "--window-count" -> readings.windowCount(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.WindowCount.class));
                case "--start-time" -> readings.startTime(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.StartTime.class));
                case "--data-window" -> readings.dataWindow(window(opt, value(args, ++i, opt)));
                case "--user-list-window" -> readings.userListWindow(window(opt, value(args, ++i, opt)));
                case "--oversize-window" -> readings.oversizeWindow(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.OversizeWindow.class));
                case "--call-total" -> readings.callTotal(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.CallTotal.class));
                case "--user-list-mode" -> readings.userListMode(
                        choice(opt, value(args, ++i, opt), UserListMode.class));
                case "--listed-stay" -> readings.listedStay(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.ListedStay.class));
                case "--empty-list" -> readings.emptyList(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.EmptyList.class));
                case "--unknown-comm-id" -> readings.unknownCommId(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.UnknownCommId.class));
                case "--user-order" -> readings.userOrder(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.UserOrder.class));
                case "--room-filter" -> readings.roomFilter(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.RoomFilter.class));
                case "--room-total" -> readings.roomTotal(
                        choice(opt, value(args, ++i, opt), SimulatorSettings.RoomTotal.class));
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
                offline, asStrings, Map.copyOf(malformed), Map.copyOf(actionRates), Readings.of(readings), help);
    }

    /** The option's value for an enum constant: lower case, dashes for underscores ({@code end-minus-start}). */
    static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** One of the enum's labels, else an error naming the option and every allowed value. */
    static <E extends Enum<E>> E choice(String opt, String v, Class<E> type) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (label(e).equals(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException(opt + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(SimulatorOptions::label).collect(Collectors.joining(", ")) + "; got `" + v + "`");
    }

    /** A query window limit: a duration of at least one second. */
    private static Duration window(String opt, String v) {
        Duration d = duration(opt, v);
        if (d.toSeconds() < 1) {
            throw new IllegalArgumentException(opt + " must be at least 1s; got `" + v + "`");
        }
        return d;
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

    /** {@code ACTION=N}: a per-second limit for one action. */
    private static void actionRate(String opt, String v, Map<String, Integer> into) {
        int eq = v.indexOf('=');
        String action = eq < 0 ? "" : v.substring(0, eq).trim();
        if (action.isEmpty()) {
            throw new IllegalArgumentException(opt + " needs ACTION=N, e.g. DescribeUserEvent=5; got `" + v + "`");
        }
        into.put(action, (int) number(opt, v.substring(eq + 1), 0, 1_000_000));
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
                + ", numbersAsStrings=" + numbersAsStrings + ", malformedAnswers=" + malformedAnswers
                + ", actionRateLimits=" + actionRateLimits
                + ", readings=" + readings + "}";
    }
}
