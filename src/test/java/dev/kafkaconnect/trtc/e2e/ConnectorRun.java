package dev.kafkaconnect.trtc.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kafkaconnect.trtc.demo.ConnectRestClient;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;

/**
 * One connector reading a scenario's calls through a worker: created over REST, its output read back with
 * {@code read_committed}, its progress followed through {@code GET /connectors/{name}/offsets}.
 */
final class ConnectorRun implements AutoCloseable {
    static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(3);

    private final KafkaConnectStack stack;
    private final CallScenario scenario;
    private final String name;
    private final String topicPrefix;
    private final RecordFormat format;
    private final TopicReader reader;

    ConnectorRun(KafkaConnectStack stack, CallScenario scenario, String name) {
        this(stack, scenario, name, RecordFormat.json());
    }

    ConnectorRun(KafkaConnectStack stack, CallScenario scenario, String name, RecordFormat format) {
        this.stack = stack;
        this.scenario = scenario;
        this.name = name;
        this.topicPrefix = "e2e." + name;
        this.format = format;
        this.reader = new TopicReader(stack.bootstrapServers(), format.valueReader().get(),
                List.of(samplesTopic(), participantsTopic(), callsTopic(), experiencesTopic(), userEventsTopic()));
    }

    /** The scenario's configuration from the shipped example, with the simulator's SecretKey. */
    Map<String, String> config() {
        return config(TrtcSimulator.DEMO_SECRET_KEY);
    }

    Map<String, String> config(String secretKey) {
        Map<String, String> config = TrtcConnectorConfig.forScenario(scenario, topicPrefix,
                stack.worker().workDir().resolve("secrets"), secretKey);
        config.putAll(format.connectorSettings());
        return config;
    }

    void create(Map<String, String> config) {
        rest().createConnector(name, config);
    }

    String name() {
        return name;
    }

    String samplesTopic() {
        return TrtcConnectorConfig.samplesTopic(topicPrefix);
    }

    String experiencesTopic() {
        return TrtcConnectorConfig.experiencesTopic(topicPrefix);
    }

    String userEventsTopic() {
        return TrtcConnectorConfig.userEventsTopic(topicPrefix);
    }

    String participantsTopic() {
        return TrtcConnectorConfig.participantsTopic(topicPrefix);
    }

    String callsTopic() {
        return TrtcConnectorConfig.callsTopic(topicPrefix);
    }

    TopicReader reader() {
        return reader;
    }

    ConnectRestClient rest() {
        return stack.rest();
    }

    /** Waits until the committed offsets mark every call finished, then reads the topics to their end. */
    void awaitAllCallsFinished() {
        awaitAllCallsFinished(status -> { });
    }

    /** As {@link #awaitAllCallsFinished()}, handing {@code observer} the status seen at every check. */
    void awaitAllCallsFinished(Consumer<ConnectorStatus> observer) {
        awaitEveryCall("finish all %d calls", ConnectorRun::finishedCalls, observer);
    }

    /** Waits until {@code done} lists every call of the scenario, then reads the topics to their end. */
    private void awaitEveryCall(String what, Function<Map<String, JsonNode>, Set<String>> done,
                                Consumer<ConnectorStatus> observer) {
        Set<String> all = new TreeSet<>(scenario.commIds());
        awaitOffsets(String.format(what, all.size()), offsets -> done.apply(offsets).equals(all), observer);
    }

    /**
     * Waits until {@code done} holds for the committed offsets by CommId (the connector failing ends the wait),
     * then reads the topics to their end: afterwards the reader holds at least every record those offsets cover.
     */
    void awaitOffsets(String what, Predicate<Map<String, JsonNode>> done) {
        awaitOffsets(what, done, status -> { });
    }

    private void awaitOffsets(String what, Predicate<Map<String, JsonNode>> done,
                              Consumer<ConnectorStatus> observer) {
        Waits.until("connector " + name + " to " + what, COMPLETION_TIMEOUT, () -> {
            reader.poll();
            ConnectorStatus status = rest().status(name);
            observer.accept(status);
            failFastIfFailed(status);
            return done.test(offsetsByCall());
        }, this::diagnostics);
        reader.drain(Duration.ofMinutes(1));
    }

    /** CommIds whose committed offset says the call is finished. */
    Set<String> finishedCalls() {
        return finishedCalls(offsetsByCall());
    }

    private static Set<String> finishedCalls(Map<String, JsonNode> offsets) {
        Set<String> done = new TreeSet<>();
        for (JsonNode entry : offsets.values()) {
            if (entry.path("offset").path("finished").asBoolean(false)) {
                done.add(entry.path("partition").path("commId").asText());
            }
        }
        return done;
    }

    /** Committed offsets by CommId. */
    Map<String, JsonNode> offsetsByCall() {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode entry : rest().offsets(name).path("offsets")) {
            out.put(entry.path("partition").path("commId").asText(), entry);
        }
        return out;
    }

    void awaitState(String state) {
        Waits.until("connector " + name + " to be " + state, Duration.ofMinutes(1),
                () -> state.equals(rest().status(name).state()), this::diagnostics);
    }

    void awaitRunning() {
        Waits.until("connector " + name + " and its tasks to run", Duration.ofMinutes(1), () -> {
            failFastIfFailed();
            return rest().status(name).isRunning();
        }, this::diagnostics);
    }

    DeliveryReport<Sample> samples() {
        return DeliveryReport.compare(scenario.expectedSamples(), reader.records(samplesTopic(), Sample::of));
    }

    DeliveryReport<Participant> participants() {
        return DeliveryReport.compare(scenario.expectedParticipants(),
                reader.records(participantsTopic(), Participant::of));
    }

    /** The call-end records against one for each call of the scenario that is over. */
    DeliveryReport<Experience> experiences() {
        return DeliveryReport.compare(scenario.expectedExperiences(),
                reader.records(experiencesTopic(), Experience::of));
    }

    DeliveryReport<UserEventRecord> userEvents() {
        return DeliveryReport.compare(scenario.expectedUserEvents(),
                reader.records(userEventsTopic(), UserEventRecord::of));
    }

    DeliveryReport<CallEnd> callEnds() {
        return DeliveryReport.compare(scenario.expectedCallEnds(), reader.records(callsTopic(), CallEnd::of));
    }

    void failFastIfFailed() {
        failFastIfFailed(rest().status(name));
    }

    private static void failFastIfFailed(ConnectorStatus status) {
        if ("FAILED".equals(status.state())) {
            throw new Waits.AbortWaitException("connector failed: " + status.trace());
        }
        status.firstFailedTask().ifPresent(t -> {
            throw new Waits.AbortWaitException("task " + t.id() + " failed: " + t.trace());
        });
    }

    String diagnostics() {
        StringBuilder sb = new StringBuilder();
        try {
            sb.append("status: ").append(rest().status(name)).append('\n');
            sb.append("offsets: ").append(rest().offsets(name)).append('\n');
        } catch (RuntimeException e) {
            sb.append("(status unavailable: ").append(e.getMessage()).append(")\n");
        }
        sb.append("read so far: ").append(reader.count(samplesTopic())).append(" samples, ")
                .append(reader.count(participantsTopic())).append(" participants, ")
                .append(reader.count(callsTopic())).append(" call ends\n");
        stack.workers().forEach(w -> sb.append(w.logTail()).append('\n'));
        return sb.toString();
    }

    @Override
    public void close() {
        reader.close();
    }
}
