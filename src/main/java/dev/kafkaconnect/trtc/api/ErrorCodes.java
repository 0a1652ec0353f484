package dev.kafkaconnect.trtc.api;

import java.util.Locale;
import java.util.Map;

/**
 * Maps the service's error codes to {@link ErrorKind}s and builds exceptions whose messages say what to fix.
 * A code matches an entry when it equals it or extends it by a dot-separated sub-code
 * ({@code RequestLimitExceeded.UinLimitExceeded} matches {@code RequestLimitExceeded}); the longest entry wins.
 * Matching ignores case, since the service spells {@code InvalidParameter.SdkAppId} both ways.
 */
public final class ErrorCodes {
    /** Longest text of the server's {@code Message} kept in an exception message. */
    static final int MAX_SERVER_MESSAGE = 200;

    private static final Map<String, ErrorKind> KINDS = Map.ofEntries(
            Map.entry("authfailure", ErrorKind.AUTH),
            Map.entry("authfailure.signatureexpire", ErrorKind.SIGNATURE_EXPIRED),
            Map.entry("authfailure.unauthorizedoperation", ErrorKind.ACCESS_DENIED),
            Map.entry("unauthorizedoperation", ErrorKind.ACCESS_DENIED),
            Map.entry("ipinblacklist", ErrorKind.ACCESS_DENIED),
            Map.entry("ipnotinwhitelist", ErrorKind.ACCESS_DENIED),
            Map.entry("requestlimitexceeded", ErrorKind.THROTTLED),
            Map.entry("internalerror", ErrorKind.SERVER),
            // Despite their family, these say the request itself could not be parsed or used: a retry sends the
            // same bytes and fails the same way.
            Map.entry("internalerror.httpparasefalied", ErrorKind.INVALID_REQUEST),
            Map.entry("internalerror.methoderr", ErrorKind.INVALID_REQUEST),
            Map.entry("failedoperation", ErrorKind.SERVER),
            Map.entry("resourceunavailable", ErrorKind.SERVER),
            Map.entry("invalidaction", ErrorKind.UNSUPPORTED_ACTION),
            Map.entry("actionoffline", ErrorKind.UNSUPPORTED_ACTION),
            Map.entry("nosuchversion", ErrorKind.UNSUPPORTED_ACTION),
            Map.entry("unsupportedoperation", ErrorKind.UNSUPPORTED_ACTION),
            Map.entry("unsupportedregion", ErrorKind.REGION),
            Map.entry("invalidregion", ErrorKind.REGION),
            Map.entry("invalidparameter.sdkappid", ErrorKind.APPLICATION),
            Map.entry("missingparameter.sdkappid", ErrorKind.APPLICATION),
            Map.entry("invalidparameter.queryscaleoversize", ErrorKind.WINDOW_TOO_LONG),
            Map.entry("invalidparameter.starttsoversize", ErrorKind.START_TOO_OLD),
            Map.entry("invalidparameter.starttimeexpire", ErrorKind.START_TOO_OLD),
            Map.entry("invalidparameter.starttimeoversize", ErrorKind.START_TOO_OLD),
            Map.entry("resourcenotfound", ErrorKind.CALL_NOT_FOUND),
            Map.entry("missingparameter.commid", ErrorKind.CALL_NOT_FOUND),
            Map.entry("missingparameter.commidorsdkappid", ErrorKind.CALL_NOT_FOUND),
            Map.entry("invalidparameter", ErrorKind.INVALID_REQUEST),
            Map.entry("invalidparametervalue", ErrorKind.INVALID_REQUEST),
            Map.entry("missingparameter", ErrorKind.INVALID_REQUEST),
            Map.entry("unknownparameter", ErrorKind.INVALID_REQUEST),
            Map.entry("limitexceeded", ErrorKind.INVALID_REQUEST));

    private ErrorCodes() {
    }

    /** The documented codes (lower case, as matched) and their kinds, for generated docs. */
    public static Map<String, ErrorKind> documented() {
        return KINDS;
    }

