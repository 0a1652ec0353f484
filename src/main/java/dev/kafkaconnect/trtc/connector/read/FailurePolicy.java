package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.ErrorCodes;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.config.UnreadablePolicy;
import dev.kafkaconnect.trtc.connector.metrics.ApiMetrics;
import dev.kafkaconnect.trtc.connector.service.ApiErrors;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import dev.kafkaconnect.trtc.connector.service.WindowLength;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a failed request means: retry it after a back-off or at once (the API generation changed), learn a
 * limit of the service (a shorter lookback, the last page), skip the call, or fail the task. The decision is made
 * here alone; the call's reader carries it out on its own state ({@link Reaction}). One instance serves all the
 * calls of a task.
 */
public final class FailurePolicy {
    private static final Logger log = LoggerFactory.getLogger(FailurePolicy.class);

    /** What the call's reader does about a failed request. */
    public sealed interface Reaction {
    }

    /** Send the same request again at {@code atMillis}; the call's later records wait for it. */
    public record RetryAt(long atMillis) implements Reaction {
    }

    /** Send the same request again at once (the API generation changed). */
    public record RetryNow() implements Reaction {
    }

    /** The task is stopping: nothing is done. */
    public record Ignore() implements Reaction {
    }

    /** The refused page was asked for only to learn whether the page before it was the last: it was. */
    public record PageBeyondLast() implements Reaction {
    }

    /** The window's start is out of the service's lookback: go on from {@code floor} (unix s). */
    public record JumpTo(long floor) implements Reaction {
    }

    /** The window was refused as too long: read its time again in windows of the length learnt. */
    public record Replan() implements Reaction {
    }

    /** Drop the window and those after it, and plan again from its start once {@code atMillis} has come. */
    public record ReplanAt(long atMillis) implements Reaction {
    }

    /**
     * Drop the window and those after it and read its start again in a window of {@code seconds}: if that lists a
     * user, the service serves windows only that short ({@code span}, the span refused, is learnt as too long).
     */
    public record Trial(long seconds, long span) implements Reaction {
    }

    /** The window's answer was too large: read its pages not emitted yet again with fewer users a page. */
    public record SmallerPages() implements Reaction {
    }

    /** The window's answer was too large: read this call's time again in windows of at most {@code seconds}. */
    public record Narrow(long seconds) implements Reaction {
    }

    /** The window's answers cannot be read: skip the window, count it, go on with the call. */
    public record SkipWindow() implements Reaction {
    }

    /** Stop reading the call for good; {@code reason} is a metric tag (call-not-found, start-too-old, ...). */
    public record Skip(String reason) implements Reaction {
    }

    /** Fail the task. */
    public record Fail(ConnectException error) implements Reaction {
    }

    /** The service does not serve the stream's action to this account: stop reading the stream, the rest goes on. */
    public record StopStream(String why) implements Reaction {
    }

    private final UnreadablePolicy unreadablePolicy;
    private final int unreadableMaxAttempts;
    private final long unknownRetryMillis;
    private final GenerationSwitch generation;
    private final ServiceLookback lookback;
    private final WindowLength windowLength;
    private final Backoff backoff;
    private final RepeatedWarnings warnings;
    private final Time time;
    private volatile boolean stopping;

    public FailurePolicy(TrtcSourceConfig config, GenerationSwitch generation, ServiceLookback lookback,
                         WindowLength windowLength, Backoff backoff, RepeatedWarnings warnings, Time time) {
        this.unreadablePolicy = config.unreadablePolicy();
        this.unreadableMaxAttempts = config.unreadableMaxAttempts();
        this.unknownRetryMillis = config.unknownRetry().toMillis();
        this.generation = generation;
        this.lookback = lookback;
        this.windowLength = windowLength;
        this.backoff = backoff;
        this.warnings = warnings;
        this.time = time;
    }

    /** From now on failures are ignored: the task is stopping and its requests are cancelled. */
    public void stop() {
        stopping = true;
    }

