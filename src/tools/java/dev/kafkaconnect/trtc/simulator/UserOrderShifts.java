package dev.kafkaconnect.trtc.simulator;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The windows whose user order has shifted under {@link SimulatorSettings.UserOrder#SHIFTS_BETWEEN_PAGES}: a
 * window's order shifts the first time a page after the first is asked for, and stays shifted, as after a rejoin.
 */
final class UserOrderShifts {
    private final Set<String> shifted = ConcurrentHashMap.newKeySet();

    /** Whether the order of the call's window [{@code start}, {@code end}] is shifted for a query of {@code page}. */
    boolean shifted(String commId, long start, long end, int page) {
        String window = commId + ' ' + start + ' ' + end;
        if (page > 0) {
            shifted.add(window);
            return true;
        }
        return shifted.contains(window);
    }
}
