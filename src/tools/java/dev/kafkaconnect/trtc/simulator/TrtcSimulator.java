package dev.kafkaconnect.trtc.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

/**
 * A local stand-in for the Tencent Cloud TRTC call-quality API: serves {@code DescribeCallDetail(Info)},
 * {@code DescribeRoomInformation}/{@code DescribeRoomInfo}, {@code DescribeUserEvent} and
 * {@code DescribeUnusualEvent} over HTTP on loopback, verifies TC3-HMAC-SHA256, enforces
 * the documented parameter rules and rate limit, and serves a seeded, deterministic data set whose every point
 * {@link #groundTruth()} can list. Faults are injected through {@link #faults()}; {@link #stats()} counts outcomes.
 */
public final class TrtcSimulator implements AutoCloseable {
    public static final long DEFAULT_SDK_APP_ID = 1400188366L;
    /** The demo credentials: not secret, documented, for local use only. */
    public static final String DEMO_SECRET_ID = "AKIDsimulatorDEMO0000000000000000000";
    public static final String DEMO_SECRET_KEY = "simulatorDemoSecretKey000000000000";

    private final long sdkAppId;
    private final SimulatorClock clock;
    private final SimulatorSettings settings;
    private final CallRegistry registry = new CallRegistry();
    private final MetricModel metricModel;
    private final RequestAuthenticator authenticator;
    private final ActionRateLimit actionRateLimit;
    private final SimulatorStats stats;
    private volatile ObjLongConsumer<String> arrivals = (action, nanos) -> { };
    private final Faults faults;
    private final UserOrderShifts userOrderShifts = new UserOrderShifts();
    private final GroundTruth groundTruth;
    private final ActionAnswers actions = new ActionAnswers(this);
    private final EventActions eventActions;
    private final int port;
    private final int threads;
    private HttpServer server;
    private ExecutorService executor;

