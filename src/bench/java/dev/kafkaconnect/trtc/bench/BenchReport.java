package dev.kafkaconnect.trtc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;

/**
 * Turns a JMH JSON result of {@link ResponsePathBench} into the table of docs/performance.md: the median of each
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
        java.util.Map<String, Double> medians = new java.util.HashMap<>();
        for (JsonNode r : results) {
            String name = shortName(r);
            medians.put(name, median(r));
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
        shapes(medians);
    }

    /** Both record shapes side by side: records per second from this run, bytes on the topic counted once. */
    private static void shapes(java.util.Map<String, Double> medians) {
        if (!medians.containsKey("snapshotToAvro") || !medians.containsKey("connectorToAvro")) {
            return;
        }
        System.out.printf("%n| Shape | records per answer | records/s, to records | records/s, to Avro | points/s, to Avro"
                + " | bytes on the topic per point | per record |%n|---|---|---|---|---|---|---|%n");
        ShapeSizes.Size[] sizes = {ShapeSizes.samples(), ShapeSizes.snapshots()};
        String[][] benchmarks = {{"connector", "connectorToAvro"}, {"snapshotConnector", "snapshotToAvro"}};
        for (int i = 0; i < sizes.length; i++) {
            ShapeSizes.Size s = sizes[i];
            double build = medians.getOrDefault(benchmarks[i][0], Double.NaN);
            double avro = medians.get(benchmarks[i][1]);
            System.out.printf("| %s | %,d | %,.0f | %,.0f | %,.0f | %.1f | %.1f |%n", s.shape(), s.records(),
                    build * s.records(), avro * s.records(), avro * MaximalAnswer.POINTS, s.bytesPerPoint(),
                    s.bytesPerRecord());
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
