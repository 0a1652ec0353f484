package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import java.util.List;
import java.util.Set;

/**
 * What {@code DescribeUserEvent} and {@code DescribeUnusualEvent} answer once a request has passed the HTTP-level
 * checks: their parameters, then the events of the simulator's data set. Used by {@link ActionAnswers}.
 */
final class EventActions {
    static final Set<String> ACTIONS = Set.of(UserEventRequest.ACTION, UnusualEventRequest.ACTION);

    private final TrtcSimulator sim;
    private final long seed;
    private final UserTimeline timeline;
    private final ExperienceModel experiences;

    EventActions(TrtcSimulator sim, long seed, UserTimeline timeline, ExperienceModel experiences) {
        this.sim = sim;
        this.seed = seed;
        this.timeline = timeline;
        this.experiences = experiences;
    }

    /** Whether {@code action} is one of the event actions. */
    static boolean serves(String action) {
        return action != null && ACTIONS.contains(action);
    }

    ResponseFields answer(String action, byte[] body) throws ApiError {
        // One generation only, with the successor's Integer parameters.
        RequestParams params = RequestParams.parse(body, action, ApiGeneration.SUCCESSOR);
        long now = sim.clock().nowSeconds();
        SimulatorSettings settings = sim.settings();
        long visibleUntil = now - settings.dataDelay().toSeconds();
        if (action.equals(UserEventRequest.ACTION)) {
            EventQueries.UserEvents q = EventQueries.userEvents(params, sim.sdkAppId(), now, settings);
            return EventAnswers.userEvents(userEvents(q, now, visibleUntil, settings), q.userId(), settings);
        }
        EventQueries.UnusualEvents q = EventQueries.unusualEvents(params, sim.sdkAppId(), now, settings);
        List<GroundTruth.Experience> all = experiences.ofRoom(sim.registry().createdUpTo(Math.min(now, q.endTime())),
                q.roomId(), settings.firstServed(q.startTime()), q.endTime(), now, visibleUntil,
                sim.faults()::vanished);
        long sampleKey = Hashing.of(Hashing.of(Hashing.of(Hashing.of(seed, "any-20"),
                q.roomId() == null ? "" : q.roomId()), q.startTime()), q.endTime());
        return EventAnswers.unusualEvents(EventAnswers.any(all, UnusualEventResponse.MAX_EXPERIENCES, sampleKey), settings);
    }

    private List<GroundTruth.UserEvent> userEvents(EventQueries.UserEvents q, long now, long visibleUntil,
                                                   SimulatorSettings settings) throws ApiError {
        SimulatedCall call = sim.registry().get(q.commId());
        if (call != null && sim.faults().vanished(call.commId())) {
            throw notFound(q.commId());
        }
        if (call == null || !call.existsAt(now)) {
            if (settings.unknownCommId() == SimulatorSettings.UnknownCommId.RESOURCE_NOT_FOUND) {
                throw notFound(q.commId());
            }
            return List.of();
        }
        SimulatedUser user = call.user(q.userId());
        // A user of another room, or none of this call: nothing to tell, as for any user without events.
        if (user == null || !call.roomId().equals(q.roomId())) {
            return List.of();
        }
        long from = settings.firstServed(q.startTime());
        // The docs: an end after the room's end is taken as the room's end.
        long last = Math.min(Math.min(q.endTime(), call.activeUntil(now)), visibleUntil);
        return timeline.of(call, user, now).stream()
                .filter(e -> e.timeSec() >= from && e.timeSec() <= last).toList();
    }

    private static ApiError notFound(String commId) {
        return new ApiError("ResourceNotFound", "The call " + commId + " does not exist.");
    }
}
