package dev.kafkaconnect.trtc.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Time;

/**
 * Settings of a {@link TrtcApiClient}. Built and validated by {@link Builder#build()}; errors name the connector
 * setting to fix. The SecretKey and token are never part of {@link #toString()}.
 */
public final class TrtcClientConfig {
    public static final String DEFAULT_ENDPOINT = "https://trtc.tencentcloudapi.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;
    public static final int MAX_IN_FLIGHT_LIMIT = 64;
    public static final int DEFAULT_RATE_PER_SECOND = 20;
    /**
     * Bodies beyond this are refused while streaming. The service's documented size is 10 MB, but a page of six
     * users with every metric of the successor over an hour in an eight-user call is already about 12 MB (one
     * series per peer), so the default leaves a wide margin; the points themselves cost 16 bytes each.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;
    public static final Set<String> LANGUAGES = Set.of("zh-CN", "en-US");
    /**
     * Actions the service limits on their own (20 requests per second each), so each gets a limiter of its own
     * unless one is given: their requests never wait for, or spend, another action's budget.
     */
    public static final Set<String> OWN_LIMIT_ACTIONS = Set.of(UserEventRequest.ACTION, UnusualEventRequest.ACTION);

    private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

    private final URI endpoint;
    private final String hostHeader;
    private final String region;
    private final String secretId;
    private final String secretKey;
    private final String token;
    private final String language;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final int maxInFlight;
    private final long maxResponseBytes;
    private final RetryPolicy retryPolicy;
    private final Time time;
    private final RateLimiter rateLimiter;
    private final Map<String, RateLimiter> actionLimiters;
    private final ApiCallListener listener;

    private TrtcClientConfig(Builder b) {
        this.endpoint = endpoint(b.endpoint);
        this.hostHeader = hostHeader(endpoint);
        this.region = require(b.region, "trtc.region");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("trtc.region: '" + region
                    + "' is not a region name such as ap-guangzhou or ap-singapore");
        }
        this.secretId = headerSafe(require(b.secretId, "trtc.secret.id"), "trtc.secret.id");
        this.secretKey = headerSafe(require(b.secretKey, "trtc.secret.key"), "trtc.secret.key");
        this.token = b.token == null || b.token.isBlank() ? null : headerSafe(b.token.trim(), "trtc.token");
        if (b.language != null && !LANGUAGES.contains(b.language)) {
            throw new IllegalArgumentException("language: '" + b.language + "' is not one of " + LANGUAGES);
        }
        this.language = b.language;
        this.connectTimeout = positive(b.connectTimeout, "connect timeout");
        this.readTimeout = positive(b.readTimeout, "read timeout");
        this.callTimeout = positive(b.callTimeout, "call timeout");
        if (b.maxInFlight < 1 || b.maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("max requests in flight must be 1.." + MAX_IN_FLIGHT_LIMIT
                    + ", got " + b.maxInFlight);
        }
        this.maxInFlight = b.maxInFlight;
        if (b.maxResponseBytes < 1024) {
            throw new IllegalArgumentException("max response bytes must be at least 1024, got " + b.maxResponseBytes);
        }
        this.maxResponseBytes = b.maxResponseBytes;
        this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
        this.time = Objects.requireNonNull(b.time, "time");
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RateLimiter.perSecond(b.ratePerSecond);
        Map<String, RateLimiter> limiters = new LinkedHashMap<>();
        for (String action : OWN_LIMIT_ACTIONS.stream().sorted().toList()) {
            limiters.put(action, RateLimiter.perSecond(b.ratePerSecond));
        }
        b.actionRates.forEach((action, rate) -> limiters.put(action, RateLimiter.perSecond(rate)));
        limiters.putAll(b.actionLimiters);
        this.actionLimiters = Map.copyOf(limiters);
        this.listener = Objects.requireNonNull(b.listener, "listener");
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The exact {@code Host} header sent and signed: host, plus {@code :port} when not the scheme's default. */
    public String hostHeader() {
        return hostHeader;
    }

    public String region() {
        return region;
    }

    public String secretId() {
        return secretId;
    }

    /** Only for signing; never log or print. */
    String secretKey() {
        return secretKey;
    }

    /** Only for the {@code X-TC-Token} header; never log or print. Null without temporary credentials. */
    String token() {
        return token;
    }

    public boolean hasToken() {
        return token != null;
    }

