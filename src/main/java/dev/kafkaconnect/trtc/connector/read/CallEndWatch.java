package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import dev.kafkaconnect.trtc.api.QualitySeries;
import dev.kafkaconnect.trtc.connector.config.CommId;
import dev.kafkaconnect.trtc.connector.offsets.CallPosition;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides whether a call is over, from what its answers say about its users: once nobody has been in the call for
 * {@link #REJOIN_GRACE} by a window's end, whether the service lists every user of the call (all finished, the
 * last LeaveTs) or only those present in the window (no one, after users were seen). Also knows, ahead of the
 * windows being emitted, where the call ends as far as the answers tell, so that no window after the end is
 * requested ahead, and the room the call's users were listed in, for the call-end record.
 */
final class CallEndWatch {
    /**
     * How long a call must have been empty before it counts as finished. The service destroys an empty room, but
     * a user who drops (a network change) and rejoins within moments is listed by the same call, with the stay
     * the window's answer reports.
     */
    static final long REJOIN_GRACE = 300;
    private static final long NOT_QUIET = Long.MAX_VALUE;

    /** The call has listed users (in this task's life, or before a restart that resumed past its first listing). */
    private boolean hadUsers;
    /** Since when (unix s) the emitted windows say nobody has been in the call; {@link #NOT_QUIET} if someone is. */
    private long quietSince = NOT_QUIET;
    /**
     * Where the call ends as far as the answers tell: the last LeaveTs when every user listed so far has left,
     * else unbounded.
     */
    private long knownEnd = Long.MAX_VALUE;
    /**
     * The room (RoomStr) the answers gave the call's users, for its call-end record; the CommId's middle part until
     * an answer lists a user (a string room id maps to a number there).
     */
    private String room;

    CallEndWatch(CommId id, CallPosition start) {
        // Past the first window, or inside it after its first page, a record delivered from it or a second reading
        // of it: users were listed before the restart, so a window that lists nobody later means they left.
        this.hadUsers = !start.first() || start.page() > 0 || start.insidePage() || start.rereading();
        this.room = id.room();
    }

    /** Takes in an answer as soon as it comes (before its page is emitted). */
    void answered(CallDetailResponse answer) {
        long maxLeave = Long.MIN_VALUE;
        boolean someoneIn = false;
        Set<String> listed = new HashSet<>();
        for (CallUser u : answer.userList()) {
            listed.add(u.userId());
            if (u.roomStr() != null && !u.roomStr().isEmpty()) {
                room = u.roomStr();
            }
            someoneIn |= !u.finished();
            maxLeave = Math.max(maxLeave, u.leaveTs());
        }
        for (QualitySeries s : answer.data()) {
            // Samples of a user the answer does not list: someone is there whatever the listing says.
            someoneIn |= s.size() > 0 && !listed.contains(s.userId());
        }
        if (someoneIn) {
            knownEnd = Long.MAX_VALUE;
        } else if (maxLeave != Long.MIN_VALUE) {
            knownEnd = maxLeave;
        }
    }

    /**
     * Whether a window starting at {@code start} may be requested before the windows ahead of it are read: not
     * when the answers so far say the call ended more than the rejoin grace before it.
     */
    boolean mayRequestAhead(long start) {
        return knownEnd == Long.MAX_VALUE || start <= knownEnd + REJOIN_GRACE;
    }

    /**
     * Takes in a window whose last page is being emitted (read from its first page); returns whether the call is
     * over after it.
     */
    boolean windowFinishesCall(WindowRead w) {
        if (!w.sawAllUsers()) {
            return false;
        }
        if (w.unlistedData()) {
            hadUsers = true;
            quietSince = NOT_QUIET;
        } else if (w.listedNoUser()) {
            if (quietSince == NOT_QUIET && hadUsers) {
                quietSince = w.window().start();
            }
        } else {
            hadUsers = true;
            quietSince = w.allFinished() ? w.maxLeave() : NOT_QUIET;
        }
        return quietSince != NOT_QUIET && w.window().end() - quietSince >= REJOIN_GRACE;
    }

    /** Whether the call has listed users. */
    boolean hadUsers() {
        return hadUsers;
    }

    /** Since when (unix s) nobody has been in the call, once {@link #windowFinishesCall} said it is over. */
    long quietSince() {
        return quietSince;
    }

    String room() {
        return room;
    }

}
