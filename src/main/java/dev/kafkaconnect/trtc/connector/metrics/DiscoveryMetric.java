package dev.kafkaconnect.trtc.connector.metrics;

import java.util.List;

/**
 * Every metric call discovery registers, at the connector's level (discover mode only); the worker tags them with
 * the connector.
 */
public enum DiscoveryMetric implements MetricDefinition {
    ROOM_LIST_REQUESTS("room-list-requests-total", "Room-list requests by outcome: ok or the error kind "
            + "(throttled, server, transport, auth, ...); a request the client retried counts once", "outcome"),
    ROOMS_LISTED("rooms-listed-total", "Room entries the listings returned (a room listed again by a later round "
            + "counts again)"),
    CALLS_KNOWN("calls-known", "Calls listed inside the lookback, whatever the filters say"),
    CALLS_DISCOVERED("calls-discovered-total", "Calls listed for the first time since the connector started"),
    CALLS_FILTERED("calls-filtered", "Known calls the filters keep out, by reason: room-pattern "
            + "(trtc.discovery.room.include/exclude), min-duration (trtc.discovery.min.duration.ms; a live call "
            + "is admitted once it lasts long enough)", "reason"),
    CALLS_ASSIGNED("calls-assigned", "Calls in the task assignments"),
    CALLS_WAITING("calls-waiting", "Calls to read that wait for a place in the assignments "
            + "(trtc.discovery.max.calls)"),
    CALLS_RETIRED("calls-retired-total", "Calls retired from the assignments as fully read (finished, past the "
            + "room's end or trtc.end)"),
    OFFSET_READ_FAILURES("offset-read-failures-total", "Discovery rounds whose read of committed offsets (to retire "
            + "fully read calls) failed; nothing retires in such a round, and the offsets are read again in the next"),
    RECONFIGURATIONS("reconfigurations-total", "Task reconfigurations requested because the calls to read changed"),
    LAST_LISTING_TIME("last-listing-time-ms", "When the last successful listing round ended (unix ms); 0 before "
            + "the first"),
    LAST_LISTING_AGE("last-listing-age-seconds", "Seconds since the last successful listing round; -1 before the "
            + "first. Grows past trtc.discovery.interval.ms while listing fails"),
    LISTING_FAILURES("listing-failures-consecutive", "Listing rounds failed in a row; 0 after a success");

    public final String metricName;
    final String description;
    final List<String> tags;

    DiscoveryMetric(String metricName, String description, String... tags) {
        this.metricName = metricName;
        this.description = description;
        this.tags = List.of(tags);
    }

    @Override
    public String metricName() {
        return metricName;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> tags() {
        return tags;
    }
}