    public String language() {
        return language;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Wall clock for request timestamps: {@link Time#milliseconds()}. */
    public Time time() {
        return time;
    }

    /** The limiter of the call-detail and room-list actions, and of any action without one of its own. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The limiter every request of {@code action} passes. */
    public RateLimiter rateLimiter(String action) {
        RateLimiter own = actionLimiters.get(action);
        return own != null ? own : rateLimiter;
    }

    /** Whether {@code action} is an action this client sends. */
    static boolean knownAction(String action) {
        return ApiGeneration.ofAction(action) != null || OWN_LIMIT_ACTIONS.contains(action);
    }

    public ApiCallListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "TrtcClientConfig{endpoint=" + endpoint + ", region=" + region + ", secretId=" + secretId
                + ", secretKey=[hidden], token=" + (token == null ? "none" : "[hidden]")
                + ", language=" + language + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout + ", maxInFlight=" + maxInFlight
                + ", maxResponseBytes=" + maxResponseBytes + ", " + retryPolicy + ", " + rateLimiter
                + ", actionRateLimiters=" + new java.util.TreeMap<>(actionLimiters) + "}";
    }

    private static URI endpoint(String value) {
        String text = require(value, "trtc.endpoint");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("trtc.endpoint: '" + text + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("trtc.endpoint: '" + text + "' must start with https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("trtc.endpoint: '" + text + "' has no host name");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new IllegalArgumentException("trtc.endpoint: '" + text
                    + "' must be scheme, host and optional port only, e.g. " + DEFAULT_ENDPOINT);
        }
        if (scheme.equals("http") && !Loopback.isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException("trtc.endpoint: plain http is allowed only to a loopback host"
                    + " (localhost, 127.0.0.0/8, [::1]), as for a local simulator; use https:// for '" + uri.getHost()
                    + "'");
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + "/");
    }

    private static String hostHeader(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        int port = uri.getPort();
        int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return port == -1 || port == defaultPort ? host : host + ":" + port;
    }

    private static String require(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " must be set");
        }
        return value.trim();
    }

    /** Rejects characters that cannot go in an HTTP header, without echoing the (possibly secret) value. */
    private static String headerSafe(String value, String setting) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x21 || ch > 0x7e) {
                throw new IllegalArgumentException(setting + " contains a character that is not printable ASCII"
                        + " (at position " + i + "); copy the value again without spaces or line breaks");
            }
        }
        return value;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }

    /** Builder with the defaults a production connector uses. */
    public static final class Builder {
        private String endpoint = DEFAULT_ENDPOINT;
        private String region;
        private String secretId;
        private String secretKey;
        private String token;
        private String language;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Time time = Time.SYSTEM;
        private int ratePerSecond = DEFAULT_RATE_PER_SECOND;
        private RateLimiter rateLimiter;
        private final Map<String, Integer> actionRates = new LinkedHashMap<>();
        private final Map<String, RateLimiter> actionLimiters = new LinkedHashMap<>();
        private ApiCallListener listener = ApiCallListener.NOOP;

        private Builder() {
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder credentials(String secretId, String secretKey) {
            this.secretId = secretId;
            this.secretKey = secretKey;
            return this;
        }

        /** The session token of temporary credentials ({@code X-TC-Token}); null or blank for none. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** {@code zh-CN} or {@code en-US} ({@code X-TC-Language}); null to leave it to the service. */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /** Limit of one send, from connecting to the last body byte. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
            return this;
        }

        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Wall clock for request timestamps ({@code X-TC-Timestamp}). */
        public Builder time(Time time) {
            this.time = time;
            return this;
        }

        /** Requests per second of this client's own limiter; ignored when a shared limiter is given. */
        public Builder rateLimitPerSecond(int ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        /** A limiter shared with every client using the same key (the service limits per account and region). */
        public Builder rateLimiter(RateLimiter rateLimiter) {
            this.rateLimiter = rateLimiter;
            return this;
        }

        /**
         * Requests per second of {@code action}'s own limiter, apart from every other action's (the service limits
         * some actions each on their own). Those of {@link #OWN_LIMIT_ACTIONS} have one by default, at
         * {@link #rateLimitPerSecond(int)}'s rate.
         */
        public Builder rateLimitPerSecond(String action, int ratePerSecond) {
            requireAction(action);
            if (ratePerSecond < 1) {
                throw new IllegalArgumentException("rate limit of " + action + " must be at least 1 request per"
                        + " second, got " + ratePerSecond);
            }
            actionLimiters.remove(action);
            actionRates.put(action, ratePerSecond);
            return this;
        }

        /** A limiter for {@code action} alone (or shared with every client using the same key for it). */
        public Builder rateLimiter(String action, RateLimiter limiter) {
            requireAction(action);
            actionRates.remove(action);
            actionLimiters.put(action, Objects.requireNonNull(limiter, "limiter"));
            return this;
        }

        private static void requireAction(String action) {
            if (action == null || !knownAction(action)) {
                throw new IllegalArgumentException("'" + action + "' is not an action this client sends");
            }
        }

        public Builder listener(ApiCallListener listener) {
            this.listener = listener;
            return this;
        }

        public TrtcClientConfig build() {
            return new TrtcClientConfig(this);
        }
    }
}
