package dev.kafkaconnect.trtc.connector.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.utils.Time;

/**
 * What call discovery has done, for logs, tests and the worker's metrics (registered at the connector's level):
 * room-list requests by outcome, what the listings found, what the filters kept out, what retired (and how often the
 * committed offsets that retirement reads could not be read), and whether listing is healthy (when it last succeeded, how many rounds failed since). Tag values come from small closed
 * sets, so the number of metrics stays bounded.
 */
public final class DiscoveryCounters {
    static final String FILTER_ROOM = "room-pattern";
    static final String FILTER_DURATION = "min-duration";

    private final Time time;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    public final AtomicLong roomsListed = new AtomicLong();
    public final AtomicLong callsDiscovered = new AtomicLong();
    public final AtomicLong callsRetired = new AtomicLong();
    public final AtomicLong offsetReadFailures = new AtomicLong();
    public final AtomicLong reconfigurations = new AtomicLong();
    public volatile long callsKnown;
    public volatile long callsAssigned;
    public volatile long callsWaiting;
    public volatile long filteredByRoom;
    public volatile long filteredByDuration;
    /** End of the last successful listing round (unix ms), -1 before the first. */
    public volatile long lastListingMillis = -1;
    public volatile long consecutiveFailures;
    private MetricsRegistration registration = MetricsRegistration.forConnector(null);

    public DiscoveryCounters(Time time) {
        this.time = time;
    }

    /** Registers the counters as gauges with the worker (its metrics reporters and JMX). */
    public void register(MetricsRegistration registration) {
        this.registration = registration;
        for (String outcome : requests.keySet()) {
            registration.gauge(DiscoveryMetric.ROOM_LIST_REQUESTS, Map.of("outcome", outcome),
                    requests.get(outcome)::get);
        }
        registration.gauge(DiscoveryMetric.ROOMS_LISTED, Map.of(), roomsListed::get);
        registration.gauge(DiscoveryMetric.CALLS_KNOWN, Map.of(), () -> callsKnown);
        registration.gauge(DiscoveryMetric.CALLS_DISCOVERED, Map.of(), callsDiscovered::get);
        registration.gauge(DiscoveryMetric.CALLS_FILTERED, Map.of("reason", FILTER_ROOM), () -> filteredByRoom);
        registration.gauge(DiscoveryMetric.CALLS_FILTERED, Map.of("reason", FILTER_DURATION),
                () -> filteredByDuration);
        registration.gauge(DiscoveryMetric.CALLS_ASSIGNED, Map.of(), () -> callsAssigned);
        registration.gauge(DiscoveryMetric.CALLS_WAITING, Map.of(), () -> callsWaiting);
        registration.gauge(DiscoveryMetric.CALLS_RETIRED, Map.of(), callsRetired::get);
        registration.gauge(DiscoveryMetric.OFFSET_READ_FAILURES, Map.of(), offsetReadFailures::get);
        registration.gauge(DiscoveryMetric.RECONFIGURATIONS, Map.of(), reconfigurations::get);
        registration.gauge(DiscoveryMetric.LAST_LISTING_TIME, Map.of(), () -> Math.max(0, lastListingMillis));
        registration.gauge(DiscoveryMetric.LAST_LISTING_AGE, Map.of(), this::lastListingAgeSeconds);
        registration.gauge(DiscoveryMetric.LISTING_FAILURES, Map.of(), () -> consecutiveFailures);
    }

    /** Removes the gauges (the connector stops; it may be started again with the same registry). */
    public void unregister() {
        registration.removeAll();
    }

    /** A room-list request ended with {@code outcome}: ok, or an error kind as {@link ApiMetrics#outcome} spells it. */
    public void request(String outcome) {
        requests.computeIfAbsent(outcome, o -> {
            AtomicLong c = new AtomicLong();
            registration.gauge(DiscoveryMetric.ROOM_LIST_REQUESTS, Map.of("outcome", o), c::get);
            return c;
        }).incrementAndGet();
    }

    public long requests(String outcome) {
        AtomicLong c = requests.get(outcome);
        return c == null ? 0 : c.get();
    }

    public long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long lastListingAgeSeconds() {
        long last = lastListingMillis;
        return last < 0 ? -1 : Math.max(0, time.milliseconds() - last) / 1000;
    }
}
