package dev.kafkaconnect.trtc.connector;

import static dev.kafkaconnect.trtc.connector.TaskHarness.commIdOf;
import static dev.kafkaconnect.trtc.connector.TaskHarness.props;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.CALL;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.OTHER;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.T0;
import static dev.kafkaconnect.trtc.connector.TrtcSourceTaskTest.eightUsers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.connector.FakeTrtcApi.User;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import dev.kafkaconnect.trtc.connector.offsets.OffsetCodec;
import dev.kafkaconnect.trtc.simulator.CallSpec;
import dev.kafkaconnect.trtc.simulator.Fault;
import dev.kafkaconnect.trtc.simulator.MutableClock;
import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code trtc.delivery.repeats=one-request}: a call emits its next page only once the worker has stored the offset
 * of the last record it emitted (the test plays the worker: it stores offsets in the context and calls
 * {@code commit()}), so a crash repeats at most one page per call.
 */
class TrtcSourceTaskOneRequestTest {

    private static Map<String, String> oneRequest(List<String> calls) {
        Map<String, String> p = props(calls);
        // The pages of the samples alone: with an event stream, the call end waits for one flush more.
        p.put(dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig.STREAMS, "");
        p.put(TrtcSourceConfig.DELIVERY_REPEATS, "one-request");
        return p;
    }

    /** The offset of the last record of {@code call} emitted so far. */
    private static Map<String, ?> lastOffset(TaskHarness h, String call) {
        List<SourceRecord> of = h.records.stream().filter(r -> commIdOf(r).equals(call)).toList();
        return of.get(of.size() - 1).sourceOffset();
    }

    /** Stores the offset as the worker's JSON round trip gives it back: Integer where the value fits. */
    private static Map<String, Object> asReadBack(Map<String, ?> offset) {
        Map<String, Object> out = new HashMap<>();
        offset.forEach((k, v) -> out.put(k, v instanceof Long l && l == l.intValue() ? (Object) l.intValue() : v));
        return out;
    }

    /** What the worker does after an offset flush: stores the last offset of each call's records, then commits. */
    private static void flush(TaskHarness h, String... calls) {
        for (String call : calls) {
            h.context.committed.put(OffsetCodec.partition(TaskHarness.APP, call), asReadBack(lastOffset(h, call)));
        }
        h.task.commit();
    }

    private static long count(TaskHarness h, String call) {
        return h.records.stream().filter(r -> commIdOf(r).equals(call)).count();
    }

