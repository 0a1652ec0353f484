package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.api.AbnormalExperience;
import dev.kafkaconnect.trtc.api.ApiGeneration;
import dev.kafkaconnect.trtc.api.CallDetailRequest;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.ErrorCodes;
import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.api.RoomListRequest;
import dev.kafkaconnect.trtc.api.RoomListResponse;
import dev.kafkaconnect.trtc.api.TrtcApi;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.api.UnusualEventRequest;
import dev.kafkaconnect.trtc.api.UnusualEventResponse;
import dev.kafkaconnect.trtc.api.UserEvent;
import dev.kafkaconnect.trtc.api.UserEventGroup;
import dev.kafkaconnect.trtc.api.UserEventRequest;
import dev.kafkaconnect.trtc.api.UserEventResponse;
import dev.kafkaconnect.trtc.connector.config.CommId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.common.utils.MockTime;

/**
 * A small in-memory TRTC for unit tests: calls of users with stays, a sample every {@link #step} s per metric (uplink for
 * every metric, downlink aBit from each peer present), both query bounds inclusive, answers completed at once.
 */
public final class FakeTrtcApi implements TrtcApi {
    static final long LIVE = Long.MAX_VALUE;
    static final List<String> METRICS = List.of("appCpu", "aBit");

    record User(String id, long join, long leave) {
    }

    private final MockTime clock;
    private final Map<String, List<User>> calls = new HashMap<>();
    final List<CallDetailRequest> requests = new CopyOnWriteArrayList<>();
    final List<ApiGeneration> generations = new CopyOnWriteArrayList<>();
    /** Scripted failures: the first function that answers non-null for a request fails it (and is removed). */
    final List<Function<CallDetailRequest, TrtcApiException>> failures = new CopyOnWriteArrayList<>();
    final Set<ApiGeneration> unsupported = Collections.synchronizedSet(new LinkedHashSet<>());
    /** Requests answered with nothing at all (no users, no samples, Total 0), as a service may answer some. */
    volatile java.util.function.Predicate<CallDetailRequest> blank = r -> false;
    /** true: every user of the call who has joined by now; false: only users present in the queried range. */
    volatile boolean listAllUsers = true;
    volatile long serverLookback = 14 * 86400;
    volatile boolean closed;
    /** When set, answers wait until the test releases them (see {@link #release}). */
    volatile boolean manual;
    final List<Runnable> held = new CopyOnWriteArrayList<>();
    /** Seconds between samples (the service samples every 2 s; tests use fewer points). */
    volatile long step = 10;
    /**
     * When set, the order the service lists a call's users in for a request (they come sorted by id): a service
     * whose user order shifts between the pages of one window.
     */
    volatile java.util.function.BiFunction<CallDetailRequest, List<User>, List<User>> order;
    /** Whether Total counts the users on the page (as the room listing documents its own) rather than the call. */
    volatile boolean totalCountsPage;

    public FakeTrtcApi(MockTime clock) {
        this.clock = clock;
    }

    public FakeTrtcApi call(String commId, User... users) {
        calls.put(commId, List.of(users));
        return this;
    }

    static TrtcApiException error(ErrorKind kind, String code) {
        return new TrtcApiException(kind, code, "req-" + code, "DescribeCallDetail", 200, code, null);
    }

    void failOnce(Function<CallDetailRequest, TrtcApiException> f) {
        failures.add(f);
    }

    long requestsFor(String commId) {
        return requests.stream().filter(r -> r.commId().equals(commId)).count();
    }