    /**
     * The answer to {@code w} lists nobody and carries no sample, though a user must be in it ({@code why}). A
     * service may answer a window longer than it serves with nothing at all (the documentation allows it), or the
     * window's data may not be visible yet. A recent window is asked for again once its data has had
     * {@link #LATE_DATA_SECONDS} to arrive; an older one is tried at its start in a window of a minute, which tells
     * a service that serves shorter windows (its users are listed there) from a range that is really empty. A trial
     * window that lists nobody either is taken as empty.
     */
    Reaction emptyWhereUsersMustBe(CommId call, WindowRead w, String why, boolean trial, long now) {
        Window window = w.window();
        if (trial) {
            warnings.warn("empty-trial", "Call " + call + " window " + window + " lists nobody although " + why
                    + ", as did a longer window before it: the range is taken as empty");
            return new Ignore();
        }
        if (now < window.end() + LATE_DATA_SECONDS) {
            long at = window.end() + LATE_DATA_SECONDS;
            warnings.warn("empty-late", "Call " + call + " window " + window + " lists nobody although " + why
                    + "; its data may not be visible yet (" + TrtcSourceConfig.SETTLE_DELAY_MS + "): it is asked for "
                    + "again at " + at + " (unix s)");
            return new ReplanAt(at * 1000);
        }
        if (window.requestSpan() <= WindowLength.MINIMUM) {
            return new Ignore();
        }
        warnings.warn("empty-window", "Call " + call + " window " + window + " lists nobody although " + why
                + ": trying its first " + WindowLength.MINIMUM + " s, to tell a service that answers windows longer "
                + "than it serves with nothing from an empty range");
        return new Trial(WindowLength.MINIMUM, window.requestSpan());
    }

    /**
     * What to do about a failed request {@code what} of an event stream (its action {@code action}, asked over a
     * span of {@code requestSpan} s, failed {@code attempts} times) of {@code call}: as for call detail, transient
     * failures are retried after a back-off; a refusal of the action for the whole account stops the stream (the
     * samples go on); a range refused as too long teaches {@code length} and is asked for in shorter ones; one that
     * cannot be read (unreadable answers, by {@code trtc.unreadable.policy}; a start older than the action serves;
     * a call or room the action does not know, after {@code trtc.unknown.retry.ms}; any other refusal) is skipped
     * and counted, never silently.
     */
    Reaction decideEvent(CommId call, String action, Object what, int attempts, long requestSpan, Throwable cause,
                         int failures, long failingSinceMillis, long loopNowMillis, WindowLength length) {
        if (stopping) {
            return new Ignore();
        }
        long nowMillis = Math.max(loopNowMillis, time.milliseconds());
        if (!(cause instanceof TrtcApiException e)) {
            if (cause instanceof CancellationException) {
                return new RetryAt(nowMillis + backoff.delayMillis(failures + 1));
            }
            return new Fail(new ConnectException("Unexpected failure reading " + what + " of call " + call + ": "
                    + cause, cause));
        }
        ErrorKind kind = e.kind();
        String description = "Call " + call + " " + what + ": " + ApiErrors.describe(e);
        if (kind.scope() == ErrorKind.Scope.CONNECTOR && !kind.retriable()) {
            return new StopStream(action + " refused with " + (e.code() == null ? kind.name() : e.code())
                    + (e.requestId() == null ? "" : ", RequestId " + e.requestId()));
        }
        if (kind == ErrorKind.PROTOCOL && attempts >= unreadableMaxAttempts) {
            if (unreadablePolicy == UnreadablePolicy.FAIL) {
                return new Fail(new ConnectException(description + ", in " + attempts + " attempts. Set "
                        + TrtcSourceConfig.UNREADABLE_POLICY + "=skip-window to skip such ranges instead", e));
            }
            log.warn("{}, in {} attempts; the range is skipped ({}=skip-window)", description, attempts,
                    TrtcSourceConfig.UNREADABLE_POLICY);
            return new SkipWindow();
        }
        boolean unknownCode = kind == ErrorKind.INVALID_REQUEST && !ErrorCodes.known(e.code());
        if ((kind == ErrorKind.CALL_NOT_FOUND || unknownCode)
                && nowMillis - Math.min(failingSinceMillis, nowMillis) < unknownRetryMillis) {
            long delay = backoff.delayMillis(failures + 1);
            warnings.warn(action + "-" + e.code(), description + "; retrying in " + delay + " ms, for up to "
                    + TrtcSourceConfig.UNKNOWN_RETRY_MS + " (" + unknownRetryMillis + " ms) in all");
            return new RetryAt(nowMillis + delay);
        }
        if (kind.retriable()) {
            long delay = backoff.delayMillis(failures + 1);
            warnings.warn(action + "-" + (e.code() == null ? kind.name() : e.code()), description + "; retrying in "
                    + delay + " ms");
            return new RetryAt(nowMillis + delay);
        }
        if (kind == ErrorKind.WINDOW_TOO_LONG && length.refused(requestSpan)) {
            return new Replan();
        }
        log.warn("{}; the range is skipped (counted), the call goes on", description);
        return new SkipWindow();
    }

