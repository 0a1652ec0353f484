package dev.kafkaconnect.trtc.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kafkaconnect.trtc.demo.ConnectWorkerProcess;
import dev.kafkaconnect.trtc.demo.ConnectorStatus;
import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A second worker joins the group while a connector with several tasks is in the middle of reading windows, and
 * later leaves it gracefully: tasks move to it and back, each new owner resumes from the committed offsets inside
 * the window, and in the end nothing is lost. Subclasses choose the delivery mode and what they accept as
 * duplicates.
 */
abstract class WorkerRebalance {
    /** 13 users: every window of a call takes three pages (requests) of six users. */
    static final int USERS = 13;
    static final int CALLS = 45;
    static final int CALL_SECONDS = 120;
    static final int TASKS = 4;
    /** One request per second per task: a task reads its windows over many seconds, so moves land inside them. */
    static final int RATE = TASKS;
    static final long FLUSH_MS = 1000;
    /** Small batches: committed offsets fall inside pages as well as between them. */
    static final int BATCH = 100;
    /** Answers a task may hold without having emitted them (the connector's default {@code trtc.max.in.flight}). */
    static final int MAX_IN_FLIGHT = 10;
    static final Duration MOVE_TIMEOUT = Duration.ofMinutes(2);

    /** The stack of a delivery mode, for the subclass to register. */
    static E2eStack environment(boolean exactlyOnce) {
        // The crash tests' workers of the mode (flush interval FLUSH_MS), so both share one stack.
        return E2eStack.withWorker(w -> WorkerCrashRecovery.configure(w, exactlyOnce))
                .sharedAs(WorkerCrashRecovery.RESTARTS)
                .scenario(() -> CallScenario.crowdedCalls(CALLS, USERS, CALL_SECONDS, List.of("appCpu"), b -> b));
    }

    abstract E2eStack env();

    /** Extra connector settings of the delivery mode. */
    abstract Map<String, String> connectorSettings();

    /** Checks duplicates; {@code bound} is what the moved tasks can have sent since their last offset flush. */
    abstract void checkDuplicates(DeliveryReport<?> report, int bound);

