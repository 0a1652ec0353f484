package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.ApiCallListener;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.api.UserEventResponse;
import dev.kafkaconnect.trtc.connector.config.TrtcSourceConfig;
import dev.kafkaconnect.trtc.connector.service.TrtcApiFactory;
import dev.kafkaconnect.trtc.connector.service.TrtcClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.common.utils.Time;

/**
 * Every request the tasks hand to their clients, with when it was handed over (before the action's rate limiter)
 * and when its answer or failure came: what the harness needs to tell a request waiting at the limiter from one
 * the task has not asked for yet. The production client does the work; this only wraps it.
 */
final class RequestLog {
    /** The actions the harness tells apart, in report order. */
    static final List<String> ACTIONS = List.of(ApiGeneration.SEED.callDetailAction(), UserEventRequest.ACTION,
            UnusualEventRequest.ACTION);

    /**
     * One request: the task that sent it, its action (index in {@link #ACTIONS}), the call's room, the start of
     * the time it asks for (unix s), sent and done ({@code nanoTime}).
     */
    record Entry(int task, int action, String room, long from, long sentNanos, long doneNanos, boolean failed) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Function<String, String> roomOfCommId;

    /** @param roomOfCommId the room of a call, by its CommId (call-detail requests name the call, not the room) */
    RequestLog(Function<String, String> roomOfCommId) {
        this.roomOfCommId = roomOfCommId;
    }

    /** The production factory for task {@code task}, each client it makes logging here. */
    TrtcApiFactory factory(int task) {
        return new TrtcApiFactory() {
            @Override
            public TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time) {
                return new Logged(task, TrtcClients.FACTORY.create(config, rateLimit, time));
            }

            @Override
            public TrtcApi create(TrtcSourceConfig config, int rateLimit, Time time, ApiCallListener listener) {
                return new Logged(task, TrtcClients.FACTORY.create(config, rateLimit, time, listener));
            }
        };
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    private <A> CompletableFuture<A> log(int task, int action, String room, long from,
                                         CompletableFuture<A> answer) {
        long sent = System.nanoTime();
        return answer.whenComplete((r, e) -> {
            Entry entry = new Entry(task, action, room, from, sent, System.nanoTime(), e != null);
            synchronized (this) {
                entries.add(entry);
            }
        });
    }

    private final class Logged implements TrtcApi {
        private final int task;
        private final TrtcApi delegate;

        Logged(int task, TrtcApi delegate) {
            this.task = task;
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
            return log(task, 0, roomOfCommId.apply(request.commId()), request.startTime(),
                    delegate.callDetail(generation, request));
        }

        @Override
        public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
            return delegate.roomList(generation, request);
        }

        @Override
        public CompletableFuture<UserEventResponse> userEvents(UserEventRequest request) {
            return log(task, 1, request.roomId(), request.startTime(), delegate.userEvents(request));
        }

        @Override
        public CompletableFuture<UnusualEventResponse> unusualEvents(UnusualEventRequest request) {
            return log(task, 2, request.roomId(), request.startTime(), delegate.unusualEvents(request));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** How many different starts {@code room}'s requests of {@code action} asked for: windows, or ranges. */
    long starts(String room, int action) {
        return entries().stream().filter(e -> e.action() == action && room.equals(e.room())).mapToLong(Entry::from)
                .distinct().count();
    }

    /** Requests by action, of the calls {@code rooms} selects, sent before {@code beforeNanos}. */
    long[] counts(java.util.function.Predicate<String> rooms, long beforeNanos) {
        long[] out = new long[ACTIONS.size()];
        for (Entry e : entries()) {
            if (rooms.test(e.room()) && e.sentNanos() < beforeNanos) {
                out[e.action()]++;
            }
        }
        return out;
    }
}
