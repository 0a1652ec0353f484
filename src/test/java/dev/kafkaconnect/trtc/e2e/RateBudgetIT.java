package dev.kafkaconnect.trtc.e2e;

import static dev.kafkaconnect.trtc.e2e.ResilienceAndScaleIT.actions;
import static dev.kafkaconnect.trtc.e2e.ResilienceAndScaleIT.sum;
import static dev.kafkaconnect.trtc.e2e.ResilienceAndScaleIT.taskAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.simulator.SimulatorStats;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Several tasks share the connector's rate budget without the service ever throttling them, on the worker shared
 * with {@link ResilienceAndScaleIT} and the other classes of the default worker settings (moved here from that class).
 * <p>
 * Whether the service throttles depends on when requests arrive, which a CPU busy with other classes' brokers and
 * workers can bunch up: the class runs alone ({@code @Isolated}: after the classes that run concurrently).
 */
@Isolated
class RateBudgetIT {
    private static final int RATE_BUDGET = 20;

    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w.exactlyOnce(false).offsetFlushIntervalMs(1000));

    /**
     * Four tasks share 40 calls evenly and the rate budget without the service ever throttling them. Each call
     * has 48 users, so each of its windows takes 8 pages: 320 requests, about 16 s of requests paced at the
     * budget, with few records (one uplink metric, 100 s calls).
     */
    @Test
    void fourTasksShareCallsAndRateBudget() {
        int calls = 40;
        int tasks = 4;
        int users = 48;
        RequestSeconds requestSeconds = new RequestSeconds();
        try (CallScenario scenario = CallScenario.crowdedCalls(calls, users, 100, List.of("appCpu"),
                b -> b.realTimeMillis(requestSeconds))) {
            ResilienceAndScaleIT.withConnector(ENV, scenario, "scale", run -> {
                Map<String, String> config = run.config();
                config.put("tasks.max", Integer.toString(tasks));
                config.put("trtc.rate.limit", Integer.toString(RATE_BUDGET));
                // The call-detail budget alone: each event stream's action has a budget of its own at the service.
                config.put("trtc.streams", "");
                run.create(config);
                run.awaitRunning();
                List<List<String>> assignment = taskAssignment(run);
                run.awaitAllCallsFinished();

                SimulatorStats stats = scenario.simulator().stats();
                long requests = sum(stats::requests);
                long throttled = sum(stats::throttled);
                long rateLimited = sum(a -> stats.outcome(a, ResilienceAndScaleIT.RATE_LIMITED));
                int busiestSecond = actions().stream().mapToInt(stats::maxRequestsInAnySecond).max().orElse(0);
                int nearBudget = RATE_BUDGET * 3 / 4;
                long secondsNearBudget = requestSeconds.secondsWithAtLeast(nearBudget);
                DeliveryReport<Sample> samples = run.samples();
                DeliveryReport<Participant> participants = run.participants();
                System.out.printf("scale-out: calls per task %s; %d requests, busiest second %d (budget %d), "
                        + "%d seconds with at least %d; requests per second %s; %d throttled, "
                        + "%d RequestLimitExceeded; samples: %s; participants: %s%n",
                        assignment.stream().map(List::size).toList(), requests, busiestSecond, RATE_BUDGET,
                        secondsNearBudget, nearBudget, requestSeconds.counts().values(), throttled, rateLimited,
                        samples, participants);

                assertThat(assignment.stream().map(List::size).toList()).as("calls per task %s", assignment)
                        .containsExactly(10, 10, 10, 10);
                List<String> assigned = assignment.stream().flatMap(List::stream).toList();
                assertThat(assigned).as("calls over all tasks").doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(scenario.commIds());
                // A call read by two tasks would deliver its samples twice.
                assertThat(samples.isExact()).as("samples: %s", samples).isTrue();
                assertThat(participants.isExact()).as("participants: %s", participants).isTrue();
                assertThat(throttled).as("requests the service throttled; requests per second %s",
                        requestSeconds.counts()).isZero();
                assertThat(rateLimited).as("RequestLimitExceeded answers").isZero();
                assertThat(requestSeconds.total()).as("requests counted per second").isEqualTo(requests);
                assertThat(requests).as("requests: 8 pages per call").isGreaterThanOrEqualTo(calls * 8L);
                assertThat(busiestSecond).as("requests in the busiest second").isLessThanOrEqualTo(RATE_BUDGET);
                // The tasks were pacing-bound on the shared budget for a while, or the bound proved nothing.
                assertThat(secondsNearBudget).as("seconds with at least %d requests: %s", nearBudget,
                        requestSeconds.counts()).isGreaterThanOrEqualTo(8);
            });
        }
    }
}
