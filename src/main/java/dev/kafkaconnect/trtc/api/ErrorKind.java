package dev.kafkaconnect.trtc.api;

/**
 * What an API failure means for the caller. Each kind says whether a retry can help and how far the failure
 * reaches: the whole connector (credentials, application, region), one call, or only the request that failed.
 */
public enum ErrorKind {
    /** Credentials rejected or expired, unknown SecretId, bad token. Fix {@code trtc.secret.id}/{@code trtc.secret.key}/{@code trtc.token}. */
    AUTH(false, Scope.CONNECTOR),
    /** {@code AuthFailure.SignatureExpire}: the local clock is over 5 minutes off; retried once with a fresh timestamp. */
    SIGNATURE_EXPIRED(true, Scope.CONNECTOR),
    /** The key lacks permission, or the caller's IP is black/not white-listed. */
    ACCESS_DENIED(false, Scope.CONNECTOR),
    /** {@code RequestLimitExceeded*}: back off and retry. */
    THROTTLED(true, Scope.REQUEST),
    /** {@code InternalError*}, {@code FailedOperation}, {@code ResourceUnavailable}, HTTP 5xx: retry. */
    SERVER(true, Scope.REQUEST),
    /** Timeouts, resets, refused connections, truncated or malformed bodies: retry. */
    TRANSPORT(true, Scope.REQUEST),
    /** A 200 answer that is valid JSON but not the documented shape: retried a bounded number of times. */
    PROTOCOL(true, Scope.REQUEST),
    /**
     * An answer over the client's size limit: the same request would fail the same way; the caller asks for less
     * (a shorter window).
     */
    ANSWER_TOO_LARGE(false, Scope.REQUEST),
    /**
     * {@code InvalidAction}, {@code ActionOffline}, {@code NoSuchVersion}, {@code UnsupportedOperation}: this
     * generation is not served ({@code trtc.api.generation=auto} moves to the successor on any of them).
     */
    UNSUPPORTED_ACTION(false, Scope.CONNECTOR),
    /**
     * {@code UnsupportedRegion}: fix {@code trtc.region}; also an endpoint that is no TRTC API (a redirect, HTTP
     * 404): fix {@code trtc.endpoint}.
     */
    REGION(false, Scope.CONNECTOR),
    /** {@code InvalidParameter.SdkAppId}/{@code .SdkAppid}, {@code MissingParameter.SdkAppId}: fix {@code trtc.sdk.app.id}. */
    APPLICATION(false, Scope.CONNECTOR),
    /** The start is older than the service's lookback ({@code StartTsOversize}, {@code StartTimeExpire}, ...). */
    START_TOO_OLD(false, Scope.CALL),
    /**
     * {@code InvalidParameter.QueryScaleOversize}: the window is longer than the service serves (how it counts the
     * hour is undocumented); the caller asks again for a shorter window.
     */
    WINDOW_TOO_LONG(false, Scope.REQUEST),
    /** The call does not exist ({@code ResourceNotFound}, {@code MissingParameter.CommId}, ...). */
    CALL_NOT_FOUND(false, Scope.CALL),
    /** Any other parameter the server refused; a bug or a limit the request broke. */
    INVALID_REQUEST(false, Scope.REQUEST);

    /** How far a failure reaches. */
    public enum Scope { CONNECTOR, CALL, REQUEST }

    private final boolean retriable;
    private final Scope scope;

    ErrorKind(boolean retriable, Scope scope) {
        this.retriable = retriable;
        this.scope = scope;
    }

    public boolean retriable() {
        return retriable;
    }

    public Scope scope() {
        return scope;
    }
}
