package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceTaskConfig;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Discovery in a real worker: the connector finds the application's calls through the room list, including calls
 * created while it runs, reads each exactly once, and retires finished calls from the task configurations, after
 * which the service sees no more call-detail requests.
 */
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class DiscoveryIT {
    static final long DISCOVERY_INTERVAL_MS = 5_000;
    static final long MIN_RECONFIGURE_MS = 5_000;
    static final long POLL_INTERVAL_MS = 2_000;
    /** Worker reconfiguration (task stop, config write, restart) and the test's own polling. */
    static final long PICKUP_SLACK_MS = 15_000;
    static final Duration BOUNDED_WAIT = Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void callsAreDiscoveredReadExactlyOnceAndRetired() throws Exception {
        long t = Instant.now().getEpochSecond() - 2 * 3600;
        TrtcSimulator sim = TrtcSimulator.builder().dataDelay(Duration.ofSeconds(1))
                .call(twoUsers("disc-old-1", t, 240))
                .call(twoUsers("disc-old-2", t + 1200, 180))
                .call(twoUsers("disc-old-3", t + 3000, 300))
                .build().start();
        try (CallScenario scenario = CallScenario.allCallsOf(sim);
             ConnectorRun run = ENV.run(scenario, "discovery")) {
            List<String> initial = scenario.commIds();
            run.create(discoveryConfig(run));
            run.awaitRunning();

            awaitCalls(run, "the calls existing at start to be finished", initial);
            awaitRetired(run, initial);

            // Calls created while the connector runs: one already over, one live that ends within the test.
            long now = Instant.now().getEpochSecond();
            SimulatedCall shortCall = sim.addCall(twoUsers("disc-new-short", now - 90, 60));
            long shortAdded = System.nanoTime();
            SimulatedCall liveCall = sim.addCall(CallSpec.builder("disc-new-live").user("host", now - 5, now + 30)
                    .user("guest", now, now + 25).build());
            long liveAdded = System.nanoTime();

            long shortPickup = awaitPickedUp(run, shortCall, shortAdded);
            long livePickup = awaitPickedUp(run, liveCall, liveAdded);
            long bound = DISCOVERY_INTERVAL_MS + MIN_RECONFIGURE_MS + PICKUP_SLACK_MS;
            System.out.printf("DiscoveryIT: pickup after addCall: short call %d ms, live call %d ms (bound %d ms)%n",
                    shortPickup, livePickup, bound);
            assertThat(shortPickup).as("short call picked up within interval + reconfiguration + slack")
                    .isLessThanOrEqualTo(bound);
            assertThat(livePickup).as("live call picked up within interval + reconfiguration + slack")
                    .isLessThanOrEqualTo(bound);

            List<String> all = scenario.commIds();
            assertThat(all).hasSize(5);
            // A discovered call retires once its offset is past the room's end, which need not say "finished":
            // the test waits for the live call's end and then for every call to leave the task configurations.
            long liveEnd = now + 30;
            Waits.until("the live call to end (simulator clock)", BOUNDED_WAIT,
                    () -> Instant.now().getEpochSecond() > liveEnd + 1);
            long endedAt = System.nanoTime();
            awaitRetired(run, all);
            System.out.printf("DiscoveryIT: every call retired %d ms after the live call ended%n",
                    (System.nanoTime() - endedAt) / 1_000_000);
            assertThat(run.offsetsByCall().keySet()).as("an offset per call").containsAll(all);
            run.reader().drain(Duration.ofMinutes(1));

            DeliveryReport<Sample> samples = run.samples();
            assertThat(samples.expected()).as("ground truth size").isGreaterThan(100);
            assertThat(samples.isExact()).as("samples: %s", samples).isTrue();
            for (SimulatedCall call : List.of(shortCall, liveCall)) {
                assertThat(run.reader().records(run.samplesTopic(), Sample::of))
                        .as("samples of %s, added while running", call.roomString())
                        .anyMatch(s -> s.commId().equals(call.commId()));
            }
            DeliveryReport<Participant> participants = DeliveryReport.compare(
                    scenario.expectedParticipants().stream().map(p -> joinedWhileLive(p, liveCall)).toList(),
                    run.reader().records(run.participantsTopic(), Participant::of).stream()
                            .map(p -> joinedWhileLive(p, liveCall)).toList());
            assertThat(participants.isExact()).as("participants: %s", participants).isTrue();

            // No call is live and none is assigned: over a fixed window of a few poll intervals (a negative can
            // only be observed over time) the service must see no call-detail request at all.
            long before = callDetailRequests(sim);
            long windowEnd = System.nanoTime() + Duration.ofMillis(3 * POLL_INTERVAL_MS + 1_000).toNanos();
            while (System.nanoTime() < windowEnd) {
                assertHealthy(run);
                run.reader().poll();
            }
            System.out.printf("DiscoveryIT: %d samples and %d participant records exact; call-detail requests"
                    + " %d, unchanged over the %d ms window after retirement%n", samples.expected(),
                    participants.expected(), before, 3 * POLL_INTERVAL_MS + 1_000);
            assertThat(callDetailRequests(sim)).as("call-detail requests after every call retired (%s)",
                    sim.stats()).isEqualTo(before);
            assertThat(run.samples().isExact()).as("samples after the window: %s", run.samples()).isTrue();
        }
    }

    private static Map<String, String> discoveryConfig(ConnectorRun run) {
        Map<String, String> config = run.config();
        config.remove("trtc.comm.ids");
        config.put("trtc.calls.mode", "discover");
        config.put("trtc.start", "PT3H");
        config.put("trtc.discovery.interval.ms", Long.toString(DISCOVERY_INTERVAL_MS));
        config.put("trtc.discovery.min.reconfigure.interval.ms", Long.toString(MIN_RECONFIGURE_MS));
        config.put("trtc.settle.delay.ms", "5000");
        config.put("trtc.poll.interval.ms", Long.toString(POLL_INTERVAL_MS));
        config.put("tasks.max", "2");
        return config;
    }

    /**
     * A JOINED record of the live call says what was known when it was read: normally the user was still in (no
     * leave time, not finished), but a slow pickup could read it after the end. Both sides are compared without
     * those two fields, so each user must still have exactly one JOINED with its join time and device facts.
     */
    private static Participant joinedWhileLive(Participant p, SimulatedCall liveCall) {
        if (!p.commId().equals(liveCall.commId()) || !"JOINED".equals(p.event())) {
            return p;
        }
        return new Participant(p.commId(), p.roomId(), p.userId(), p.event(), p.joinMillis(), null, false,
                p.deviceType(), p.sdkVersion(), p.clientIp());
    }

    private static CallSpec twoUsers(String room, long start, long seconds) {
        return CallSpec.builder(room).user("a-" + room, start, start + seconds)
                .user("b-" + room, start + 5, start + seconds - 5).build();
    }

    /** Waits until the committed offsets mark every one of {@code commIds} finished. */
    private static void awaitCalls(ConnectorRun run, String what, List<String> commIds) {
        Waits.until(what, BOUNDED_WAIT, () -> {
            run.reader().poll();
            assertHealthy(run);
            return run.finishedCalls().containsAll(commIds);
        }, run::diagnostics);
    }

    /** Milliseconds from adding a call until a task configuration lists it or it has a committed offset. */
    private long awaitPickedUp(ConnectorRun run, SimulatedCall call, long addedNanos) {
        Waits.until("call " + call.commId() + " to be assigned to a task", BOUNDED_WAIT, () -> {
            assertHealthy(run);
            return assignedCalls(run).contains(call.commId()) || run.offsetsByCall().containsKey(call.commId());
        }, run::diagnostics);
        return (System.nanoTime() - addedNanos) / 1_000_000;
    }

    private void awaitRetired(ConnectorRun run, List<String> commIds) {
        Waits.until("calls " + commIds + " to leave the task configurations", BOUNDED_WAIT, () -> {
            assertHealthy(run);
            Set<String> still = assignedCalls(run);
            still.retainAll(commIds);
            return still.isEmpty();
        }, () -> "assigned: " + assignedCalls(run) + "\n" + run.diagnostics());
    }

    /** CommIds in the task configurations, from {@code GET /connectors/{name}/tasks}. */
    private Set<String> assignedCalls(ConnectorRun run) {
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(run.rest().baseUrl() + "/connectors/" + run.name() + "/tasks"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET tasks answered " + response.statusCode() + ": "
                        + response.body());
            }
            Set<String> ids = new TreeSet<>();
            for (JsonNode task : JSON.readTree(response.body())) {
                String list = task.path("config").path(TrtcSourceTaskConfig.TASK_COMM_IDS).asText("");
                Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("GET tasks of " + run.name() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The connector and every task it has must be RUNNING throughout (no task at all is fine: nothing to read). */
    private static void assertHealthy(ConnectorRun run) {
        ConnectorStatus status = run.rest().status(run.name());
        if (!"RUNNING".equals(status.state())) {
            throw new Waits.AbortWaitException("connector not RUNNING: " + status + " " + status.trace());
        }
        status.firstFailedTask().ifPresent(task -> {
            throw new Waits.AbortWaitException("task " + task.id() + " failed: " + task.trace());
        });
    }

    private static long callDetailRequests(TrtcSimulator sim) {
        return Arrays.stream(ApiGeneration.values()).mapToLong(g -> sim.stats().requests(g.callDetailAction()))
                .sum();
    }
}