    @Override
    public CompletableFuture<CallDetailResponse> callDetail(ApiGeneration generation, CallDetailRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(error(ErrorKind.TRANSPORT, "closed"));
        }
        requests.add(request);
        generations.add(generation);
        if (manual) {
            CompletableFuture<CallDetailResponse> future = new CompletableFuture<>();
            held.add(() -> {
                try {
                    future.complete(answer(generation, request));
                } catch (TrtcApiException e) {
                    future.completeExceptionally(e);
                }
            });
            return future;
        }
        try {
            return CompletableFuture.completedFuture(answer(generation, request));
        } catch (TrtcApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CallDetailResponse answer(ApiGeneration generation, CallDetailRequest r) {
        if (unsupported.contains(generation)) {
            throw error(ErrorKind.UNSUPPORTED_ACTION, "InvalidAction");
        }
        for (Function<CallDetailRequest, TrtcApiException> f : failures) {
            TrtcApiException e = f.apply(r);
            if (e != null) {
                failures.remove(f);
                throw e;
            }
        }
        long now = clock.milliseconds() / 1000;
        if (r.startTime() < now - serverLookback) {
            throw error(ErrorKind.START_TOO_OLD, "InvalidParameter.StartTsOversize");
        }
        if (r.endTime() - r.startTime() > 3600 || r.pageSize() > 6) {
            throw error(ErrorKind.INVALID_REQUEST, "InvalidParameter.QueryScaleOversize");
        }
        List<User> all = calls.get(r.commId());
        if (all == null) {
            throw error(ErrorKind.CALL_NOT_FOUND, "ResourceNotFound");
        }
        if (blank.test(r)) {
            return new CallDetailResponse(0, List.of(), true, List.of(), "req-blank");
        }
        List<User> listed = all.stream()
                .filter(u -> u.join <= now)
                .filter(u -> listAllUsers || (u.join <= r.endTime() && Math.min(u.leave, now) >= r.startTime()))
                .sorted(Comparator.comparing(User::id))
                .toList();
        if (order != null) {
            listed = order.apply(r, listed);
        }
        int from = r.pageNumber() * r.pageSize();
        List<User> page = listed.subList(Math.min(from, listed.size()), Math.min(from + r.pageSize(), listed.size()));
        List<CallUser> users = new ArrayList<>();
        List<QualitySeries> data = new ArrayList<>();
        String room = CommId.parse(r.commId()).room();
        for (User u : page) {
            boolean finished = u.leave <= now;
            users.add(new CallUser(room, u.id, u.join, finished ? u.leave : now, finished, "Android", "11.0",
                    "10.0.0." + u.id.length()));
            for (String metric : METRICS) {
                data.add(series(u, null, metric, u.join, u.leave, r, now, step));
                if (metric.equals("aBit")) {
                    for (User peer : all) {
                        if (peer != u) {
                            data.add(series(u, peer.id, metric, Math.max(u.join, peer.join),
                                    Math.min(u.leave, peer.leave), r, now, step));
                        }
                    }
                }
            }
        }
        // Users and series in an order the connector must not rely on.
        Collections.reverse(users);
        Collections.reverse(data);
        data.removeIf(s -> s.size() == 0);
        return new CallDetailResponse(totalCountsPage ? users.size() : listed.size(), users, true, data, "req-" + requests.size());
    }

    private static QualitySeries series(User u, String peer, String metric, long from, long to,
                                        CallDetailRequest r, long now, long step) {
        List<Long> times = new ArrayList<>();
        long last = Math.min(to, now);
        for (long t = from; t <= last; t += step) {
            if (t >= r.startTime() && t <= r.endTime()) {
                times.add(t);
            }
        }
        long[] ts = new long[times.size()];
        double[] vs = new double[times.size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = times.get(i);
            vs[i] = value(u.id, peer, metric, ts[i]);
        }
        return new QualitySeries(u.id, peer == null ? "" : peer, metric, ts, vs, ts.length);
    }

    /** Answers the held request {@code i} (in request order among those still held). */
    void release(int i) {
        held.remove(i).run();
    }

    void releaseAll() {
        while (!held.isEmpty()) {
            release(0);
        }
    }

    static double value(String user, String peer, String metric, long t) {
        return (t % 1000) + user.length() * 0.25 + (peer == null ? 0 : 0.125) + metric.length();
    }

    /** Every sample of the call with {@code from <= t < to} as "user|peer|metric|t", as far as known at now. */
    Set<String> truth(String commId, long from, long to) {
        Set<String> out = new LinkedHashSet<>();
        long now = clock.milliseconds() / 1000;
        List<User> all = calls.get(commId);
        for (User u : all) {
            for (String metric : METRICS) {
                points(out, u.id, null, metric, u.join, Math.min(u.leave, now), from, to);
                if (metric.equals("aBit")) {
                    for (User peer : all) {
                        if (peer != u) {
                            points(out, u.id, peer.id, metric, Math.max(u.join, peer.join),
                                    Math.min(Math.min(u.leave, peer.leave), now), from, to);
                        }
                    }
                }
            }
        }
        return out;
    }

    private void points(Set<String> out, String user, String peer, String metric, long first, long last,
                               long from, long to) {
        for (long t = first; t <= last; t += step) {
            if (t >= from && t < to) {
                out.add(user + "|" + peer + "|" + metric + "|" + t);
            }
        }
    }

    /**
     * Abnormal experiences by room (none by default, the action served); null: the action is not served ({@code UnsupportedOperation}, as for an
     * account whose tier lacks it).
     */
    volatile Map<String, List<AbnormalExperience>> experiences = Map.of();
    final List<UnusualEventRequest> unusualRequests = new CopyOnWriteArrayList<>();
    /** Scripted failures of DescribeUnusualEvent: the first function that answers non-null fails it (and is removed). */
    final List<Function<UnusualEventRequest, TrtcApiException>> unusualFailures = new CopyOnWriteArrayList<>();

    /** Serves abnormal experiences: {@code room}'s, at unix ms or s as given. */
    FakeTrtcApi experiences(String room, AbnormalExperience... list) {
        Map<String, List<AbnormalExperience>> all = experiences == null ? new HashMap<>() : new HashMap<>(experiences);
        all.computeIfAbsent(room, r -> new ArrayList<>()).addAll(List.of(list));
        experiences = all;
        return this;
    }

    /**
     * Both bounds inclusive; more than the API's 20 in range: the last 20, as "any 20" allows.
     */
    @Override
    public CompletableFuture<UnusualEventResponse> unusualEvents(UnusualEventRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(error(ErrorKind.TRANSPORT, "closed"));
        }
        unusualRequests.add(request);
        for (Function<UnusualEventRequest, TrtcApiException> f : unusualFailures) {
            TrtcApiException e = f.apply(request);
            if (e != null) {
                unusualFailures.remove(f);
                return CompletableFuture.failedFuture(e);
            }
        }
        Map<String, List<AbnormalExperience>> all = experiences;
        if (all == null) {
            return TrtcApi.super.unusualEvents(request);
        }
        List<AbnormalExperience> in = new ArrayList<>();
        for (AbnormalExperience e : all.getOrDefault(request.roomId(), List.of())) {
            long millis = e.eventTimeMillis();
            if (millis >= request.startTime() * 1000 && millis <= request.endTime() * 1000 + 999) {
                in.add(e);
            }
        }
        List<AbnormalExperience> answer = in;
        if (in.size() > UnusualEventResponse.MAX_EXPERIENCES) {
            answer = in.subList(in.size() - UnusualEventResponse.MAX_EXPERIENCES, in.size());
        }
        return CompletableFuture.completedFuture(new UnusualEventResponse(answer.size(), answer,
                "req-unusual-" + unusualRequests.size()));
    }