    private TrtcSimulator(Builder b) {
        this.sdkAppId = b.sdkAppId;
        this.clock = b.clock;
        this.settings = b.settings;
        this.metricModel = new MetricModel(b.seed);
        this.authenticator = new RequestAuthenticator(b.credentials, clock);
        this.actionRateLimit = new ActionRateLimit(b.realTimeMillis, settings::rateLimitPerSecond);
        this.stats = new SimulatorStats(actionRateLimit);
        this.faults = new Faults(b.seed);
        UserTimeline timeline = new UserTimeline(b.seed, metricModel);
        ExperienceModel experiences = new ExperienceModel(b.seed, metricModel);
        this.groundTruth = new GroundTruth(registry, metricModel, clock, () -> settings.dataDelay().toSeconds(),
                timeline, experiences);
        this.eventActions = new EventActions(this, b.seed, timeline, experiences);
        this.port = b.port;
        this.threads = b.threads;
        long now = clock.nowSeconds();
        new CallGenerator(b.seed, sdkAppId).generate(b.finishedCalls, b.liveCalls, now,
                settings.lookback().toSeconds()).forEach(registry::add);
        b.specs.forEach(this::addCall);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 (on a free port unless the builder chose one) and starts serving. */
    public synchronized TrtcSimulator start() {
        if (server != null) {
            throw new IllegalStateException("already started at " + endpoint());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port, e);
        }
        executor = Executors.newFixedThreadPool(threads, daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", new SimulatorHandler(this));
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public synchronized String endpoint() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    /** Every call, including those the clock has not reached yet, in creation order. */
    public List<SimulatedCall> calls() {
        return registry.all();
    }

    public SimulatedCall call(String commId) {
        return registry.get(commId);
    }

    /** Adds a call while serving (for discovery); returns it with its CommId. */
    public SimulatedCall addCall(CallSpec spec) {
        SimulatedCall call = spec.toCall(sdkAppId);
        registry.add(call);
        return call;
    }

    /**
     * Makes a user of a call rejoin while serving: adds a stay, after the user's others. Answers from then on list
     * and serve it (which stay the user list shows for earlier windows: {@link SimulatorSettings#listedStay()}),
     * and so does {@link #groundTruth()}. Returns the changed call.
     */
    public SimulatedCall rejoin(String commId, String userId, Presence stay) {
        synchronized (registry) {
            SimulatedCall call = registry.get(commId);
            if (call == null) {
                throw new IllegalArgumentException("unknown CommId " + commId);
            }
            SimulatedCall changed = call.withStay(userId, stay);
            registry.replace(changed);
            return changed;
        }
    }

    /**
     * Writes the answer the server would send for an action and JSON body, without HTTP, authentication or rate
     * limit: the same validation, data and bytes (but for {@code RequestId}). For benchmarks and fixtures.
     * Returns the error code answered, or null for a successful answer.
     */
    public String writeAnswer(String action, byte[] jsonBody, OutputStream out) throws IOException {
        ApiGeneration generation = ApiGeneration.ofAction(action);
        if (generation == null && !EventActions.serves(action)) {
            throw new IllegalArgumentException("not a served action: " + action);
        }
        try {
            AnswerWriter.write(out, actions.answer(action, generation, jsonBody));
            return null;
        } catch (ApiError e) {
            AnswerWriter.write(out, ResponseFields.error(e.code(), e.getMessage()));
            return e.code();
        }
    }

    /** {@link #writeAnswer} into a byte array. */
    public byte[] answer(String action, String jsonBody) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writeAnswer(action, jsonBody.getBytes(StandardCharsets.UTF_8), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    public Faults faults() {
        return faults;
    }

    public SimulatorStats stats() {
        return stats;
    }

    /**
     * Observes each request as it arrives, before anything else is done with it: its action (or "(no action)")
     * and {@link System#nanoTime()}. For benchmarks that compare when requests reach the service with when the
     * client let them go; the observer runs on the server's threads and must be quick.
     */
    public void observeArrivals(ObjLongConsumer<String> observer) {
        this.arrivals = Objects.requireNonNull(observer, "observer");
    }

    void arrived(String action) {
        arrivals.accept(action, System.nanoTime());
    }

    /** Behaviour switches, changeable while serving. */
    public SimulatorSettings settings() {
        return settings;
    }

    public SimulatorClock clock() {
        return clock;
    }

    public long sdkAppId() {
        return sdkAppId;
    }

    /** The windows whose user order has shifted between pages ({@link SimulatorSettings#userOrder}). */
    UserOrderShifts userOrderShifts() {
        return userOrderShifts;
    }

    public MetricModel metricModel() {
        return metricModel;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    CallRegistry registry() {
        return registry;
    }

    ActionAnswers actions() {
        return actions;
    }

    EventActions eventActions() {
        return eventActions;
    }

    RequestAuthenticator authenticator() {
        return authenticator;
    }

    ActionRateLimit actionRateLimit() {
        return actionRateLimit;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "trtc-simulator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "TrtcSimulator{sdkAppId=" + sdkAppId + ", calls=" + registry.all().size()
                + (server == null ? "" : ", endpoint=" + endpoint()) + "}";
    }

    public static final class Builder {
        private long sdkAppId = DEFAULT_SDK_APP_ID;
        private final Map<String, Credential> credentials = new LinkedHashMap<>();
        private SimulatorClock clock = SimulatorClock.system();
        private long seed = 42;
        private int finishedCalls;
        private int liveCalls;
        private final List<CallSpec> specs = new ArrayList<>();
        private final SimulatorSettings settings = new SimulatorSettings();
        private LongSupplier realTimeMillis = System::currentTimeMillis;
        private int port;
        private int threads = 16;

        private Builder() {
        }

        public Builder sdkAppId(long sdkAppId) {
            if (sdkAppId <= 0) {
                throw new IllegalArgumentException("sdkAppId must be positive: " + sdkAppId);
            }
            this.sdkAppId = sdkAppId;
            return this;
        }

        /** Replaces the accepted credentials with this pair. */
        public Builder credentials(String secretId, String secretKey) {
            credentials.clear();
            return addCredentials(secretId, secretKey);
        }

        public Builder addCredentials(String secretId, String secretKey) {
            return add(new Credential(requireText(secretId, "secretId"), requireText(secretKey, "secretKey"), null));
        }

        /** Temporary credentials: requests must carry {@code X-TC-Token} equal to {@code token}. */
        public Builder addTemporaryCredentials(String secretId, String secretKey, String token) {
            return add(new Credential(requireText(secretId, "secretId"), requireText(secretKey, "secretKey"),
                    requireText(token, "token")));
        }

        public Builder clock(SimulatorClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Seeded random calls: {@code finished} spread over the lookback, {@code live} in progress now. */
        public Builder generatedCalls(int finished, int live) {
            if (finished < 0 || live < 0) {
                throw new IllegalArgumentException("call counts must not be negative");
            }
            this.finishedCalls = finished;
            this.liveCalls = live;
            return this;
        }

        /** An explicit call; repeatable. */
        public Builder call(CallSpec spec) {
            specs.add(Objects.requireNonNull(spec, "spec"));
            return this;
        }

        public Builder rateLimitPerSecond(int limit) {
            settings.rateLimitPerSecond(limit);
            return this;
        }

        public Builder lookback(Duration lookback) {
            settings.lookback(lookback);
            return this;
        }

        public Builder dataDelay(Duration delay) {
            settings.dataDelay(delay);
            return this;
        }

        public Builder userListMode(UserListMode mode) {
            settings.userListMode(mode);
            return this;
        }

        public Builder seedActionsOffline(boolean offline) {
            settings.seedActionsOffline(offline);
            return this;
        }

        /** Further switches (empty-list style, room filter and Total, unknown CommId, ...). */
        public Builder settings(java.util.function.Consumer<SimulatorSettings> configure) {
            configure.accept(settings);
            return this;
        }

        /** The real-time source of the per-action rate limit (milliseconds); tests replace it to control seconds. */
        public Builder realTimeMillis(LongSupplier millis) {
            this.realTimeMillis = Objects.requireNonNull(millis, "realTimeMillis");
            return this;
        }

        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Server threads; latency and slow-body faults hold one each while they last. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = threads;
            return this;
        }

        public TrtcSimulator build() {
            if (credentials.isEmpty()) {
                credentials.put(DEMO_SECRET_ID, new Credential(DEMO_SECRET_ID, DEMO_SECRET_KEY, null));
            }
            return new TrtcSimulator(this);
        }

        private Builder add(Credential c) {
            credentials.put(c.secretId(), c);
            return this;
        }

        private static String requireText(String s, String name) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return s;
        }
    }
}