    @Test
    void aCallEmitsItsNextPageOnlyOnceTheOffsetOfItsLastRecordIsStored() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, eightUsers());
        try (TaskHarness h = new TaskHarness(clock, api).start(oneRequest(List.of(CALL)))) {
            h.pollUntil(() -> !h.records.isEmpty(), 50, "first records");
            h.drain(5, 100);
            int firstPage = h.records.size();
            CallPosition after = OffsetCodec.position(lastOffset(h, CALL));
            assertThat(after).as("the first page (users u0..u5 of the first window), and only it")
                    .isEqualTo(new CallPosition(T0, T0 + 3599, 1, 0, true, false));
            assertThat(h.records).allSatisfy(r -> assertThat(OffsetCodec.position(r.sourceOffset()).page())
                    .isLessThanOrEqualTo(1));
            assertThat(h.context.metric("calls-awaiting-offset-commit")).isEqualTo(1L);

            h.task.commit();
            h.drain(5, 100);
            assertThat(h.records).as("a commit that did not store the awaited offset releases nothing")
                    .hasSize(firstPage);

            h.context.committed.put(OffsetCodec.partition(TaskHarness.APP, CALL),
                    asReadBack(h.records.get(firstPage - 2).sourceOffset()));
            h.task.commit();
            h.drain(5, 100);
            assertThat(h.records).as("a stored offset short of the last record releases nothing")
                    .hasSize(firstPage);

            h.context.committed.put(OffsetCodec.partition(TaskHarness.APP, CALL),
                    asReadBack(lastOffset(h, CALL)));
            h.drain(5, 100);
            assertThat(h.records).as("the awaited offset stored, but no commit() yet").hasSize(firstPage);

            h.task.commit();
            h.pollUntil(() -> h.records.size() > firstPage, 20, "the second page after the commit");
            h.drain(5, 100);
            assertThat(OffsetCodec.position(lastOffset(h, CALL)))
                    .as("the second page (u6, u7), then the next window waits")
                    .isEqualTo(CallPosition.boundary(T0 + 3599, false));
            assertThat(h.records.subList(firstPage, h.records.size() - 1)).as("inside the first window")
                    .allSatisfy(r -> assertThat(OffsetCodec.position(r.sourceOffset()))
                            .extracting(CallPosition::cursor, CallPosition::page).containsExactly(T0, 1));

            int pages = 2;
            for (int i = 0; i < 20 && !h.allCallsDone(); i++) {
                int before = h.records.size();
                flush(h, CALL);
                h.drain(5, 100);
                pages++;
                assertThat(h.allCallsDone() || h.records.size() > before).as("each flush releases a page").isTrue();
            }
            assertThat(h.allCallsDone()).isTrue();
            // 3 windows of 2 pages each, every page with records: one page per flush.
            assertThat(pages).isEqualTo(6);
            List<String> samples = h.samples(CALL);
            assertThat(new HashSet<>(samples)).hasSize(samples.size())
                    .isEqualTo(api.truth(CALL, T0, Long.MAX_VALUE));
            assertThat(h.participants(CALL)).hasSize(16).doesNotHaveDuplicates();
        }
    }

    /**
     * Over HTTP on the simulator (calls of 13, 8 and 3 users: three, two and one pages; transient faults), with
     * a worker that stores the offsets of each batch and then commits: in every batch, a call's records end at its
     * first page end (the record whose offset names no place inside a page), and all is read exactly once.
     */
    @Test
    void onTheSimulatorEachBatchHoldsAtMostOnePageEndPerCallAndTheReadIsExact() throws Exception {
        MutableClock clock = new MutableClock(TrtcSourceTaskSimulatorIT.NOW);
        long start = TrtcSourceTaskSimulatorIT.NOW - 6 * 3600;
        TrtcSimulator.Builder builder = TrtcSimulator.builder().clock(clock).rateLimitPerSecond(0).threads(4);
        for (int users : new int[] {13, 8, 3}) {
            CallSpec.Builder call = CallSpec.builder("room-" + users);
            for (int i = 0; i < users; i++) {
                call.user("room-" + users + "-u" + i, start + i, start + 600 - i);
            }
            builder.call(call.build());
        }
        try (TrtcSimulator sim = builder.build().start()) {
            sim.faults().allActions().rate(0.05, Fault.httpStatus(503)).rate(0.05, Fault.error("InternalError"));
            List<String> ids = sim.calls().stream().map(SimulatedCall::commId).toList();
            Map<String, String> props = TrtcSourceTaskSimulatorIT.props(sim, ids);
            props.put(TrtcSourceConfig.DELIVERY_REPEATS, "one-request");
            props.put(TrtcSourceConfig.METRICS, "appCpu");
            props.put(TrtcSourceConfig.START, java.time.Instant.ofEpochSecond(start).toString());
            // Page ends are told by the samples' part of offsets, which an event stream's records also carry.
            props.put(TrtcSourceConfig.STREAMS, "");
            TestTaskContext context = new TestTaskContext();
            Map<String, Integer> pageEnds = new HashMap<>();
            int[] commits = {0};
            TrtcSourceTaskSimulatorIT.TaskRead read = TrtcSourceTaskSimulatorIT.readAll(clock, props, context,
                    (task, batch) -> {
                        Map<String, Map<String, ?>> last = new HashMap<>();
                        for (SourceRecord r : batch) {
                            String call = commIdOf(r);
                            assertThat(last.get(call)).as("a record of %s after its page end in one batch", call)
                                    .satisfiesAnyOf(o -> assertThat(o).isNull(),
                                            o -> assertThat(OffsetCodec.position(o).insidePage()).isTrue());
                            last.put(call, r.sourceOffset());
                            if (!OffsetCodec.position(r.sourceOffset()).insidePage()) {
                                pageEnds.merge(call, 1, Integer::sum);
                            }
                        }
                        last.forEach((call, offset) -> context.committed.put(
                                OffsetCodec.partition(sim.sdkAppId(), call), asReadBack(offset)));
                        task.commit();
                        commits[0]++;
                    });
            for (SimulatedCall call : sim.calls()) {
                Set<String> truth = sim.groundTruth().points(call.commId(), start, Long.MAX_VALUE,
                                dev.kafkaconnect.trtc.api.ApiGeneration.SEED).stream()
                        .filter(p -> p.metric().equals("appCpu")).map(TrtcSourceTaskSimulatorIT::key)
                        .collect(Collectors.toSet());
                List<String> samples = read.records().stream().filter(TaskHarness::isSample)
                        .filter(r -> commIdOf(r).equals(call.commId())).map(TrtcSourceTaskSimulatorIT::key).toList();
                assertThat(samples).as("call %s", call.commId()).doesNotHaveDuplicates();
                assertThat(new HashSet<>(samples)).as("call %s", call.commId()).isEqualTo(truth).isNotEmpty();
            }
            int mostPages = pageEnds.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            assertThat(mostPages).as("pages of the longest call (else the gate had nothing to hold back)")
                    .isGreaterThan(2);
            assertThat(commits[0]).as("batches: at least one per page of the longest call")
                    .isGreaterThanOrEqualTo(mostPages);
        }
    }

    @Test
    void byDefaultCallsDoNotWaitForOffsetCommits() {
        MockTime clock = new MockTime(0, (T0 + 4 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, eightUsers());
        try (TaskHarness h = new TaskHarness(clock, api).start(props(List.of(CALL)))) {
            h.pollUntil(h::allCallsDone, 200, "call read without any offset commit");
            assertThat(new HashSet<>(h.samples(CALL))).isEqualTo(api.truth(CALL, T0, Long.MAX_VALUE));
            assertThat(h.context.offsetReads).as("only the read at start").hasValue(1);
            assertThat(h.context.metric("calls-awaiting-offset-commit")).isEqualTo(0L);
        }
    }

    @Test
    void aCallWaitingForItsOffsetDoesNotHoldBackTheOthers() {
        MockTime clock = new MockTime(0, (T0 + 6 * 3600) * 1000, 0);
        FakeTrtcApi api = new FakeTrtcApi(clock).call(CALL, eightUsers())
                .call(OTHER, new User("x", T0 + 200, T0 + 4 * 3600), new User("y", T0 + 300, T0 + 4 * 3600));
        Map<String, String> p = oneRequest(List.of(CALL, OTHER));
        // Few slots: a waiting call that took them all would stall the other.
        p.put(TrtcSourceConfig.MAX_IN_FLIGHT, "2");
        try (TaskHarness h = new TaskHarness(clock, api).start(p)) {
            h.pollUntil(() -> count(h, CALL) > 0 && count(h, OTHER) > 0, 50, "first page of both calls");
            h.drain(5, 100);
            long callRecords = count(h, CALL);
            for (int i = 0; i < 40 && h.task.calls().size() > 1; i++) {
                long before = count(h, OTHER);
                flush(h, OTHER);
                h.drain(5, 100);
                assertThat(h.task.calls().size() == 1 || count(h, OTHER) > before)
                        .as("the other call goes on at each flush").isTrue();
                assertThat(h.task.calls().stream().filter(c -> c.id.value().equals(CALL)).findFirst().orElseThrow()
                        .held()).as("the waiting call holds at most one answer ahead").isLessThanOrEqualTo(1);
            }
            assertThat(h.task.calls()).extracting(c -> c.id.value()).containsExactly(CALL);
            assertThat(new HashSet<>(h.samples(OTHER))).isEqualTo(api.truth(OTHER, T0, Long.MAX_VALUE));
            assertThat(count(h, CALL)).as("the waiting call emitted nothing more").isEqualTo(callRecords);
            assertThat(h.context.metric("calls-awaiting-offset-commit")).isEqualTo(1L);

            for (int i = 0; i < 20 && !h.allCallsDone(); i++) {
                flush(h, CALL);
                h.drain(5, 100);
            }
            assertThat(h.allCallsDone()).isTrue();
            List<String> samples = h.samples(CALL);
            assertThat(new HashSet<>(samples)).hasSize(samples.size())
                    .isEqualTo(api.truth(CALL, T0, Long.MAX_VALUE));
        }
    }
}