    /** How long after a window's end its data is surely visible, if it ever is. */
    static final long LATE_DATA_SECONDS = 600;

    /**
     * What to do about {@code f} of {@code call}, which failed with {@code cause} after the call's {@code failures}
     * consecutive failures before it, the first of them at {@code failingSinceMillis}. {@code loopNowMillis} is
     * when the task's loop read the clock; the answer may have come later, and the lookback is judged at the answer.
     */
    Reaction decide(CommId call, Fetch f, Throwable cause, int failures, long failingSinceMillis,
                    long loopNowMillis) {
        if (stopping) {
            return new Ignore();
        }
        long nowMillis = Math.max(loopNowMillis, time.milliseconds());
        long now = Math.floorDiv(nowMillis, 1000);
        if (!(cause instanceof TrtcApiException e)) {
            if (cause instanceof CancellationException) {
                return new RetryAt(nowMillis + backoff.delayMillis(failures + 1));
            }
            return new Fail(new ConnectException("Unexpected failure reading call " + call + ": " + cause, cause));
        }
        ErrorKind kind = e.kind();
        if (kind == ErrorKind.UNSUPPORTED_ACTION && generation.switchFrom(f.generation())) {
            return new RetryNow();
        }
        if (kind.scope() == ErrorKind.Scope.CONNECTOR) {
            return new Fail(new ConnectException(ApiErrors.describe(e), e));
        }
        if (kind == ErrorKind.PROTOCOL && f.failures() >= unreadableMaxAttempts) {
            String what = "Call " + call + " window " + f.window().window() + " page " + f.page() + ": the answer "
                    + "could not be read in " + f.failures() + " attempts (" + ApiErrors.describe(e) + ")";
            if (unreadablePolicy == UnreadablePolicy.FAIL) {
                return new Fail(new ConnectException(what + ". Set " + TrtcSourceConfig.UNREADABLE_POLICY
                        + "=skip-window to skip such windows instead", e));
            }
            log.warn("{}; the window is skipped ({}=skip-window): {} s of the call's data are not read", what,
                    TrtcSourceConfig.UNREADABLE_POLICY, f.window().window().end() - f.window().window().start());
            return new SkipWindow();
        }
        boolean unknownCode = kind == ErrorKind.INVALID_REQUEST && !ErrorCodes.known(e.code());
        if ((kind == ErrorKind.CALL_NOT_FOUND || unknownCode)
                && nowMillis - Math.min(failingSinceMillis, nowMillis) < unknownRetryMillis) {
            long delay = backoff.delayMillis(failures + 1);
            warnings.warn(String.valueOf(e.code()), "Call " + call + " " + f + ": " + ApiErrors.describe(e)
                    + "; retrying in " + delay + " ms, for up to " + TrtcSourceConfig.UNKNOWN_RETRY_MS + " ("
                    + unknownRetryMillis + " ms) in all");
            return new RetryAt(nowMillis + delay);
        }
        if (kind.retriable()) {
            long delay = backoff.delayMillis(failures + 1);
            warnings.warn(e.code() == null ? kind.name() : e.code(), "Call " + call + " " + f + ": "
                    + ApiErrors.describe(e) + "; retrying in " + delay + " ms");
            return new RetryAt(nowMillis + delay);
        }
        if (e.code() != null && e.code().toLowerCase(Locale.ROOT).endsWith(".pagenumber")
                && f.window().isProbe(f.page())) {
            return new PageBeyondLast();
        }
        switch (kind) {
            case START_TOO_OLD -> {
                long from = f.window().window().start();
                if (from >= lookback.floor(now)
                        && !lookback.refused("call " + call + "'s window start", from, now - from)) {
                    log.error("Call {} {}: {}: the service refuses a start only {} old, and no lookback of at least "
                            + "{} is left to fall back on (check the account's monitoring tier and {}). The call is "
                            + "skipped", call, f, ApiErrors.describe(e), ServiceLookback.human(now - from),
                            ServiceLookback.human(ServiceLookback.MINIMUM), TrtcSourceConfig.LOOKBACK_MS);
                    return new Skip(ApiMetrics.outcome(kind));
                }
                return new JumpTo(lookback.floor(now));
            }
            case ANSWER_TOO_LARGE -> {
                int pageSize = f.window().pageSize();
                if (pageSize > 1) {
                    log.warn("Call {} {}: the answer is larger than {} ({}); the call is read with PageSize {} from "
                            + "now on", call, f, TrtcSourceConfig.MAX_ANSWER_BYTES, e.getMessage(),
                            f.window().smallerPageSize());
                    return new SmallerPages();
                }
                long length = f.window().window().end() - f.window().window().start();
                if (length > WindowLength.MINIMUM) {
                    long shorter = Math.max(WindowLength.MINIMUM, length / 2);
                    log.warn("Call {} {}: the answer for one user a page (PageSize 1) is larger than {} ({}); the "
                            + "call is read in windows of at most {} s from now on", call, f, TrtcSourceConfig.MAX_ANSWER_BYTES, e.getMessage(), shorter);
                    return new Narrow(shorter);
                }
                return new Fail(new ConnectException("Call " + call + " " + f + ": the answer for a window of only "
                        + length + " s is larger than " + TrtcSourceConfig.MAX_ANSWER_BYTES + " (" + e.getMessage()
                        + "); raise " + TrtcSourceConfig.MAX_ANSWER_BYTES + " or read fewer metrics ("
                        + TrtcSourceConfig.METRICS + ")", e));
            }
            case WINDOW_TOO_LONG -> {
                // The span sent, which the service measured: a second more than the window read.
                long length = f.window().window().requestSpan();
                if (windowLength.refused(length)) {
                    return new Replan();
                }
                return new Fail(new ConnectException("Call " + call + " " + f + ": the service refuses a window of "
                        + "only " + length + " s as too long (" + ApiErrors.describe(e) + "); no shorter window is "
                        + "worth asking for"));
            }
            case CALL_NOT_FOUND -> {
                log.warn("Call {}: {}; check {}. The call is skipped, the others go on", call, ApiErrors.describe(e),
                        TrtcSourceConfig.COMM_IDS);
                return new Skip(ApiMetrics.outcome(kind));
            }
            default -> {
                if (unknownCode) {
                    log.warn("Call {} {}: {}, an error code this connector does not know, for {} ms ({}); the call "
                            + "is skipped, the others go on", call, f, ApiErrors.describe(e), unknownRetryMillis,
                            TrtcSourceConfig.UNKNOWN_RETRY_MS);
                    return new Skip("unknown-error");
                }
                log.error("Call {} {}: {}. This request cannot succeed as sent (a bug, or a limit of the service); "
                        + "the call is skipped, the others go on", call, f, ApiErrors.describe(e));
                return new Skip(ApiMetrics.outcome(kind));
            }
        }
    }
}
