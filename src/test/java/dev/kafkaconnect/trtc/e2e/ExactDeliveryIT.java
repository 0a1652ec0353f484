package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The connector in a real worker delivers every sample of finished and live calls exactly once, with participant
 * records matching the user list, and its offsets can be read, rewound per call and reset over REST (with the JSON
 * converter of the shipped example).
 */
@ResourceLock(value = E2eStack.DEFAULT_WORKERS, mode = ResourceAccessMode.READ)
class ExactDeliveryIT {
    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w).scenario(CallScenario::varied);

    /**
     * Finished calls and a call in progress in one data set, as Avro through a real Confluent-API registry (the
     * format production runs with). The live call is compared up to an instant its committed offset has passed,
     * so everything before it is certainly in Kafka; what arrived after it must still be ground truth, once.
     */
    @Test
    void finishedAndLiveCallsArriveExactlyAsTheGroundTruth() {
        long settleMs = 5_000;
        RecordFormat avro = RecordFormat.avro(ApicurioRegistry.shared().ccompatUrl());
        try (CallScenario scenario = CallScenario.variedWithLiveCall(Duration.ofSeconds(2));
             ConnectorRun run = ENV.run(scenario, "exact", avro)) {
            SimulatedCall live = scenario.calls().stream().filter(c -> c.isLive(Instant.now().getEpochSecond()))
                    .findFirst().orElseThrow();
            List<String> finished = scenario.commIds().stream().filter(id -> !id.equals(live.commId())).toList();
            Map<String, String> config = run.config();
            config.put("trtc.settle.delay.ms", Long.toString(settleMs));
            config.put("trtc.poll.interval.ms", "2000");
            run.create(config);
            // Samples measured up to now become readable a settle delay and a poll interval later.
            long cutoffSec = Instant.now().getEpochSecond();
            run.awaitOffsets("finish " + finished.size() + " calls and read the live call past " + cutoffSec,
                    offsets -> finished.stream().allMatch(id -> offsets.containsKey(id)
                            && offsets.get(id).path("offset").path("finished").asBoolean(false))
                            && offsets.containsKey(live.commId())
                            && offsets.get(live.commId()).path("offset").path("cursor").asLong() > cutoffSec);

            List<Sample> delivered = run.reader().records(run.samplesTopic(), Sample::of);
            List<Sample> expected = new ArrayList<>();
            scenario.calls().forEach(c -> scenario.expectedSamples(c, cutoffSec).forEach(expected::add));
            DeliveryReport<Sample> upToCutoff = DeliveryReport.compare(expected,
                    delivered.stream().filter(s -> s.timeMillis() <= cutoffSec * 1000L).toList());
            DeliveryReport<Sample> all = DeliveryReport.compare(scenario.expectedSamples(), delivered);
            DeliveryReport<Participant> participants = run.participants();
            long liveExpected = expected.stream().filter(s -> s.commId().equals(live.commId())).count();
            System.out.printf("exact delivery: up to %d: %s (%d of the live call); everything read: %s; "
                    + "participants: %s%n", cutoffSec, upToCutoff, liveExpected, all, participants);

            assertThat(upToCutoff.expected()).as("scenario size").isGreaterThan(1000);
            assertThat(liveExpected).as("live call samples up to the cutoff").isGreaterThan(500);
            assertThat(upToCutoff.isExact()).as("samples up to the cutoff: %s", upToCutoff).isTrue();
            assertThat(all.duplicated()).as("duplicates: %s", all).isEmpty();
            assertThat(all.unexpected()).as("samples never served: %s", all).isEmpty();
            // The stayer and the latecomer: JOINED only (no leave time); the leaver: JOINED and LEFT.
            assertThat(scenario.expectedParticipants().stream().filter(p -> p.commId().equals(live.commId()))
                    .map(p -> p.userId() + ":" + p.event()).toList())
                    .containsExactlyInAnyOrder("stayer:JOINED", "leaver:JOINED", "leaver:LEFT", "latecomer:JOINED");
            assertThat(participants.isExact()).as("participants: %s", participants).isTrue();

            // The event streams of the finished calls, decoded through the registry: each record once, and each
            // user's records in time order (a user's records share a key, so a partition).
            DeliveryReport<Experience> experiences = DeliveryReport.compare(scenario.expectedExperiences(),
                    run.reader().records(run.experiencesTopic(), Experience::of).stream()
                            .filter(e -> finished.contains(e.commId())).toList());
            List<UserEventRecord> events = run.reader().records(run.userEventsTopic(), UserEventRecord::of);
            DeliveryReport<UserEventRecord> userEvents = DeliveryReport.compare(scenario.expectedUserEvents(),
                    events.stream().filter(e -> finished.contains(e.commId())).toList());
            System.out.printf("exact delivery: abnormal experiences %s; user events %s%n", experiences, userEvents);
            assertThat(experiences.isExact()).as("abnormal experiences: %s", experiences).isTrue();
            assertThat(userEvents.expected()).as("user events drawn").isPositive();
            assertThat(userEvents.isExact()).as("user events: %s", userEvents).isTrue();
            Map<String, List<Long>> timesByUser = new java.util.HashMap<>();
            events.forEach(e -> timesByUser.computeIfAbsent(e.commId() + "|" + e.userId(), k -> new ArrayList<>())
                    .add(e.timeMillis()));
            timesByUser.forEach((user, times) -> assertThat(times).as("%s's events in time order", user).isSorted());
        }
    }

    @Test
    void offsetsCanBeListedRewoundPerCallAndReset() {
        try (ConnectorRun run = ENV.run("offsets")) {
            run.create(run.config());
            run.awaitAllCallsFinished();
            assertThat(run.samples().isExact()).as("first pass: %s", run.samples()).isTrue();
            assertThat(run.callEnds().expected()).as("finished calls").isEqualTo(ENV.scenario().calls().size());
            assertThat(run.callEnds().isExact()).as("call ends, first pass: %s", run.callEnds()).isTrue();

            run.rest().stopConnector(run.name());
            run.awaitState("STOPPED");
            Map<String, JsonNode> offsets = run.offsetsByCall();
            assertThat(offsets.keySet()).as("one offset per call").containsExactlyInAnyOrderElementsOf(
                    ENV.scenario().commIds());

            // Rewind one call to five minutes after it began: exactly its samples from there come again.
            SimulatedCall call = ENV.scenario().calls().get(0);
            long cursor = call.createTime() + 300;
            ObjectNode body = new ObjectMapper().createObjectNode();
            ObjectNode entry = body.putArray("offsets").addObject();
            entry.set("partition", offsets.get(call.commId()).get("partition"));
            entry.putObject("offset").put("v", 1).put("cursor", cursor);
            run.rest().alterOffsets(run.name(), body);
            assertThat(run.offsetsByCall().get(call.commId()).path("offset").path("cursor").asLong())
                    .isEqualTo(cursor);

            run.reader().clear();
            run.rest().resumeConnector(run.name());
            run.awaitAllCallsFinished();
            List<Sample> expectedAgain = ENV.scenario().expectedSamples(call)
                    .filter(s -> s.timeMillis() >= cursor * 1000L).toList();
            DeliveryReport<Sample> rewound = DeliveryReport.compare(expectedAgain,
                    run.reader().records(run.samplesTopic(), Sample::of));
            assertThat(expectedAgain).isNotEmpty();
            assertThat(rewound.isExact()).as("after rewinding %s to %d: %s", call.commId(), cursor, rewound)
                    .isTrue();

            // Reset: every call is read again from its start.
            run.rest().stopConnector(run.name());
            run.awaitState("STOPPED");
            run.rest().resetOffsets(run.name());
            // Connect lists a partition whose offset was just reset either not at all or with a null offset.
            assertThat(run.offsetsByCall().values()).as("offsets after reset")
                    .allMatch(o -> o.path("offset").isNull() || o.path("offset").isMissingNode());
            run.reader().clear();
            run.rest().resumeConnector(run.name());
            run.awaitAllCallsFinished();
            DeliveryReport<Sample> reread = run.samples();
            assertThat(reread.isExact()).as("after reset: %s", reread).isTrue();
            assertThat(run.participants().isExact()).as("participants after reset: %s", run.participants())
                    .isTrue();
        }
    }
}
