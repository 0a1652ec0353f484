package dev.kafkaconnect.trtc.connector.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallAssignorTest {

    static List<String> calls(int n, int from) {
        return IntStream.range(from, from + n).mapToObj(i -> "1400188366_" + (100000 + i * 7) + "_" + (1700000000 + i))
                .toList();
    }

    @ParameterizedTest(name = "{0} calls over {1} tasks")
    @CsvSource({"1,1", "5,1", "5,5", "7,3", "20,3", "100,7", "1000,20", "13,4"})
    void everyCallGoesToExactlyOneTaskAndSizesDifferByAtMostOne(int m, int n) {
        List<String> calls = calls(m, 0);
        List<List<String>> tasks = CallAssignor.assign(calls, n);
        assertThat(tasks).hasSize(n);
        List<String> all = tasks.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(m).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(calls);
        int min = tasks.stream().mapToInt(List::size).min().orElseThrow();
        int max = tasks.stream().mapToInt(List::size).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }

    @Test
    void theAssignmentDoesNotDependOnTheOrderCallsAreListedIn() {
        List<String> calls = calls(50, 0);
        List<String> shuffled = new ArrayList<>(calls);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(owners(CallAssignor.assign(shuffled, 6))).isEqualTo(owners(CallAssignor.assign(calls, 6)));
    }

    @Test
    void addingOrRemovingOneCallMovesFewOthers() {
        Random random = new Random(1);
        int trials = 200;
        int totalMoves = 0;
        int worst = 0;
        for (int t = 0; t < trials; t++) {
            int m = 20 + random.nextInt(200);
            int n = 2 + random.nextInt(10);
            List<String> calls = calls(m, random.nextInt(10_000));
            List<String> grown = new ArrayList<>(calls);
            grown.add("1400188366_999999_" + (1800000000 + t));
            int moves = moves(owners(CallAssignor.assign(calls, n)), owners(CallAssignor.assign(grown, n)));
            List<String> shrunk = new ArrayList<>(calls);
            shrunk.remove(random.nextInt(shrunk.size()));
            moves += moves(owners(CallAssignor.assign(calls, n)), owners(CallAssignor.assign(shrunk, n)));
            totalMoves += moves;
            worst = Math.max(worst, moves);
        }
        // Plain modulo placement moves about (n-1)/n of all calls; a stable one moves about one per change.
        assertThat((double) totalMoves / (2 * trials)).as("average moves per change").isLessThan(2.5);
        assertThat(worst).as("worst moves for one add plus one remove").isLessThan(20);
    }

    @Test
    void taskCountIsBoundedByTasksMaxTheRateAndTheCalls() {
        assertThat(CallAssignor.taskCount(100, 50, 20)).isEqualTo(20);
        assertThat(CallAssignor.taskCount(100, 4, 20)).isEqualTo(4);
        assertThat(CallAssignor.taskCount(3, 10, 20)).isEqualTo(3);
        assertThat(CallAssignor.taskCount(0, 10, 20)).isZero();
        assertThat(CallAssignor.taskCount(10, 10, 1)).isEqualTo(1);
    }

    @Test
    void taskCountIsAlsoBoundedByEachStreamsBudget() {
        assertThat(CallAssignor.taskCount(100, 50, 20, 20)).isEqualTo(20);
        assertThat(CallAssignor.taskCount(100, 50, 20, 3)).isEqualTo(3);
        assertThat(CallAssignor.taskCount(100, 50, 20, 20, 2)).as("the smallest budget").isEqualTo(2);
        assertThat(CallAssignor.taskCount(100, 4, 20, 6)).isEqualTo(4);
        assertThat(CallAssignor.taskCount(2, 10, 20, 6)).isEqualTo(2);
        assertThat(CallAssignor.taskCount(0, 10, 20, 6)).isZero();
    }

    @Test
    void theRateBudgetIsSplitIntoWholeSharesSummingToIt() {
        assertThat(CallAssignor.splitRate(20, 3)).containsExactly(7, 7, 6);
        assertThat(CallAssignor.splitRate(20, 20)).containsOnly(1);
        for (int rate = 1; rate <= 40; rate++) {
            for (int tasks = 1; tasks <= rate; tasks++) {
                int[] shares = CallAssignor.splitRate(rate, tasks);
                assertThat(IntStream.of(shares).sum()).isEqualTo(rate);
                assertThat(IntStream.of(shares).min().orElseThrow()).isPositive();
                assertThat(IntStream.of(shares).max().orElseThrow() - IntStream.of(shares).min().orElseThrow())
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    private static Map<String, Integer> owners(List<List<String>> tasks) {
        Map<String, Integer> owner = new HashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            for (String c : tasks.get(t)) {
                owner.put(c, t);
            }
        }
        return owner;
    }

    private static int moves(Map<String, Integer> before, Map<String, Integer> after) {
        int moved = 0;
        for (String c : new HashSet<>(before.keySet())) {
            if (after.containsKey(c) && !after.get(c).equals(before.get(c))) {
                moved++;
            }
        }
        return moved;
    }
}
