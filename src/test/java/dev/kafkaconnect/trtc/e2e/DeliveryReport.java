package dev.kafkaconnect.trtc.e2e;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What reached Kafka compared with what should have: records missing, extra copies of expected records
 * (duplicates), and records that were never expected. Exact means all three are zero.
 */
record DeliveryReport<T>(int expected, int delivered, List<T> missing, Map<T, Integer> duplicated,
                         List<T> unexpected) {
    private static final int EXAMPLES = 5;

    static <T> DeliveryReport<T> compare(Collection<T> expected, Collection<T> delivered) {
        Map<T, Integer> counts = new HashMap<>();
        delivered.forEach(r -> counts.merge(r, 1, Integer::sum));
        Map<T, Integer> wanted = new HashMap<>();
        expected.forEach(r -> wanted.merge(r, 1, Integer::sum));
        List<T> missing = wanted.keySet().stream().filter(r -> counts.getOrDefault(r, 0) < wanted.get(r)).toList();
        Map<T, Integer> duplicated = new LinkedHashMap<>();
        counts.forEach((r, n) -> {
            int extra = n - wanted.getOrDefault(r, 0);
            if (extra > 0 && wanted.containsKey(r)) {
                duplicated.put(r, extra);
            }
        });
        List<T> unexpected = counts.keySet().stream().filter(r -> !wanted.containsKey(r)).toList();
        return new DeliveryReport<>(expected.size(), delivered.size(), missing, duplicated, unexpected);
    }

    boolean isExact() {
        return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
    }

    int duplicateCount() {
        return duplicated.values().stream().mapToInt(Integer::intValue).sum();
    }

    int maxCopies() {
        return duplicated.values().stream().mapToInt(n -> n + 1).max().orElse(1);
    }

    @Override
    public String toString() {
        return "expected " + expected + ", delivered " + delivered + "; missing " + missing.size() + " "
                + examples(missing) + "; duplicate copies " + duplicateCount() + " "
                + examples(List.copyOf(duplicated.keySet())) + "; unexpected " + unexpected.size() + " "
                + examples(unexpected);
    }

    private static <T> String examples(List<T> records) {
        return records.isEmpty() ? "" : records.subList(0, Math.min(EXAMPLES, records.size())).toString();
    }
}
