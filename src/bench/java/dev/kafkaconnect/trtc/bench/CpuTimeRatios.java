package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.api.BenchReader;
import dev.kafkaconnect.trtc.connector.read.BenchPages;
import dev.kafkaconnect.trtc.converter.BenchConverters;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The ratios of {@link ResponsePathBench} in thread CPU time rather than wall time: {@code parseFloor},
 * {@code connector} and {@code connectorToAvro} on the maximal answer, one after another in every round, so load
 * from other processes (which stretches wall time, and differently for benchmarks run minutes apart) moves all
 * three alike. It leaves out what other threads do for the path (the collector's work), which JMH's wall-clock
 * figures include. Args: {@code [rounds=20]}, after 10 rounds of warm-up; prints medians per point.
 */
public final class CpuTimeRatios {
    private static long sink;

    private CpuTimeRatios() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        byte[] body = MaximalAnswer.bytes();
        BenchPages pages = new BenchPages(MaximalAnswer.commId(), MaximalAnswer.CALL_START);
        RegistryAvroConverter keys = BenchConverters.inMemory(true);
        RegistryAvroConverter values = BenchConverters.inMemory(false);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] nanos = new long[3][rounds];
        for (int round = -10; round < rounds; round++) {
            long t0 = threads.getCurrentThreadCpuTime();
            sink += (long) ParseFloor.sum(body);
            long t1 = threads.getCurrentThreadCpuTime();
            sink += pages.records(BenchReader.callDetail(body), r -> sink++);
            long t2 = threads.getCurrentThreadCpuTime();
            sink += pages.records(BenchReader.callDetail(body), r -> {
                sink += keys.fromConnectData(r.topic(), r.keySchema(), r.key()).length;
                sink += values.fromConnectData(r.topic(), r.valueSchema(), r.value()).length;
            });
            long t3 = threads.getCurrentThreadCpuTime();
            if (round >= 0) {
                nanos[0][round] = t1 - t0;
                nanos[1][round] = t2 - t1;
                nanos[2][round] = t3 - t2;
            }
        }
        String[] names = {"parseFloor", "connector", "connectorToAvro"};
        long floor = median(nanos[0]);
        System.out.printf("%-16s %14s %14s %16s%n", "benchmark", "CPU ms/answer", "CPU ns/point", "x parse floor");
        for (int i = 0; i < names.length; i++) {
            long median = median(nanos[i]);
            System.out.printf("%-16s %14.1f %14.1f %16.3f%n", names[i], median / 1e6,
                    median / (double) MaximalAnswer.POINTS, floor / (double) median);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