    /** The kind of a service error code; codes nobody documented are {@link ErrorKind#INVALID_REQUEST}. */
    public static ErrorKind kindOf(String code) {
        if (code == null || code.isBlank()) {
            return ErrorKind.PROTOCOL;
        }
        String key = code.trim().toLowerCase(Locale.ROOT);
        while (true) {
            ErrorKind kind = KINDS.get(key);
            if (kind != null) {
                return kind;
            }
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return ErrorKind.INVALID_REQUEST;
            }
            key = key.substring(0, dot);
        }
    }

    /** Whether the code is one this class knows (itself or by prefix). */
    public static boolean known(String code) {
        if (code == null) {
            return false;
        }
        String key = code.trim().toLowerCase(Locale.ROOT);
        while (!KINDS.containsKey(key)) {
            int dot = key.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            key = key.substring(0, dot);
        }
        return true;
    }

    /** The exception for a service error answer. {@code serverMessage} is reduced to one short, printable line. */
    public static TrtcApiException serviceError(String code, String serverMessage, String requestId, String action,
                                                int httpStatus) {
        ErrorKind kind = kindOf(code);
        String message = action + " failed with " + code + " (RequestId " + requestId + "): " + advice(kind, code)
                + serverText(serverMessage);
        return exception(kind, code, requestId, action, httpStatus, message, null);
    }

    /** An exception of the family that {@code kind} belongs to. */
    public static TrtcApiException exception(ErrorKind kind, String code, String requestId, String action,
                                             int httpStatus, String message, Throwable cause) {
        return switch (kind) {
            case AUTH, SIGNATURE_EXPIRED, ACCESS_DENIED ->
                    new TrtcAuthException(kind, code, requestId, action, httpStatus, message, cause);
            case THROTTLED -> new TrtcThrottledException(kind, code, requestId, action, httpStatus, message, cause);
            case SERVER -> new TrtcServerException(kind, code, requestId, action, httpStatus, message, cause);
            case TRANSPORT -> new TrtcTransportException(kind, code, requestId, action, httpStatus, message, cause);
            case PROTOCOL, ANSWER_TOO_LARGE ->
                    new TrtcProtocolException(kind, code, requestId, action, httpStatus, message, cause);
            case UNSUPPORTED_ACTION, REGION, APPLICATION ->
                    new TrtcConfigurationException(kind, code, requestId, action, httpStatus, message, cause);
            case START_TOO_OLD, WINDOW_TOO_LONG, CALL_NOT_FOUND, INVALID_REQUEST ->
                    new TrtcRequestException(kind, code, requestId, action, httpStatus, message, cause);
        };
    }

    /** What the user should do about an error of this kind and code. */
    static String advice(ErrorKind kind, String code) {
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        return switch (kind) {
            case AUTH -> {
                if (c.contains("secretid")) {
                    yield "the SecretId is unknown or malformed; check trtc.secret.id";
                }
                if (c.contains("token")) {
                    yield "the session token is invalid or expired; refresh the temporary credentials in trtc.token"
                            + " (with the matching trtc.secret.id and trtc.secret.key)";
                }
                if (c.contains("signaturefailure")) {
                    yield "the signature does not match; check that trtc.secret.key belongs to trtc.secret.id";
                }
                yield "the credentials were refused; check trtc.secret.id, trtc.secret.key and trtc.token";
            }
            case SIGNATURE_EXPIRED -> "the request timestamp is over 5 minutes off the service's clock;"
                    + " synchronise the worker's clock (NTP)";
            case ACCESS_DENIED -> c.startsWith("ip")
                    ? "the caller's IP address is not allowed for this key; check the key's IP allow/deny lists"
                    : "the key in trtc.secret.id lacks permission for this action; grant it in the CAM policy";
            case THROTTLED -> "over the service's request limit (20 per second per account and region, shared by"
                    + " everyone using the key); lower the connector's request rate";
            case SERVER -> "the service failed or is unavailable; this is retried";
            case TRANSPORT -> "no complete answer; this is retried";
            case PROTOCOL -> "the answer is not the documented shape; check trtc.endpoint";
            case ANSWER_TOO_LARGE -> "the answer is larger than trtc.max.answer.bytes; fewer users a page, then shorter"
                    + " windows are asked for";
            case UNSUPPORTED_ACTION -> "the service at trtc.endpoint does not offer this action (or not on this"
                    + " account's tier); use the other API generation or check trtc.endpoint";
            case REGION -> "the region is not served; check trtc.region and trtc.endpoint";
            case WINDOW_TOO_LONG -> "the query window is longer than the service serves; shorter windows are asked"
                    + " for";
            case APPLICATION -> "the service does not accept this SDKAppID; check trtc.sdk.app.id";
            case START_TOO_OLD -> "the start time is older than the service's lookback (5 to 14 days by tier);"
                    + " move the start time forward";
            case CALL_NOT_FOUND -> "the service does not know this call (CommId)";
            case INVALID_REQUEST -> "the service refused a request parameter (a window, page or user limit)";
        };
    }

    /** The server's free text as one trimmed, printable line, or "" when there is none. */
    static String serverText(String serverMessage) {
        if (serverMessage == null || serverMessage.isBlank()) {
            return "";
        }
        return " [server: " + oneLine(serverMessage, MAX_SERVER_MESSAGE) + "]";
    }

    /** Replaces control characters (line breaks included) by spaces and cuts to {@code max} characters. */
    static String oneLine(String text, int max) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 3));
        for (int i = 0; i < text.length() && sb.length() < max; i++) {
            char ch = text.charAt(i);
            sb.append(Character.isISOControl(ch) || Character.getType(ch) == Character.FORMAT ? ' ' : ch);
        }
        String s = sb.toString().strip();
        return text.length() > max ? s + "..." : s;
    }
}