    /** One user of one call, whose event timeline {@link #userEvents(UserEventRequest)} serves. */
    record EventUser(String commId, String userId) {
    }

    /**
     * Event timelines by call and user, as groups of events about one sender, at unix ms (none by default, the
     * action served); null: the action is not
     * served ({@code UnsupportedOperation}, as for an account whose tier lacks it).
     */
    volatile Map<EventUser, List<UserEventGroup>> userEvents = Map.of();
    final List<UserEventRequest> userEventRequests = new CopyOnWriteArrayList<>();
    /** Scripted failures of DescribeUserEvent: the first function that answers non-null fails it (and is removed). */
    final List<Function<UserEventRequest, TrtcApiException>> userEventFailures = new CopyOnWriteArrayList<>();

    /** Serves {@code groups} as part of {@code userId}'s timeline in the call {@code commId}. */
    FakeTrtcApi userEvents(String commId, String userId, UserEventGroup... groups) {
        Map<EventUser, List<UserEventGroup>> all = userEvents == null ? new HashMap<>() : new HashMap<>(userEvents);
        all.computeIfAbsent(new EventUser(commId, userId), u -> new ArrayList<>()).addAll(List.of(groups));
        userEvents = all;
        return this;
    }

    /**
     * Both bounds inclusive, to the end second's last millisecond; each group keeps its events in range and a group
     * left with none is left out. A request without its room is refused as the service refuses it: the read path
     * must name the room the call-detail answers listed the user in.
     */
    @Override
    public CompletableFuture<UserEventResponse> userEvents(UserEventRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(error(ErrorKind.TRANSPORT, "closed"));
        }
        userEventRequests.add(request);
        if (request.roomId().isEmpty()) {
            return CompletableFuture.failedFuture(ErrorCodes.serviceError("MissingParameter.RoomId",
                    "RoomId is empty", "req-user-event-" + userEventRequests.size(), UserEventRequest.ACTION, 200));
        }
        for (Function<UserEventRequest, TrtcApiException> f : userEventFailures) {
            TrtcApiException e = f.apply(request);
            if (e != null) {
                userEventFailures.remove(f);
                return CompletableFuture.failedFuture(e);
            }
        }
        Map<EventUser, List<UserEventGroup>> all = userEvents;
        if (all == null) {
            return TrtcApi.super.userEvents(request);
        }
        List<UserEventGroup> answer = new ArrayList<>();
        for (UserEventGroup g : all.getOrDefault(new EventUser(request.commId(), request.userId()), List.of())) {
            List<UserEvent> in = new ArrayList<>();
            for (UserEvent e : g.events()) {
                if (e.timeMillis() >= request.startTime() * 1000 && e.timeMillis() <= request.endTime() * 1000 + 999) {
                    in.add(e);
                }
            }
            if (!in.isEmpty()) {
                answer.add(new UserEventGroup(g.peerId(), in));
            }
        }
        return CompletableFuture.completedFuture(new UserEventResponse(answer,
                "req-user-event-" + userEventRequests.size()));
    }

    @Override
    public CompletableFuture<RoomListResponse> roomList(ApiGeneration generation, RoomListRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public void close() {
        closed = true;
    }
}
