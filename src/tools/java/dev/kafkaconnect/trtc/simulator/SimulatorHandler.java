package dev.kafkaconnect.trtc.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request, in the service's order: faults that replace the answer, action, version, body size, region,
 * method, rate limit, signature, whether the action is served, parameters, then the answer, after any injected
 * latency. Each request ends with exactly one counted outcome.
 */
final class SimulatorHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(SimulatorHandler.class.getName());
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final String NO_ACTION = "(no action)";

    private final TrtcSimulator sim;

    SimulatorHandler(TrtcSimulator sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange ex) {
        String action = ex.getRequestHeaders().getFirst("X-TC-Action");
        String key = action == null || action.isBlank() ? NO_ACTION : action;
        sim.arrived(key);
        boolean recorded = false;
        try {
            byte[] body = readBody(ex.getRequestBody());
            ApiGeneration generation = ApiGeneration.ofAction(action);
            Fault fault = served(action, generation) ? sim.faults().next(action) : Fault.none();
            if (fault.kind() != Fault.Kind.NONE) {
                sim.stats().fault(key, fault.kind());
            }
            if (fault.kind().replacesAnswer()) {
                sim.stats().record(key, fault.outcome());
                recorded = true;
                AnswerWriter.replace(ex, fault);
                return;
            }
            ResponseFields fields;
            String outcome;
            try {
                fields = serve(ex, action, generation, body);
                outcome = fields.outcome() == null ? SimulatorStats.OK : fields.outcome();
            } catch (ApiError e) {
                fields = ResponseFields.error(e.code(), e.getMessage());
                outcome = e.code();
            }
            // Injected latency is the time the service takes to answer: the request was counted against the rate
            // limit on arrival, as the service counts it, not when its answer leaves.
            if (fault.kind() == Fault.Kind.LATENCY) {
                AnswerWriter.pause(sim.faults().delay(fault));
            }
            // A body cut short counts as its fault; a slow one as the answer it delivers.
            sim.stats().record(key, fault.kind().cutsBody() ? fault.outcome() : outcome);
            recorded = true;
            if (fault.kind().shapesBody()) {
                AnswerWriter.shaped(ex, fields, fault);
            } else {
                AnswerWriter.stream(ex, fields);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away during " + key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "simulator failed to answer " + key, e);
            if (!recorded) {
                sim.stats().record(key, "InternalError");
            }
            try {
                AnswerWriter.stream(ex, ResponseFields.error("InternalError", "The simulator failed: " + e));
            } catch (IOException | RuntimeException ignored) {
                // headers may already be out; the connection is closed below
            }
        } finally {
            ex.close();
        }
    }

    /** Validates and answers; {@code body} is null when it was over the size limit. */
    private ResponseFields serve(HttpExchange ex, String action, ApiGeneration generation, byte[] body)
            throws ApiError {
        if (action == null || action.isBlank()) {
            throw new ApiError("MissingParameter", "The header X-TC-Action is missing.");
        }
        if (!served(action, generation)) {
            throw new ApiError("InvalidAction", "The action `" + action + "` is not found. Actions served: "
                    + "DescribeCallDetail, DescribeCallDetailInfo, DescribeRoomInformation, DescribeRoomInfo, "
                    + "DescribeUserEvent, DescribeUnusualEvent.");
        }
        String version = ex.getRequestHeaders().getFirst("X-TC-Version");
        if (version == null || version.isBlank()) {
            throw new ApiError("MissingParameter", "The header X-TC-Version is missing.");
        }
        if (!ApiGeneration.API_VERSION.equals(version)) {
            throw new ApiError("NoSuchVersion", "The API version `" + version + "` does not exist for " + action
                    + "; use " + ApiGeneration.API_VERSION + ".");
        }
        if (body == null) {
            throw new ApiError("InvalidParameter.BodyParamsError", "The request body exceeds 10 MB.");
        }
        String region = ex.getRequestHeaders().getFirst("X-TC-Region");
        if (region != null && !Regions.TRTC.contains(region.trim())) {
            throw new ApiError("UnsupportedRegion", "TRTC is not served in region `" + region + "`; regions: "
                    + String.join(", ", Regions.TRTC) + ".");
        }
        if (!"POST".equals(ex.getRequestMethod())) {
            throw new ApiError("UnsupportedOperation", "This endpoint takes POST with a JSON body; got "
                    + ex.getRequestMethod() + ".");
        }
        if (!sim.actionRateLimit().tryAcquire(action)) {
            sim.stats().countThrottled(action);
            throw new ApiError("RequestLimitExceeded", "Over " + sim.settings().rateLimitPerSecond(action)
                    + " requests in one second for " + action + ".");
        }
        sim.authenticator().verify(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), name -> ex.getRequestHeaders().getFirst(name), body);
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.trim().toLowerCase().startsWith("application/json")) {
            throw new ApiError("InvalidParameter.BodyParamsError", "Content-Type must be application/json; got `"
                    + contentType + "`.");
        }
        return sim.actions().answer(action, generation, body);
    }

    private static boolean served(String action, ApiGeneration generation) {
        return generation != null || EventActions.serves(action);
    }

    /** The body, or null when it is over the service's 10 MB limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        in.close();
        return body.length > MAX_BODY_BYTES ? null : body;
    }
}
