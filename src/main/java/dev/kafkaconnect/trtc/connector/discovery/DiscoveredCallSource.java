package dev.kafkaconnect.trtc.connector.discovery;

import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.metrics.DiscoveryCounters;
import dev.kafkaconnect.trtc.connector.metrics.WorkerPluginMetrics;
import dev.kafkaconnect.trtc.connector.read.Backoff;
import dev.kafkaconnect.trtc.connector.service.ApiErrors;
import dev.kafkaconnect.trtc.connector.service.GenerationSwitch;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of the whole application, found through the room-list API by a background thread every
 * {@code trtc.discovery.interval.ms}. When the set changes, the tasks are reconfigured, at most once per
 * {@code trtc.discovery.min.reconfigure.interval.ms} (changes in between are batched). A listing that fails for
 * a passing reason (throttling, server or network trouble) keeps the last set and is retried with back-off; one
 * that cannot succeed (credentials, access, application) fails the connector with a message naming the setting.
 * A round whose read of committed offsets fails (the worker's offset store) retires nothing and reads them again in
 * the next round; the connector goes on.
 */
public final class DiscoveredCallSource implements CallSource {
    private static final Logger log = LoggerFactory.getLogger(DiscoveredCallSource.class);

    private final ConnectorContext context;
    private final Time time;
    private final TrtcApi api;
    private final CallDiscovery discovery;
    private final long intervalMillis;
    private final long minReconfigureMillis;
    private final Backoff backoff;
    private final DiscoveryCounters counters;
    private volatile List<String> calls = List.of();
    private List<String> pending;
    private long lastReconfigureMillis = Long.MIN_VALUE;
    private long nextDiscoveryMillis = Long.MIN_VALUE;
    private int failures;
    private volatile boolean closed;
    private ScheduledExecutorService scheduler;

    public DiscoveredCallSource(TrtcSourceConfig config, ConnectorContext context, OffsetStorageReader offsets,
                         TrtcApiFactory apiFactory, Time time) {
        this.context = context;
        this.time = time;
        this.intervalMillis = config.discoveryInterval().toMillis();
        this.minReconfigureMillis = config.discoveryMinReconfigureInterval().toMillis();
        this.backoff = new Backoff(config.retryBackoff(), config.retryBackoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        // Its own client and limiter: the room-list action has its own budget, and discovery must never take
        // from the tasks' call-detail budget.
        this.api = apiFactory.create(config, config.discoveryRateLimit(), time);
        this.counters = new DiscoveryCounters(time);
        counters.register(WorkerPluginMetrics.forConnector(context));
        RoomLister lister = new RoomLister(api, config.sdkAppId(), new GenerationSwitch(config.generationMode()),
                counters);
        long end = config.end() == null ? Long.MAX_VALUE : config.end().getEpochSecond();
        this.discovery = new CallDiscovery(lister, RoomFilter.of(config),
                new CallRetirement(offsets, config.sdkAppId(), end),
                config.start().resolveSeconds(Instant.ofEpochMilli(time.milliseconds())), config.lookback().toSeconds(),
                config.discoveryMaxCalls(), counters);
    }

    /** Starts the background thread; the first listing runs at once. */
    public DiscoveredCallSource start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trtc-call-discovery");
            t.setDaemon(true);
            return t;
        });
        scheduler.execute(this::loop);
        return this;
    }

    private void loop() {
        if (closed) {
            return;
        }
        long delay;
        try {
            delay = step();
        } catch (RuntimeException e) {
            if (!closed) {
                fail(new ConnectException("Call discovery failed unexpectedly: " + e, e));
            }
            return;
        }
        if (delay >= 0 && !closed) {
            scheduler.schedule(this::loop, delay, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public List<String> calls() {
        return calls;
    }

    /**
     * Does what is due at the clock's now: a discovery round, publishing a batched change, or both. Returns the
     * milliseconds until something is due again, or -1 once the connector has been failed.
     */
    public long step() {
        long now = time.milliseconds();
        if (now >= nextDiscoveryMillis) {
            if (!discover(now)) {
                return -1;
            }
        }
        publishIfDue(now);
        long next = nextDiscoveryMillis - now;
        if (pending != null) {
            next = Math.min(next, lastReconfigureMillis + minReconfigureMillis - now);
        }
        return Math.max(0, next);
    }

    private boolean discover(long now) {
        List<String> found;
        try {
            found = discovery.refresh(Math.floorDiv(now, 1000));
        } catch (TrtcApiException e) {
            if (closed) {
                return false;
            }
            failures++;
            counters.consecutiveFailures = failures;
            if (!e.kind().retriable()) {
                fail(new ConnectException("Call discovery failed: " + ApiErrors.describe(e), e));
                return false;
            }
            long delay = Math.min(intervalMillis, backoff.delayMillis(failures));
            log.warn("Call discovery failed ({}); keeping the {} known calls, retrying in {} ms",
                    ApiErrors.describe(e), calls.size(), delay);
            nextDiscoveryMillis = now + delay;
            return true;
        }
        failures = 0;
        counters.consecutiveFailures = 0;
        counters.lastListingMillis = time.milliseconds();
        nextDiscoveryMillis = now + intervalMillis;
        pending = found.equals(calls) ? null : found;
        log.debug("Call discovery: {} known, {} retired, {} to assign", discovery.knownCount(),
                discovery.retiredCount(), found.size());
        return true;
    }

    private void publishIfDue(long now) {
        if (pending == null || lastReconfigureMillis != Long.MIN_VALUE
                && now - lastReconfigureMillis < minReconfigureMillis) {
            return;
        }
        log.info("Call discovery: the calls to read changed ({} before, {} now); reconfiguring the tasks",
                calls.size(), pending.size());
        calls = pending;
        counters.callsAssigned = calls.size();
        pending = null;
        lastReconfigureMillis = now;
        counters.reconfigurations.incrementAndGet();
        context.requestTaskReconfiguration();
    }

    private void fail(ConnectException e) {
        log.error(e.getMessage());
        context.raiseError(e);
    }

    CallDiscovery discovery() {
        return discovery;
    }

    DiscoveryCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        api.close();
        counters.unregister();
    }
}
