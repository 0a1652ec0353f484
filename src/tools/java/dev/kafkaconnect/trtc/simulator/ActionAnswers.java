package dev.kafkaconnect.trtc.simulator;

import dev.kafkaconnect.trtc.api.ApiGeneration;

/**
 * What an action answers once the request has passed the HTTP-level checks (version, rate limit, signature):
 * whether the action is served, its parameters, and the answer itself. Shared by the server and by
 * {@link TrtcSimulator#writeAnswer}, which renders answers without HTTP (benchmarks, fixtures).
 */
final class ActionAnswers {
    private final TrtcSimulator sim;

    ActionAnswers(TrtcSimulator sim) {
        this.sim = sim;
    }

    /** {@code generation} is null for an action outside the two generations (the event actions). */
    ResponseFields answer(String action, ApiGeneration generation, byte[] body) throws ApiError {
        if (generation == null) {
            return sim.eventActions().answer(action, body);
        }
        if (generation == ApiGeneration.SEED && sim.settings().seedActionsOffline()) {
            throw new ApiError("ActionOffline", "The action " + action + " is offline; use "
                    + (action.equals(generation.callDetailAction()) ? ApiGeneration.SUCCESSOR.callDetailAction()
                    : ApiGeneration.SUCCESSOR.roomListAction()) + ".");
        }
        RequestParams params = RequestParams.parse(body, action, generation);
        long now = sim.clock().nowSeconds();
        SimulatorSettings settings = sim.settings();
        if (action.equals(generation.callDetailAction())) {
            CallDetailQuery q = CallDetailQuery.parse(params, generation, sim.sdkAppId(), now, settings);
            SimulatedCall call = sim.registry().get(q.commId());
            if (call != null && sim.faults().vanished(call.commId())) {
                throw notFound(q.commId());
            }
            if (call == null || !call.existsAt(now)) {
                if (settings.unknownCommId() == SimulatorSettings.UnknownCommId.RESOURCE_NOT_FOUND) {
                    throw notFound(q.commId());
                }
                call = null;
            }
            Malformation malformed = call == null ? null
                    : sim.faults().malformation(call.commId(), q.startTime(), q.endTime());
            boolean shifted = call != null && settings.userOrder() == SimulatorSettings.UserOrder.SHIFTS_BETWEEN_PAGES
                    && sim.userOrderShifts().shifted(call.commId(), q.startTime(), q.endTime(), q.pageNumber());
            ResponseFields fields = CallDetailAnswer.of(q, call, now, now - settings.dataDelay().toSeconds(),
                    settings, sim.metricModel(), malformed, shifted);
            return malformed == null ? fields : ResponseFields.counted(fields, malformed.outcome());
        }
        RoomListQuery q = RoomListQuery.parse(params, generation, sim.sdkAppId(), now, settings);
        return RoomListAnswer.of(q, sim.registry(), now, settings, sim.faults()::vanished);
    }

    private static ApiError notFound(String commId) {
        return new ApiError("ResourceNotFound", "The call " + commId + " does not exist.");
    }
}
