package dev.kafkaconnect.trtc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds of processes from {@code /proc/<pid>/stat} (Linux): on a machine whose cores are all busy, a
 * pipeline's rate follows the CPU its records cost in every process they pass through, so the harness reports it.
 */
final class ProcessCpu {
    /** USER_HZ: clock ticks per second of the stat file's times; 100 on Linux. */
    private static final double TICKS = 100.0;

    private ProcessCpu() {
    }

    /** User and system CPU seconds the process has used. */
    static double seconds(long pid) {
        String[] f = fields(pid);
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS;
    }

    /** CPU seconds of this process's children that have ended and been waited for. */
    static double reapedChildrenSeconds() {
        String[] f = fields(ProcessHandle.current().pid());
        return (Long.parseLong(f[15]) + Long.parseLong(f[16])) / TICKS;
    }

    private static String[] fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            String[] after = rest.split(" ");
            String[] all = new String[after.length + 2];
            System.arraycopy(after, 0, all, 2, after.length);
            return all;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }
}
