package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.testing.ApicurioRegistry;

/**
 * The connector in a real worker delivers every sample of finished calls exactly once, with participant records
 * matching the user list, and its offsets can be read, rewound per call and reset over REST (with the JSON
 * converter of the shipped example).
 */
class ExactDeliveryIT {
    @RegisterExtension
    static final E2eStack ENV = E2eStack.withWorker(w -> w).scenario(CallScenario::varied);

    /** Avro through a real Confluent-API registry: the format production runs with. */
    @Test
    void finishedCallsArriveExactlyAsTheGroundTruth() {
        RecordFormat avro = RecordFormat.avro(ApicurioRegistry.shared().ccompatUrl());
        try (ConnectorRun run = ENV.run("exact", avro)) {
            run.create(run.config());
            run.awaitAllCallsFinished();

            DeliveryReport<Sample> samples = run.samples();
            assertThat(samples.expected()).as("scenario size").isGreaterThan(1000);
            assertThat(samples.isExact()).as("samples: %s", samples).isTrue();
            DeliveryReport<Participant> participants = run.participants();
            assertThat(participants.isExact()).as("participants: %s", participants).isTrue();
        }
    }

    @Test
    void offsetsCanBeListedRewoundPerCallAndReset() {
        try (ConnectorRun run = ENV.run("offsets")) {
            run.create(run.config());
            run.awaitAllCallsFinished();
            assertThat(run.samples().isExact()).as("first pass: %s", run.samples()).isTrue();

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
            assertThat(run.offsetsByCall()).as("offsets after reset").isEmpty();
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
