package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.utils.MockTime;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** The step of Kafka's {@link MockTime}, which moves (sleeps) in whole milliseconds. */
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Moves the mock time on by {@code nanos}, a whole number of milliseconds. */
    private static void advance(MockTime time, long nanos) {
        assertThat(nanos % MS).as("MockTime moves in whole milliseconds").isZero();
        time.sleep(nanos / MS);
    }

    /** Fails naming the first window of {@code window} nanoseconds that holds more than {@code permits} grants. */
    static void assertNoWindowExceeds(List<Long> grants, int permits, long window) {
        List<Long> sorted = new ArrayList<>(grants);
        Collections.sort(sorted);
        for (int i = 0; i + permits < sorted.size(); i++) {
            long span = sorted.get(i + permits) - sorted.get(i);
            assertThat(span).as("grants %d..%d (at %d and %d) fall in one window of %d ns", i, i + permits,
                    sorted.get(i), sorted.get(i + permits), window).isGreaterThanOrEqualTo(window);
        }
    }

    @Test
    void burstAtTheEndOfOneSecondIsNotFollowedByAnotherAtTheStartOfTheNext() {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), time);
        advance(time, SECOND * 9 / 10);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire()).isZero();
        }
        advance(time, SECOND / 5);
        // A token bucket would be refilled here; the sliding window still holds five grants.
        long wait = limiter.tryAcquire();

        assertThat(wait).isEqualTo(SECOND - SECOND / 5);
        advance(time, wait - MS);
        assertThat(limiter.tryAcquire()).isEqualTo(MS);
        advance(time, MS);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.totalGranted()).isEqualTo(6);
    }

    @Test
    void concurrentCallersNeverExceedTheRateInAnySlidingWindow() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        int permits = 20;
        RateLimiter limiter = new RateLimiter(permits, Duration.ofSeconds(1), time);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        limiter.observeGrants(grants::add);
        int threads = 8;
        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(t);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    // Irregular gaps between a caller's requests.
                    advance(time, random.nextLong(100) * MS);
                    assertThat(limiter.acquire(Duration.ofHours(1))).isNotNegative();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(grants).hasSize(threads * perThread);
        assertNoWindowExceeds(grants, permits, SECOND);
        // The limit was actually reached: callers had to wait.
        assertThat(limiter.totalWaitNanos()).isPositive();
    }

    @Test
    void aReservedPlaceCountsFromItsCommitAndHoldsItsPlaceUntilThen() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(2, Duration.ofSeconds(1), time);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        limiter.observeGrants(grants::add);
        long t0 = time.nanoseconds();
        RateLimiter.Permit a = limiter.reserve(() -> false, Duration.ofMillis(100));
        RateLimiter.Permit b = limiter.reserve(() -> false, Duration.ofMillis(100));
        assertThat(grants).as("a reservation is not yet a grant").isEmpty();

        // Commits in the other order, late: B leaves after 100 ms, A after 500 ms.
        advance(time, SECOND / 10);
        limiter.commit(b);
        advance(time, SECOND * 4 / 10);
        limiter.commit(a);
        limiter.commit(a);
        assertThat(grants).containsExactly(t0 + SECOND / 10, t0 + SECOND / 2);
        assertThat(limiter.totalGranted()).isEqualTo(2);

        // A's place is free a window after A's commit, not after its reservation; B's place comes after it.
        assertThat(limiter.tryAcquire()).isEqualTo(SECOND);
        advance(time, SECOND - MS);
        assertThat(limiter.tryAcquire()).isEqualTo(MS);
        advance(time, MS);
        assertThat(limiter.tryAcquire()).isZero();
        assertThat(limiter.tryAcquire()).isZero();
        assertNoWindowExceeds(grants, 2, SECOND);
    }

    @Test
    void anUncommittedReservationBlocksThePlaceAfterItsWindow() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), time);
        RateLimiter.Permit held = limiter.reserve(() -> false, Duration.ofMillis(100));
        advance(time, SECOND * 5);
        assertThat(limiter.tryAcquire()).as("still in transit: its time is not known yet").isPositive();
        assertThat(limiter.reserve(new java.util.function.BooleanSupplier() {
            private int checks;

            @Override
            public boolean getAsBoolean() {
                return ++checks > 3;
            }
        }, Duration.ofMillis(100))).as("a waiting reservation can be abandoned").isNull();
        long committedAt = time.nanoseconds();
        limiter.commit(held);
        assertThat(limiter.tryAcquire()).isEqualTo(committedAt + SECOND - time.nanoseconds());
    }

    @Test
    void concurrentReservationsCommittedLateAndOutOfOrderNeverExceedTheRate() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        int permits = 5;
        RateLimiter limiter = new RateLimiter(permits, Duration.ofSeconds(1), time);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        limiter.observeGrants(grants::add);
        int threads = 6;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SplittableRandom random = new SplittableRandom(100 + t);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    RateLimiter.Permit permit = limiter.reserve(() -> false, Duration.ofMillis(100));
                    // In transit for up to 300 ms (a connection being set up) before the request leaves.
                    advance(time, random.nextLong(300) * MS);
                    limiter.commit(permit);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(grants).hasSize(threads * perThread);
        assertNoWindowExceeds(grants, permits, SECOND);
    }

    @Test
    void aPacedLimiterSpreadsItsGrantsEvenlyAtTheSameRate() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        // 21 per 1050 ms: 50 ms apart, a step the millisecond mock time can take exactly.
        RateLimiter limiter = new RateLimiter(21, Duration.ofMillis(1050), time, true);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        limiter.observeGrants(grants::add);
        long start = time.nanoseconds();
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire(Duration.ofHours(1))).isNotNegative();
        }
        long spacing = TimeUnit.MILLISECONDS.toNanos(1050) / 21;
        for (int i = 1; i < grants.size(); i++) {
            assertThat(grants.get(i) - grants.get(i - 1)).as("gap before grant %d", i).isEqualTo(spacing);
        }
        assertThat(grants.get(99) - start).isEqualTo(99 * spacing);
        assertNoWindowExceeds(grants, 21, TimeUnit.MILLISECONDS.toNanos(1050));
        assertThat(limiter.tryAcquire()).isEqualTo(spacing);
    }

    @Test
    void realClockConcurrentCallersStayWithinTheWindow() throws Exception {
        int permits = 10;
        long window = TimeUnit.MILLISECONDS.toNanos(50);
        RateLimiter limiter = new RateLimiter(permits, Duration.ofNanos(window), Time.SYSTEM);
        List<Long> grants = Collections.synchronizedList(new ArrayList<>());
        limiter.observeGrants(grants::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    limiter.acquire(Duration.ofSeconds(10));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(grants).hasSize(60);
        assertNoWindowExceeds(grants, permits, window);
    }

    @Test
    void acquireGivesUpAtItsDeadlineWithoutTakingAPermit() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), time);
        assertThat(limiter.acquire(Duration.ZERO)).isZero();

        assertThat(limiter.acquire(Duration.ofMillis(500))).isEqualTo(-1);
        assertThat(limiter.totalGranted()).isEqualTo(1);
        assertThat(limiter.acquire(Duration.ofSeconds(2))).isEqualTo(SECOND);
        assertThat(limiter.totalWaitNanos()).isEqualTo(SECOND);
    }

    @Test
    void abandonedWaitEndsWithoutTakingAPermit() throws Exception {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), time);
        limiter.tryAcquire();
        AtomicInteger checks = new AtomicInteger();

        // Still wanted for the first three checks, 100 ms apart, then given up.
        long result = limiter.acquire(() -> checks.incrementAndGet() > 3, Duration.ofMillis(100));

        assertThat(result).isEqualTo(-1);
        assertThat(checks).hasValue(4);
        assertThat(limiter.totalGranted()).isEqualTo(1);
        // 300 ms passed in the abandoned wait; the rest of the second remains.
        assertThat(limiter.acquire(() -> false, Duration.ofMillis(100))).isEqualTo(SECOND * 7 / 10);
    }

    @Test
    void acquireIsInterruptible() {
        MockTime time = new MockTime(0, 0, 1_000_000_000L);
        RateLimiter limiter = new RateLimiter(1, Duration.ofSeconds(1), time);
        limiter.tryAcquire();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> limiter.acquire(Duration.ofSeconds(5))).isInstanceOf(InterruptedException.class);
        assertThat(limiter.totalGranted()).isEqualTo(1);
    }

    @Test
    void invalidRatesAreRejected() {
        assertThatThrownBy(() -> RateLimiter.perSecond(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RateLimiter(1, Duration.ZERO, Time.SYSTEM))
                .hasMessageContaining("window");
    }
}