    @Test
    void tasksMoveToAJoiningWorkerAndBackInTheMiddleOfWindowsWithoutLoss() {
        KafkaConnectStack stack = env().stack();
        CallScenario scenario = env().scenario();
        try (ConnectorRun run = env().run("rebalance")) {
            Map<String, String> config = run.config();
            config.put("tasks.max", Integer.toString(TASKS));
            config.put("trtc.rate.limit", Integer.toString(RATE));
            config.put("trtc.batch.max.records", Integer.toString(BATCH));
            config.putAll(connectorSettings());
            run.create(config);
            run.awaitRunning();
            // The status may list the tasks one by one as their states reach the status topic (slowly under load):
            // a task not listed yet would have no worker before the move, and its first sighting would look like one.
            Waits.until("all " + TASKS + " tasks of " + run.name() + " to run", MOVE_TIMEOUT, () -> {
                ConnectorStatus s = run.rest().status(run.name());
                return s.isRunning() && s.tasks().size() == TASKS;
            }, run::diagnostics);
            Map<Integer, Set<String>> callsByTask = callsByTask(run);
            assertThat(callsByTask).as("task configurations").hasSize(TASKS);
            String first = stack.worker().workerId();
            List<ConnectorStatus> observed = new ArrayList<>();

            ConnectWorkerProcess[] second = new ConnectWorkerProcess[1];
            Move join = awaitMove(run, observed, "tasks to move to a second worker",
                    () -> second[0] = stack.addWorker(),
                    s -> s.isRunning() && workersOf(s).size() == 2);
            assertThat(workersOf(join.after())).as("workers running tasks after the join")
                    .containsExactlyInAnyOrder(first, second[0].workerId());
            int atJoin = run.reader().count(run.samplesTopic());

            Move leave = awaitMove(run, observed, "tasks to move back to the first worker",
                    () -> stack.removeWorker(second[0]),
                    s -> s.isRunning() && workersOf(s).equals(Set.of(first)));
            int atLeave = run.reader().count(run.samplesTopic());

            // Every call ends with its call-end record, whose offset says finished, wherever a move resumed it.
            run.awaitAllCallsFinished(observed::add);
            Set<String> notMarkedFinished = new TreeSet<>(scenario.commIds());
            notMarkedFinished.removeAll(run.finishedCalls());
            DeliveryReport<Sample> samples = run.samples();
            DeliveryReport<Participant> participants = run.participants();
            DeliveryReport<CallEnd> callEnds = run.callEnds();
            int pageRecords = 6 * CALL_SECONDS / 2;
            int pagesPerFlush = (int) Math.ceil((double) RATE / TASKS * FLUSH_MS / 1000.0) + MAX_IN_FLIGHT;
            int moved = join.movedTasks().size() + leave.movedTasks().size();
            int bound = moved * pagesPerFlush * pageRecords;
            System.out.printf("%s: the join moved tasks %s, %d of whose calls were committed inside a window (%d "
                    + "calls in all); the leave moved tasks %s, %d of whose calls were inside a window (%d in all); "
                    + "%d samples read at the join, %d at the leave; samples: %s; %d duplicate samples (bound %d); "
                    + "participants: %s; call ends: %s; %d status checks; %d calls read past their end without an "
                    + "offset saying finished; %d records fetched again by the reader after its group rebalanced (not "
                    + "counted)%n", getClass().getSimpleName(), join.movedTasks(),
                    join.movedMidWindow(callsByTask).size(), join.midWindow().size(), leave.movedTasks(),
                    leave.movedMidWindow(callsByTask).size(), leave.midWindow().size(), atJoin, atLeave, samples,
                    samples.duplicateCount(), bound, participants, callEnds, observed.size(),
                    notMarkedFinished.size(), run.reader().refetched());

            assertThat(join.movedTasks()).as("tasks moved to the joining worker").isNotEmpty();
            assertThat(leave.movedTasks()).as("tasks moved off the leaving worker")
                    .containsExactlyInAnyOrderElementsOf(join.movedTasks());
            assertThat(join.movedMidWindow(callsByTask))
                    .as("calls of the moving tasks committed inside a window just before the join").isNotEmpty();
            assertThat(leave.movedMidWindow(callsByTask))
                    .as("calls of the moving tasks committed inside a window just before the leave").isNotEmpty();
            assertThat(atLeave).as("the leave must land before the end of the data")
                    .isLessThan(scenario.expectedSamples().size());
            assertThat(observed).as("no task failed during the moves")
                    .allSatisfy(s -> assertThat(s.firstFailedTask()).as("%s", s).isEmpty());

            assertThat(samples.expected()).as("scenario size").isGreaterThan(CALLS * USERS * CALL_SECONDS / 4);
            assertThat(samples.missing()).as("lost samples: %s", samples).isEmpty();
            assertThat(samples.unexpected()).as("samples never served: %s", samples).isEmpty();
            assertThat(participants.missing()).as("lost participants: %s", participants).isEmpty();
            assertThat(participants.unexpected()).as("participants never served: %s", participants).isEmpty();
            assertThat(notMarkedFinished).as("calls without a finished offset").isEmpty();
            assertThat(callEnds.expected()).as("finished calls").isEqualTo(CALLS);
            assertThat(callEnds.missing()).as("calls without a call-end record: %s", callEnds).isEmpty();
            assertThat(callEnds.unexpected()).as("call-end records of no call or with other values: %s", callEnds)
                    .isEmpty();
            checkDuplicates(samples, bound);
            checkDuplicates(participants, bound);
            checkDuplicates(callEnds, bound);
        }
    }

    /**
     * What a worker joining or leaving did: which tasks changed worker, and the committed offsets of the last
     * check before any task was seen running on its new worker (at most one check, about a second, before the
     * move; a window takes far longer than that to read at {@link #RATE}).
     */
    record Move(Map<String, JsonNode> offsetsBefore, Set<Integer> movedTasks, ConnectorStatus after) {
        /** Calls whose committed offset lies inside a window of an unfinished call. */
        Set<String> midWindow() {
            return offsetsBefore.entrySet().stream().filter(e -> inWindow(e.getValue().path("offset")))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        }

