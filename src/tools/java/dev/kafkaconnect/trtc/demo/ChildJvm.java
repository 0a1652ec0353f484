package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka JVM (broker, worker or a Kafka tool) run as a child process with the Kafka classpath, its output
 * appended to a log file that survives restarts, so a log tail shows what happened before and after a kill.
 */
final class ChildJvm {
    static final String HEAP = "-Xmx512m";
    private static final int TAIL_LINES = 40;

    private final String name;
    private final KafkaClasspath classpath;
    private final Path logConfig;
    private final Path logFile;
    private Process process;
    private List<String> jvmOptions = List.of();
    private Map<String, String> environment = Map.of();
    private Path javaHome;

    ChildJvm(String name, KafkaClasspath classpath, Path workDir) {
        this.name = name;
        this.classpath = classpath;
        this.logConfig = ChildLogging.writeConfig(workDir);
        this.logFile = workDir.resolve(name + ".log");
    }

    /** Options added to the JVM's command line from the next start on. */
    synchronized void jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
    }

    /** Variables added to the JVM's environment from the next start on. */
    synchronized void environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
    }

    /**
     * The Java installation ({@code bin/java} under it) from the next start on; null for the one running this JVM.
     * A worker on another Java than the build's shows the plugin runs on the Java users have.
     */
    synchronized void javaHome(Path home) {
        this.javaHome = home;
    }

    synchronized void start(String mainClass, String... args) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        process = launch(logFile, mainClass, args);
        ProcessSupervisor.instance().track(name, process);
    }

    /** Runs a Kafka tool to completion; its output goes to {@code toolLog}. Fails with that output if it fails. */
    void runTool(Path toolLog, Duration timeout, String mainClass, String... args) {
        Process tool = launch(toolLog, mainClass, args);
        ProcessSupervisor.instance().track(name + "-tool", tool);
        try {
            if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish within " + timeout.toSeconds()
                        + " s; output:\n" + tail(toolLog));
            }
            if (tool.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " failed with exit code " + tool.exitValue()
                        + "; output:\n" + tail(toolLog));
            }
        } catch (InterruptedException e) {
            tool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + mainClass, e);
        } finally {
            ProcessSupervisor.instance().untrack(tool);
        }
    }

    private synchronized Process launch(Path output, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(javaHome), HEAP, "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + logConfig.toAbsolutePath(),
                "-cp", classpath.value(), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        // Keep the parent's CLASSPATH (e.g. Maven's) from leaking into the child.
        builder.environment().remove("CLASSPATH");
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGTERM and a bounded wait for a clean exit; a child that does not exit in time is killed and reported. */
    void stop(Duration timeout) {
        Process p = current();
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        if (!waitFor(p, timeout)) {
            p.destroyForcibly();
            waitFor(p, Duration.ofSeconds(10));
            ProcessSupervisor.instance().untrack(p);
            throw new IllegalStateException(name + " did not stop within " + timeout.toSeconds()
                    + " s of SIGTERM and was killed; log tail:\n" + tail());
        }
        ProcessSupervisor.instance().untrack(p);
    }

    /** SIGKILL: the process gets no chance to flush or commit anything, as in a machine crash. */
    void kill() {
        Process p = current();
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        if (!waitFor(p, Duration.ofSeconds(30))) {
            throw new IllegalStateException(name + " (pid " + p.pid() + ") survived SIGKILL for 30 s");
        }
        ProcessSupervisor.instance().untrack(p);
    }

    /** Fails a wait at once when the child has died, quoting its log. */
    void checkAlive(String waitingFor) {
        Process p = current();
        if (p == null || !p.isAlive()) {
            String exit = p == null ? "never started" : "exited with code " + p.exitValue();
            throw new Waits.AbortWaitException(name + " " + exit + " while waiting for " + waitingFor);
        }
    }

    Path logFile() {
        return logFile;
    }

    String tail() {
        return tail(logFile);
    }

    /** The last lines of a log, for failure messages. */
    static String tail(Path file) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - 16_384);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
            int start = Math.max(0, lines.length - TAIL_LINES);
            return "--- last lines of " + file + " ---\n"
                    + String.join("\n", java.util.Arrays.copyOfRange(lines, start, lines.length));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private synchronized Process current() {
        return process;
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String javaExecutable(Path javaHome) {
        Path home = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
        return home.resolve("bin").resolve("java").toString();
    }
}
