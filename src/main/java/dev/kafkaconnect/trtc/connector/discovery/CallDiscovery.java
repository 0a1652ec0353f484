package dev.kafkaconnect.trtc.connector.discovery;

import dev.kafkaconnect.trtc.api.ErrorKind;
import dev.kafkaconnect.trtc.api.RoomInfo;
import dev.kafkaconnect.trtc.api.TrtcApiException;
import dev.kafkaconnect.trtc.connector.metrics.DiscoveryCounters;
import dev.kafkaconnect.trtc.connector.service.ServiceLookback;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's calls as the room list shows them, and which of them the tasks should read. The first
 * round lists the whole lookback (from {@code trtc.start}); later rounds list only from where something can
 * still change: the creation of the oldest room still open (its end is reported where it was created), or an
 * hour before the last round's end, for rooms the service lists late. Fully read calls retire, and at most
 * {@code trtc.discovery.max.calls} calls are assigned at once: assigned calls keep their place, then live calls,
 * then the oldest.
 *
 * <p>A call the listing no longer returns (a service that lists rooms by creation time drops a room once discovery's
 * listing floor has passed its creation) keeps its last known state, and its committed offset is checked every
 * round until it retires. When the offsets cannot be read, the calls that may be done keep their assignment (or,
 * not yet assigned, wait) and are checked again in the next round.
 */
final class CallDiscovery {
    private static final Logger log = LoggerFactory.getLogger(CallDiscovery.class);
    /** How far back a later round re-lists, for rooms that appear in the listing late. */
    static final long RELIST_OVERLAP_SECONDS = 3600;
    private static final Comparator<RoomInfo> PRIORITY = Comparator
            .comparing(RoomInfo::finished)
            .thenComparingLong(RoomInfo::createTime)
            .thenComparing(RoomInfo::commId);

    private final RoomLister lister;
    private final RoomFilter filter;
    private final CallRetirement retirement;
    private final long startSeconds;
    private final ServiceLookback lookback;
    private final int maxCalls;
    private final DiscoveryCounters counters;
    private final Map<String, RoomInfo> known = new HashMap<>();
    private final Set<String> retired = new HashSet<>();
    private List<String> assigned = List.of();
    /** End of the last successful listing; -1 before the first. */
    private long listedUpTo = -1;
    /** Whether the offsets of every call that may be done were read once. */
    private boolean checkedAll;
    /** Unassigned calls that may be done whose offsets could not be read: not assigned before they are. */
    private Set<String> undecided = Set.of();

    CallDiscovery(RoomLister lister, RoomFilter filter, CallRetirement retirement, long startSeconds,
                  long lookbackSeconds, int maxCalls, DiscoveryCounters counters) {
        this.lister = lister;
        this.filter = filter;
        this.retirement = retirement;
        this.startSeconds = startSeconds;
        this.lookback = new ServiceLookback(lookbackSeconds, "Call discovery");
        this.maxCalls = maxCalls;
        this.counters = counters;
    }

    /**
     * Lists what may have changed and returns the calls to assign now, in creation order.
     *
     * @throws dev.kafkaconnect.trtc.api.TrtcApiException when listing fails; nothing is changed then
     */
    List<String> refresh(long now) {
        long floor = Math.max(startSeconds, lookback.floor(now));
        long from = listFrom(floor);
        Map<String, RoomInfo> found = new HashMap<>();
        try {
            lister.list(from, now, room -> found.merge(room.commId(), room, CallDiscovery::later));
        } catch (TrtcApiException e) {
            // The oldest window is asked for first, so the refused start is the listing's own: the account's tier
            // serves less than the lookback. List again within the next tier; the lookback only shrinks, so this
            // ends (with the error itself once nothing of at least an hour is left).
            if (e.kind() == ErrorKind.START_TOO_OLD
                    && lookback.refused("the room listing's start", from, now - from)) {
                return refresh(now);
            }
            throw e;
        }
        for (RoomInfo room : found.values()) {
            if (known.putIfAbsent(room.commId(), room) == null) {
                counters.callsDiscovered.incrementAndGet();
            } else {
                known.merge(room.commId(), room, CallDiscovery::later);
            }
        }
        listedUpTo = now;
        forgetOutOf(floor, found.keySet());
        retire(found.keySet());
        assigned = select(now);
        tally(now);
        return assigned;
    }

    private long listFrom(long floor) {
        if (listedUpTo < 0) {
            return floor;
        }
        long from = listedUpTo - RELIST_OVERLAP_SECONDS;
        for (RoomInfo room : known.values()) {
            if (!room.finished() && filter.roomMatches(room)) {
                from = Math.min(from, room.createTime());
            }
        }
        return Math.max(floor, from);
    }

    /** Of two listings of one room, the one that knows more: a finished room stays finished. */
    private static RoomInfo later(RoomInfo a, RoomInfo b) {
        if (a.finished() != b.finished()) {
            return a.finished() ? a : b;
        }
        return b.destroyTime() >= a.destroyTime() ? b : a;
    }