        Set<String> movedMidWindow(Map<Integer, Set<String>> callsByTask) {
            Set<String> calls = new TreeSet<>();
            movedTasks.forEach(t -> calls.addAll(callsByTask.getOrDefault(t, Set.of())));
            calls.retainAll(midWindow());
            return calls;
        }

        private static boolean inWindow(JsonNode offset) {
            JsonNode end = offset.path("windowEnd");
            return !end.isMissingNode() && !end.isNull() && !offset.path("finished").asBoolean(false);
        }
    }

    /**
     * Runs {@code change} (a worker joining or leaving) in the background while following the connector's
     * offsets and status, until {@code settled} holds for the status and the change is complete.
     */
    private static Move awaitMove(ConnectorRun run, List<ConnectorStatus> observed, String what, Runnable change,
                                  Predicate<ConnectorStatus> settled) {
        MoveWatch watch = new MoveWatch(placement(run.rest().status(run.name())), run.offsetsByCall());
        CompletableFuture<Void> action = CompletableFuture.runAsync(change);
        Waits.until(what, MOVE_TIMEOUT, () -> {
            run.reader().poll();
            if (action.isCompletedExceptionally()) {
                throw new Waits.AbortWaitException("the worker change failed: " + failure(action));
            }
            Map<String, JsonNode> offsets = run.offsetsByCall();
            ConnectorStatus status = run.rest().status(run.name());
            observed.add(status);
            status.firstFailedTask().ifPresent(t -> {
                throw new Waits.AbortWaitException("task " + t.id() + " failed: " + t.trace());
            });
            watch.observe(offsets, status);
            return watch.beforeMove != null && action.isDone() && settled.test(status);
        }, () -> "placement before: " + watch.placementBefore + "\n" + run.diagnostics());
        Map<Integer, String> after = placement(watch.last);
        Set<Integer> moved = new TreeSet<>();
        after.forEach((task, worker) -> {
            if (watch.placementBefore.containsKey(task) && !worker.equals(watch.placementBefore.get(task))) {
                moved.add(task);
            }
        });
        return new Move(watch.beforeMove, moved, watch.last);
    }

    /** The offsets of the latest check in which no task had yet been seen running on a new worker. */
    private static final class MoveWatch {
        final Map<Integer, String> placementBefore;
        Map<String, JsonNode> latest;
        Map<String, JsonNode> beforeMove;
        ConnectorStatus last;

        MoveWatch(Map<Integer, String> placementBefore, Map<String, JsonNode> offsets) {
            this.placementBefore = placementBefore;
            this.latest = offsets;
        }

        void observe(Map<String, JsonNode> offsets, ConnectorStatus status) {
            last = status;
            if (beforeMove != null) {
                return;
            }
            // Only a task seen on another worker before has moved; one not listed before has only appeared.
            boolean moved = status.tasks().stream().anyMatch(t -> "RUNNING".equals(t.state())
                    && placementBefore.containsKey(t.id()) && !t.workerId().equals(placementBefore.get(t.id())));
            if (moved) {
                // This check's offsets may already follow the move; the previous check's were taken before it.
                beforeMove = latest;
            } else {
                latest = offsets;
            }
        }
    }

    private static String failure(CompletableFuture<Void> action) {
        try {
            action.join();
            return "(none)";
        } catch (RuntimeException e) {
            return String.valueOf(e.getCause() == null ? e : e.getCause());
        }
    }

    private static Map<Integer, String> placement(ConnectorStatus status) {
        Map<Integer, String> out = new TreeMap<>();
        status.tasks().forEach(t -> out.put(t.id(), t.workerId()));
        return out;
    }

    private static Set<String> workersOf(ConnectorStatus status) {
        return status.tasks().stream().map(ConnectorStatus.TaskStatus::workerId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The calls of each task, from {@code GET /connectors/{name}/tasks}. */
    private static Map<Integer, Set<String>> callsByTask(ConnectorRun run) {
        Map<Integer, Set<String>> out = new HashMap<>();
        for (JsonNode task : run.rest().taskConfigs(run.name())) {
            String ids = task.path("config").path("trtc.task.comm.ids").asText("");
            out.put(task.path("id").path("task").asInt(), ids.isBlank() ? Set.of() : Set.of(ids.split(",")));
        }
        return out;
    }
}
