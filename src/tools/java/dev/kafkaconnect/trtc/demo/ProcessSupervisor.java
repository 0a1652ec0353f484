package dev.kafkaconnect.trtc.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every child process this JVM starts is registered here; a shutdown hook kills those still running, so an
 * aborted test run or demo leaves no broker or worker behind holding ports and memory.
 */
public final class ProcessSupervisor {
    private static final ProcessSupervisor INSTANCE = new ProcessSupervisor();

    private final Map<Long, Tracked> children = new LinkedHashMap<>();

    private ProcessSupervisor() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "trtc-child-process-reaper"));
    }

    public static ProcessSupervisor instance() {
        return INSTANCE;
    }

    public synchronized void track(String name, Process process) {
        children.put(process.pid(), new Tracked(name, process));
    }

    public synchronized void untrack(Process process) {
        children.remove(process.pid());
    }

    /** Names and pids of the children still running, e.g. for a report of what a run left behind. */
    public synchronized List<String> running() {
        List<String> result = new ArrayList<>();
        children.values().stream().filter(t -> t.process.isAlive())
                .forEach(t -> result.add(t.name + " (pid " + t.process.pid() + ")"));
        return result;
    }

    /** Kills every tracked child and its descendants at once; used by the shutdown hook. */
    public void killAll() {
        List<Tracked> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(children.values());
            children.clear();
        }
        for (Tracked t : snapshot) {
            t.process.descendants().forEach(ProcessHandle::destroyForcibly);
            t.process.destroyForcibly();
        }
    }

    private record Tracked(String name, Process process) {
    }
}
