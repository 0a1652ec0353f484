package dev.kafkaconnect.trtc.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which users a call-detail query lists, and which stay represents each. A user who rejoined is listed once, with
 * the latest stay that began by {@code EndTime} ({@link UserListMode#ALL_USERS}) or the latest stay overlapping the
 * window ({@link UserListMode#PRESENT_IN_RANGE}): {@code JoinTs}/{@code LeaveTs} are that stay's, so they can
 * differ between windows. With {@link SimulatorSettings.ListedStay#LATEST} the listed stay is the user's latest as
 * of now instead (the users listed stay the same), so a rejoin changes the answer for earlier windows too.
 * With {@link SimulatorSettings.ListedStay#EVERY_STAY} a user is listed once per stay that matches, so a rejoined
 * user appears twice in one answer. A stay still open reports {@code LeaveTs} = now and {@code Finished} false.
 * The list is ordered by (JoinTs, UserId).
 */
final class UserListing {
    private UserListing() {
    }

    record Entry(SimulatedUser user, Presence stay) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong((Entry e) -> e.stay().joinSec())
            .thenComparing(e -> e.user().userId());

    static List<Entry> list(SimulatedCall call, UserListMode mode, SimulatorSettings.ListedStay listed, long start,
                            long end, long now) {
        List<Entry> out = new ArrayList<>();
        for (SimulatedUser user : call.users()) {
            Presence chosen = null;
            Presence latest = null;
            for (Presence p : user.presences()) {
                boolean matches = mode == UserListMode.ALL_USERS
                        ? p.begunBy(now) && p.joinSec() <= end
                        : p.overlaps(start, end, now);
                if (matches) {
                    chosen = p;
                    if (listed == SimulatorSettings.ListedStay.EVERY_STAY) {
                        out.add(new Entry(user, p));
                    }
                }
                if (p.begunBy(now)) {
                    latest = p;
                }
            }
            if (chosen != null && listed != SimulatorSettings.ListedStay.EVERY_STAY) {
                out.add(new Entry(user, listed == SimulatorSettings.ListedStay.LATEST ? latest : chosen));
            }
        }
        out.sort(ORDER);
        return out;
    }
}
