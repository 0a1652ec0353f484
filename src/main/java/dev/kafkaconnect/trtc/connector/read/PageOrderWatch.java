package dev.kafkaconnect.trtc.connector.read;

import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.api.CallUser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one reading (pass) of a window's pages listed, to tell whether the service's user order shifted between
 * its pages. The service orders users by {@code JoinTs}, which a rejoin changes; pages are asked for at different
 * times, so a user can move from a page not read yet to one already read and never be listed. Signs of it: a user
 * listed on two pages, or a {@code Total} that changed between pages (when it counts the call's users). A page that
 * lists exactly the users of the page before is the page after the last repeating it (a documented reading), not
 * a shift.
 */
final class PageOrderWatch {
    private final Map<String, Integer> firstPage = new HashMap<>();
    private final Set<String> stays = new HashSet<>();
    private Set<String> previousPage = Set.of();
    private long total = -1;
    private String shift;

    /**
     * Takes in page {@code page}'s answer; {@code totalCountsCall}: whether {@code Total} counts the call's users.
     * Returns whether the page lists a stay this pass had not listed (a page listing none ends the pass, so that a
     * wrong {@code Total} cannot make it page forever).
     */
    boolean listed(int page, CallDetailResponse answer, boolean totalCountsCall) {
        Set<String> users = new HashSet<>();
        answer.userList().forEach(u -> users.add(u.userId()));
        boolean repeatsPrevious = users.equals(previousPage);
        previousPage = users;
        boolean newStay = false;
        for (CallUser u : answer.userList()) {
            Integer first = firstPage.putIfAbsent(u.userId(), page);
            if (first != null && first != page && !repeatsPrevious) {
                shifted("user " + u.userId() + " is listed on pages " + first + " and " + page);
            }
            newStay |= stays.add(u.userId() + '\n' + u.joinTs());
        }
        if (totalCountsCall && answer.total() > 0) {
            if (total < 0) {
                total = answer.total();
            } else if (answer.total() != total) {
                shifted("Total changed from " + total + " to " + answer.total() + " at page " + page);
            }
        }
        return newStay;
    }

    private void shifted(String reason) {
        if (shift == null) {
            shift = reason;
        }
    }

    /** How the order was seen to shift in this pass; null while it was not. */
    String shift() {
        return shift;
    }
}
