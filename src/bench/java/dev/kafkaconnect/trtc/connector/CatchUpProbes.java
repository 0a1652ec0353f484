package dev.kafkaconnect.trtc.connector;

import dev.kafkaconnect.trtc.connector.read.CallReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What {@link BacklogCatchUpHarness} watches while the tasks run. */
final class CatchUpProbes {
    private CatchUpProbes() {
    }

    /**
     * Whether a task is done (every finished call's call-end record out, the live call caught up and idle), and
     * when the live call first was: read on the polling task's own thread, which owns its calls.
     */
    static final class LiveWatch {
        private final String liveCommId;
        private volatile long caughtUpNanos;

        LiveWatch(String liveCommId) {
            this.liveCommId = liveCommId;
        }

        boolean done(List<CallReader> calls) {
            boolean done = true;
            for (CallReader c : calls) {
                if (c.id.value().equals(liveCommId)) {
                    if (c.caughtUp() && c.idle()) {
                        if (caughtUpNanos == 0) {
                            caughtUpNanos = System.nanoTime();
                        }
                    } else {
                        done = false;
                    }
                } else if (c.state() == CallReader.State.READING) {
                    done = false;
                }
            }
            return done;
        }

        long caughtUpNanos() {
            return caughtUpNanos;
        }

        /**
         * The live call's minimum up to where it was caught up and idle, per action: ceil(users/6) per window it
         * read, one request per user for each range its users were read over (the whole backlog in one while the
         * samples catch up; then per samples window, since it is live), one request per window.
         */
        long[] required(long windows, long userRanges, int users) {
            if (caughtUpNanos == 0) {
                return new long[3];
            }
            return new long[] {windows * ((users + 5) / 6), users * userRanges, windows};
        }
    }

    /** When each request reached the simulator, by action (index in {@link RequestLog#ACTIONS}). */
    static final class Arrivals {
        private final long[][] times = new long[RequestLog.ACTIONS.size()][];
        private final int[] sizes = new int[RequestLog.ACTIONS.size()];

        Arrivals() {
            Arrays.setAll(times, a -> new long[1024]);
        }

        synchronized void arrived(String action, long nanos) {
            int a = RequestLog.ACTIONS.indexOf(action);
            if (a < 0) {
                return;
            }
            if (sizes[a] == times[a].length) {
                times[a] = Arrays.copyOf(times[a], sizes[a] * 2);
            }
            times[a][sizes[a]++] = nanos;
        }

        synchronized long[] of(int action) {
            long[] copy = Arrays.copyOf(times[action], sizes[action]);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** Samples the tasks' finished-call counts every 100 ms (the counters are atomics, safe to read here). */
    static final class Progress extends Thread {
        private final List<TrtcSourceTask> tasks;
        private final long began;
        private final List<long[]> finished = new ArrayList<>();

        Progress(List<TrtcSourceTask> tasks, long began) {
            super("progress");
            setDaemon(true);
            this.tasks = tasks;
            this.began = began;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                long n = tasks.stream().mapToLong(t -> t.counters().callsFinished.get()).sum();
                synchronized (this) {
                    finished.add(new long[] {System.nanoTime() - began, n});
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** (nanos since the start, calls finished) samples, in time order. */
        synchronized List<long[]> finished() {
            return List.copyOf(finished);
        }
    }
}
