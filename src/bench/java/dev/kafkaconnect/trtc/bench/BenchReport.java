package dev.kafkaconnect.trtc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;

/**
 * Turns a JMH JSON result of {@link ResponsePathBench} into the table of README's performance section: the median of each
 * benchmark's iterations, its ratio to the parse floor of the same run, and bytes allocated per point.
 * Args: {@code <jmh-result.json>}.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode results = new ObjectMapper().readTree(new File(args[0]));
        double floor = Double.NaN;
        double sdk = Double.NaN;
        for (JsonNode r : results) {
            String name = shortName(r);
            if (name.equals("parseFloor")) {
                floor = median(r);
            } else if (name.equals("sdk")) {
                sdk = median(r);
            }
        }
        System.out.printf("| Benchmark | answers/s (median) | x parse floor | x SDK | points/s | bytes allocated per"
                + " point |%n|---|---|---|---|---|---|%n");
        for (JsonNode r : results) {
            double median = median(r);
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            String perPoint = alloc.isMissingNode() ? "n/a"
                    : String.format("%.0f", alloc.path("score").asDouble() / MaximalAnswer.POINTS);
            System.out.printf("| %s | %.2f | %.2f | %.2f | %,.0f | %s |%n", shortName(r), median, median / floor,
                    median / sdk, median * MaximalAnswer.POINTS, perPoint);
        }
    }

    private static String shortName(JsonNode r) {
        String full = r.path("benchmark").asText();
        return full.substring(full.lastIndexOf('.') + 1);
    }

    private static double median(JsonNode r) {
        return r.path("primaryMetric").path("scorePercentiles").path("50.0").asDouble();
    }
}
