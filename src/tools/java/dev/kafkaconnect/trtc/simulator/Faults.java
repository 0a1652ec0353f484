package dev.kafkaconnect.trtc.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault injection, per action or for every action. A scripted fault applies to the next request in order; rates
 * draw from a seeded RNG. For a request, the action's script comes first, then the all-actions script, then the
 * action's rates, then the all-actions rates. {@link #vanish} makes a call answer {@code ResourceNotFound} from
 * then on; {@link #malform} makes its call-detail answers (or those of some windows) malformed from then on.
 */
public final class Faults {
    private final Map<String, Plan> byAction = new ConcurrentHashMap<>();
    private final Plan everyAction = new Plan();
    private final Set<String> vanished = ConcurrentHashMap.newKeySet();
    private final Map<String, Malformed> malformed = new ConcurrentHashMap<>();
    private final SplittableRandom random;

    Faults(long seed) {
        this.random = new SplittableRandom(Hashing.of(seed, "faults"));
    }

    /** The faults of one action, e.g. {@code "DescribeCallDetailInfo"}. */
    public Plan action(String action) {
        return byAction.computeIfAbsent(action, a -> new Plan());
    }

    /** Faults for every action. */
    public Plan allActions() {
        return everyAction;
    }

    /** From now on the call is unknown to the service: its queries answer {@code ResourceNotFound}. */
    public void vanish(String commId) {
        vanished.add(commId);
    }

    public void restore(String commId) {
        vanished.remove(commId);
    }

    public boolean vanished(String commId) {
        return vanished.contains(commId);
    }

    /**
     * From now on every call-detail answer for the call (both generations, every window and page) is malformed
     * this way, until {@link #heal} or {@link #clear}; replaces an earlier malformation of the call.
     */
    public void malform(String commId, Malformation how) {
        malform(commId, how, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Like {@link #malform(String, Malformation)}, but only for queries whose window {@code [StartTime, EndTime]}
     * (inclusive, as the service reads it) overlaps {@code [fromSec, toSec)}: {@code malform(c, how, t, t + 1)}
     * malforms every window holding the second {@code t}.
     */
    public void malform(String commId, Malformation how, long fromSec, long toSec) {
        Objects.requireNonNull(commId, "commId");
        Objects.requireNonNull(how, "how");
        if (toSec <= fromSec) {
            throw new IllegalArgumentException("empty range [" + fromSec + ", " + toSec + ")");
        }
        malformed.put(commId, new Malformed(how, fromSec, toSec));
    }

    /** The call's answers are well-formed again. */
    public void heal(String commId) {
        malformed.remove(commId);
    }

    /** How a query of the call over {@code [start, end]} is malformed, or null when it is not. */
    Malformation malformation(String commId, long start, long end) {
        Malformed m = malformed.get(commId);
        return m != null && start < m.toSec() && end >= m.fromSec() ? m.how() : null;
    }

    private record Malformed(Malformation how, long fromSec, long toSec) {
    }

    /** Removes every script, rate, vanished and malformed call. */
    public void clear() {
        byAction.clear();
        everyAction.clear();
        vanished.clear();
        malformed.clear();
    }

    /** The fault for the next request to an action ({@link Fault#none()} if none). */
    Fault next(String action) {
        Plan plan = byAction.get(action);
        Fault f = plan == null ? null : plan.scripted();
        if (f == null) {
            f = everyAction.scripted();
        }
        if (f == null) {
            double draw = draw();
            f = plan == null ? null : plan.byRate(draw);
            if (f == null) {
                f = everyAction.byRate(draw - (plan == null ? 0 : plan.totalRate()));
            }
        }
        return f == null ? Fault.none() : f;
    }

    /** A latency fault's delay, drawn from its range. */
    Duration delay(Fault f) {
        long min = f.minDelay().toNanos();
        long span = f.maxDelay().toNanos() - min;
        if (span <= 0) {
            return f.minDelay();
        }
        synchronized (random) {
            return Duration.ofNanos(min + random.nextLong(span + 1));
        }
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    /** One action's (or every action's) script and rates. */
    public static final class Plan {
        private final Deque<Fault> script = new ArrayDeque<>();
        private final List<Rated> rates = new ArrayList<>();

        private record Rated(double probability, Fault fault) {
        }

        /** The next requests get these faults, one each, in order (after any already scripted). */
        public synchronized Plan script(Fault... faults) {
            for (Fault f : faults) {
                script.addLast(f);
            }
            return this;
        }

        /** The next {@code n} requests get this fault. */
        public synchronized Plan next(int n, Fault fault) {
            for (int i = 0; i < n; i++) {
                script.addLast(fault);
            }
            return this;
        }

        /**
         * Each request gets this fault with the given probability. Rates add up: two rates of 0.1 fault 20 % of
         * requests; their sum may not exceed 1.
         */
        public synchronized Plan rate(double probability, Fault fault) {
            if (probability < 0 || probability > 1 || totalRate() + probability > 1.0 + 1e-9) {
                throw new IllegalArgumentException("probability " + probability + " is out of range: the rates of "
                        + "one plan add up to at most 1 (now " + totalRate() + ")");
            }
            rates.add(new Rated(probability, fault));
            return this;
        }

        public synchronized int scriptRemaining() {
            return script.size();
        }

        public synchronized Plan clear() {
            script.clear();
            rates.clear();
            return this;
        }

        synchronized Fault scripted() {
            return script.pollFirst();
        }

        synchronized Fault byRate(double draw) {
            double acc = 0;
            for (Rated r : rates) {
                acc += r.probability();
                if (draw < acc) {
                    return r.fault();
                }
            }
            return null;
        }

        synchronized double totalRate() {
            double sum = 0;
            for (Rated r : rates) {
                sum += r.probability();
            }
            return sum;
        }
    }
}
