package dev.kafkaconnect.trtc.connector.service;

import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far back the service answers, as a task knows it: {@code trtc.lookback.ms} until the service refuses a
 * window start inside it. The limit depends on the account's monitoring tier (the API's error codes name 14, 7
 * and 5 days), so a refusal means the whole account serves less: the lookback drops to the next known tier below
 * the refused start's age, and below 5 days halves, down to {@link #MINIMUM}. It only ever shrinks, so a refused
 * start is never asked for again.
 *
 * <p>One instance serves all the calls of a task, for the task's life: the first refusal teaches every call. A new
 * task (restart, rebalance, reconfiguration) starts again from the setting and relearns the tier with one refused
 * request; other tasks learn it on their own, and so does call discovery for its room listing. Setting
 * {@code trtc.lookback.ms} to the tier avoids all of that.
 */
public final class ServiceLookback {
    private static final Logger log = LoggerFactory.getLogger(ServiceLookback.class);

    /** The tiers the API's error codes name, longest first. */
    static final long[] KNOWN_TIERS = {14 * 86400, 7 * 86400, 5 * 86400};
    /**
     * Shortest lookback worth reading with: one window (an hour). A service that refuses starts younger than this
     * cannot be read usefully at all.
     */
    public static final long MINIMUM = CallDetailRequest.MAX_WINDOW_SECONDS;
    /**
     * Distance kept from the lookback's edge, so a request planned now is still inside it when the server handles
     * it, after queueing, rate limiting and retries. Validation refuses a settle delay that leaves no window
     * between it and now (see {@code ConfigValidation}).
     */
    public static final long MARGIN_SECONDS = TrtcSourceConfig.LOOKBACK_MARGIN_SECONDS;

    private final long configured;
    /** Who reads within this lookback, for the warning: "This task", "Call discovery". */
    private final String reader;
    private volatile long seconds;

    public ServiceLookback(long configuredSeconds) {
        this(configuredSeconds, "This task");
    }

    public ServiceLookback(long configuredSeconds, String reader) {
        this.configured = configuredSeconds;
        this.reader = reader;
        this.seconds = configuredSeconds;
    }

    /** The oldest start still safe to query at {@code now} (unix seconds). */
    public long floor(long now) {
        return now - seconds + MARGIN_SECONDS;
    }

    /** The lookback to read within now, in seconds. */
    public long seconds() {
        return seconds;
    }

    /**
     * The service refused a start {@code ageSeconds} old although it lies inside {@link #seconds()}: lowers the
     * lookback below that age and warns (once per lowering) with the value to set.
     *
     * @param what what was refused, for the warning: "call X's window start"
     * @return false when no lookback of at least {@link #MINIMUM} lies below the age: nothing to fall back on
     */
    public boolean refused(String what, long startSeconds, long ageSeconds) {
        long lower = below(ageSeconds);
        if (lower < 0) {
            return false;
        }
        long before = seconds;
        seconds = lower;
        log.warn("TRTC refused {} {} (unix s, {} old) although it lies inside the lookback ({}; {} is {}): the "
                        + "account's tier serves less. {} now reads from {} back on; older data is lost (for calls, "
                        + "counted in lookback-lost-seconds-total). Set {}={} to match the tier (after a restart this "
                        + "is otherwise learnt again from one refused request)",
                what, startSeconds, human(ageSeconds), human(before), TrtcSourceConfig.LOOKBACK_MS, human(configured),
                reader, human(lower), TrtcSourceConfig.LOOKBACK_MS, lower * 1000);
        return true;
    }

    /**
     * The longest known tier strictly below {@code ageSeconds} (so its oldest start is younger than the refused
     * one): 14, 7 or 5 days, then halves of 5 days down to {@link #MINIMUM}; -1 when even that is not below.
     */
    static long below(long ageSeconds) {
        for (long tier : KNOWN_TIERS) {
            if (tier < ageSeconds) {
                return tier;
            }
        }
        long tier = KNOWN_TIERS[KNOWN_TIERS.length - 1];
        while (tier > MINIMUM) {
            tier = Math.max(MINIMUM, tier / 2);
            if (tier < ageSeconds) {
                return tier;
            }
        }
        return -1;
    }

    /** 7 days, 30 hours, 6750 s: the way an operator reads a lookback. */
    public static String human(long seconds) {
        if (seconds % 86400 == 0) {
            return seconds / 86400 + (seconds == 86400 ? " day" : " days");
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + (seconds == 3600 ? " hour" : " hours");
        }
        return seconds + " s";
    }
}
