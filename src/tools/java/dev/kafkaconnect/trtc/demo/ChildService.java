package dev.kafkaconnect.trtc.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A service in a child JVM (the broker, a Connect worker) that tests stop gracefully, kill and restart on the same
 * ports and directories, as an operator or a crash would.
 */
public abstract class ChildService implements AutoCloseable {
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    final Path workDir;
    final ChildJvm jvm;

    ChildService(Path workDir, ChildJvm jvm) {
        this.workDir = workDir;
        this.jvm = jvm;
    }

    /** Starts the JVM and waits until the service answers. */
    abstract void launch();

    /** Starts the service again on the same ports and data after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        launch();
    }

    /** Graceful stop (SIGTERM), waiting at most {@link #STOP_TIMEOUT}. */
    public void stop() {
        jvm.stop(STOP_TIMEOUT);
    }

    /** Hard stop (SIGKILL), as a crash. */
    public void kill() {
        jvm.kill();
    }

    public boolean isRunning() {
        return jvm.isAlive();
    }

    /** The running JVM's process id, for asking the operating system what it runs. */
    public long pid() {
        return jvm.pid();
    }

    public Path workDir() {
        return workDir;
    }

    public Path logFile() {
        return jvm.logFile();
    }

    public String logTail() {
        return jvm.tail();
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            kill();
        }
    }
}