    /**
     * Rooms that ended before the oldest time still served can no longer be read: forget them. So are retired rooms
     * created before the floor that the listing no longer returns while they still look open: a listing from the
     * floor on cannot return them again.
     */
    private void forgetOutOf(long floor, Set<String> listed) {
        for (Iterator<RoomInfo> it = known.values().iterator(); it.hasNext(); ) {
            RoomInfo room = it.next();
            boolean ended = room.finished() && room.destroyTime() > 0 && room.destroyTime() < floor;
            boolean unlisted = !room.finished() && retired.contains(room.commId())
                    && !listed.contains(room.commId()) && room.createTime() < floor;
            if (ended || unlisted) {
                it.remove();
                retired.remove(room.commId());
            }
        }
    }

    /**
     * Checks the offsets of assigned calls that may be done; on the first round, of every call that may be done
     * (a restarted connector does not know what its tasks finished before). A call may be done when its room has
     * ended, when reading stops at {@code trtc.end}, or when this round's listing did not return it (its last known
     * state may be stale: only its offset tells). When the offsets cannot be read, nothing retires this round:
     * the check (of every call that may be done, if the first one has not succeeded yet) is repeated in the next.
     */
    private void retire(Set<String> listed) {
        boolean firstRound = !checkedAll;
        Set<String> current = new HashSet<>(assigned);
        List<RoomInfo> candidates = new ArrayList<>();
        for (RoomInfo room : known.values()) {
            String id = room.commId();
            if (!retired.contains(id) && (retirement.mayRetire(room) || !listed.contains(id))
                    && (firstRound || current.contains(id))) {
                candidates.add(room);
            }
        }
        Set<String> done;
        try {
            done = retirement.fullyRead(candidates);
        } catch (CallRetirement.OffsetsUnavailable e) {
            counters.offsetReadFailures.incrementAndGet();
            Set<String> held = new HashSet<>();
            for (RoomInfo room : candidates) {
                if (!current.contains(room.commId())) {
                    held.add(room.commId());
                }
            }
            undecided = held;
            log.warn("Call discovery could not read the committed offsets of {} calls that may be fully read ({}); "
                            + "none retires this round: the {} assigned keep their assignment, {} others wait, and "
                            + "the offsets are read again in the next round", candidates.size(), e.getMessage(),
                    candidates.size() - held.size(), held.size());
            return;
        }
        checkedAll = true;
        undecided = Set.of();
        for (String id : done) {
            if (retired.add(id)) {
                counters.callsRetired.incrementAndGet();
            }
        }
    }

    private List<String> select(long now) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        for (String id : assigned) {
            RoomInfo room = known.get(id);
            // A call being read stays (the minimum duration is not judged again), until it retires.
            if (room != null && !retired.contains(id) && filter.roomMatches(room) && chosen.size() < maxCalls) {
                chosen.add(id);
            }
        }
        if (chosen.size() < maxCalls) {
            List<RoomInfo> waiting = new ArrayList<>();
            for (RoomInfo room : known.values()) {
                if (!chosen.contains(room.commId()) && !retired.contains(room.commId())
                        && !undecided.contains(room.commId()) && filter.admits(room, now)) {
                    waiting.add(room);
                }
            }
            waiting.sort(PRIORITY);
            for (int i = 0; i < waiting.size() && chosen.size() < maxCalls; i++) {
                chosen.add(waiting.get(i).commId());
            }
        }
        List<RoomInfo> out = new ArrayList<>(chosen.size());
        for (String id : chosen) {
            out.add(known.get(id));
        }
        out.sort(Comparator.comparingLong(RoomInfo::createTime).thenComparing(RoomInfo::commId));
        return out.stream().map(RoomInfo::commId).toList();
    }

    /** Updates the counts of known, filtered and waiting calls (assigned ones count as neither). */
    private void tally(long now) {
        Set<String> current = new HashSet<>(assigned);
        long byRoom = 0;
        long byDuration = 0;
        long waiting = 0;
        for (RoomInfo room : known.values()) {
            if (retired.contains(room.commId()) || current.contains(room.commId())) {
                continue;
            }
            if (!filter.roomMatches(room)) {
                byRoom++;
            } else if (!filter.admits(room, now)) {
                byDuration++;
            } else {
                waiting++;
            }
        }
        counters.callsKnown = known.size();
        counters.filteredByRoom = byRoom;
        counters.filteredByDuration = byDuration;
        counters.callsWaiting = waiting;
    }

    /** How far back the room listing reaches now, in seconds. */
    long lookbackSeconds() {
        return lookback.seconds();
    }

    /** Calls known (listed, inside the lookback, of any filter outcome). */
    int knownCount() {
        return known.size();
    }

    /** Calls retired as fully read. */
    int retiredCount() {
        return retired.size();
    }

    /** Calls admitted by the filter and not retired, assigned or waiting. */
    int unreadCount(long now) {
        Set<String> current = new HashSet<>(assigned);
        int n = 0;
        for (RoomInfo room : known.values()) {
            if (!retired.contains(room.commId()) && (filter.admits(room, now) || current.contains(room.commId()))) {
                n++;
            }
        }
        return n;
    }
}
