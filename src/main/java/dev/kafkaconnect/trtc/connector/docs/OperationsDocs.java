package dev.kafkaconnect.trtc.connector.docs;

import dev.kafkaconnect.trtc.api.ErrorCodes;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.connector.metrics.ApiMetrics;
import dev.kafkaconnect.trtc.connector.metrics.DiscoveryMetric;
import dev.kafkaconnect.trtc.connector.metrics.MetricDefinition;
import dev.kafkaconnect.trtc.connector.metrics.TaskMetric;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The metrics list and troubleshooting table of docs/operations.md, generated from the metric definitions and the
 * error codes (written into the page by {@link ConfigDocs}).
 */
public final class OperationsDocs {
    /** What an operator does about each kind of failure. */
    private static final Map<ErrorKind, String> WHAT_TO_DO = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorKind.AUTH, "The task fails. Fix `trtc.secret.id` / `trtc.secret.key` / `trtc.token` "
                    + "(temporary credentials expire: renew the token in the config provider's source), then "
                    + "restart the task."),
            Map.entry(ErrorKind.SIGNATURE_EXPIRED, "The worker's clock is over 5 minutes off: fix NTP on the "
                    + "worker host. Retried once with a fresh timestamp."),
            Map.entry(ErrorKind.ACCESS_DENIED, "The task fails. Grant the key's CAM user access to TRTC "
                    + "monitoring, or allow the worker's egress IP."),
            Map.entry(ErrorKind.THROTTLED, "Retried with back-off. Lower `trtc.rate.limit` if other users of "
                    + "the same key share the 20 requests/s; watch `api-throttled-total`."),
            Map.entry(ErrorKind.SERVER, "Retried with back-off; nothing to do unless it lasts (then check the "
                    + "Tencent Cloud status page)."),
            Map.entry(ErrorKind.TRANSPORT, "Retried. If it lasts: network path, proxy, `trtc.endpoint`, "
                    + "`trtc.request.timeout.ms`."),
            Map.entry(ErrorKind.PROTOCOL, "Retried with back-off, up to `trtc.unreadable.max.attempts` attempts at "
                    + "the same page; then `trtc.unreadable.policy`: the task fails naming the call, window, page and "
                    + "request id (default), or the window is skipped and counted (`windows-skipped-total`). An "
                    + "answer over the body limit: fewer metrics (`trtc.metrics`)."),
            Map.entry(ErrorKind.ANSWER_TOO_LARGE, "The window's pages not emitted yet are read again with fewer users "
                    + "a page (`PageSize` 3, then 1; a WARN each), and so are the call's later windows; at one user a "
                    + "page, the call is read in shorter windows (halving, down to a minute; a WARN names the "
                    + "length). At a minute still too large, the task fails: raise `trtc.max.answer.bytes` or read "
                    + "fewer metrics (`trtc.metrics`)."),
            Map.entry(ErrorKind.UNSUPPORTED_ACTION, "With `trtc.api.generation=auto` the task switches to the "
                    + "successor API; otherwise set `trtc.api.generation` to what the account serves."),
            Map.entry(ErrorKind.REGION, "The task fails. Fix `trtc.region` or `trtc.endpoint`."),
            Map.entry(ErrorKind.APPLICATION, "The task fails. Fix `trtc.sdk.app.id`."),
            Map.entry(ErrorKind.START_TOO_OLD, "Data older than the service's lookback is lost (counted in "
                    + "`lookback-lost-seconds-total`); the call goes on from the oldest time served. A start refused "
                    + "inside `trtc.lookback.ms` lowers the task's lookback to the account's tier (`lookback-seconds`, "
                    + "a WARN naming the value): set `trtc.lookback.ms` to it."),
            Map.entry(ErrorKind.WINDOW_TOO_LONG, "The window is asked for again, shorter: just under an hour, then "
                    + "halving down to a minute. A WARN names the length learnt (`window-seconds`); nothing to do."),
            Map.entry(ErrorKind.CALL_NOT_FOUND, "Retried with back-off for `trtc.unknown.retry.ms` (a call just "
                    + "discovered may not be indexed yet), then the call is skipped with a WARN "
                    + "(`calls-skipped-by-reason-total`), the others go on. Check `trtc.comm.ids`."),
            Map.entry(ErrorKind.INVALID_REQUEST, "A documented code: the call is skipped. A code the connector does "
                    + "not know: retried for `trtc.unknown.retry.ms`, then the call is skipped (reason "
                    + "`unknown-error`). Report it with the log line (it names the code and the request id).")));

    private OperationsDocs() {
    }

    static String metrics() {
        return "Task metrics (`kafka.connect:type=plugins,connector=<name>,task=<n>,trtc-task=<n>,...`):\n\n"
                + table("connector, task, trtc-task", TaskMetric.values())
                + "\nConnector metrics of call discovery (`trtc.calls.mode=discover` only; "
                + "`kafka.connect:type=plugins,connector=<name>,...`):\n\n"
                + table("connector", DiscoveryMetric.values());
    }

    private static String table(String fixedTags, MetricDefinition[] metrics) {
        StringBuilder out = new StringBuilder("| Metric | Tags (besides " + fixedTags + ") | Meaning |\n"
                + "|---|---|---|\n");
        for (MetricDefinition m : metrics) {
            out.append("| `").append(m.metricName()).append("` | ")
                    .append(m.tags().isEmpty() ? "" : "`" + String.join("`, `", m.tags()) + "`").append(" | ")
                    .append(m.description()).append(" |\n");
        }
        return out.toString();
    }

    static String troubleshooting() {
        Map<ErrorKind, TreeSet<String>> codes = new EnumMap<>(ErrorKind.class);
        ErrorCodes.documented().forEach((code, kind) -> codes.computeIfAbsent(kind, k -> new TreeSet<>()).add(code));
        StringBuilder out = new StringBuilder("| Kind (`outcome` tag) | Error codes (matched ignoring case; "
                + "sub-codes included) | Retried | Reach | What to do |\n|---|---|---|---|---|\n");
        for (ErrorKind kind : ErrorKind.values()) {
            TreeSet<String> list = codes.getOrDefault(kind, new TreeSet<>());
            String extra = switch (kind) {
                case SERVER -> "HTTP 5xx";
                case TRANSPORT -> "timeouts, resets, cut-off bodies";
                case PROTOCOL -> "answers not of the documented shape or over the size limit";
                case REGION -> "redirects, HTTP 404, untrusted TLS certificate";
                default -> "";
            };
            out.append("| `").append(ApiMetrics.outcome(kind)).append("` | ")
                    .append(list.isEmpty() ? "" : "`" + String.join("`, `", list) + "`")
                    .append(extra.isEmpty() ? "" : (list.isEmpty() ? "" : "; ") + extra).append(" | ")
                    .append(kind.retriable() ? "yes" : "no").append(" | ")
                    .append(kind.scope().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(WHAT_TO_DO.get(kind)).append(" |\n");
        }
        return out.toString();
    }
}
