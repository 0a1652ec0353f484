package dev.kafkaconnect.trtc.docker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code docker/register-connector.sh} as a user would and keeps what it printed. */
final class RegisterScript {
    static final Path SCRIPT = Path.of("docker", "register-connector.sh");

    /** Exit code and combined output of one run. */
    record Run(int exitCode, String output) {
        @Override
        public String toString() {
            return "register-connector.sh exited " + exitCode + ":\n" + output;
        }
    }

    private RegisterScript() {
    }

    /**
     * Runs the script with {@code env} added to this process's environment and gives up (killing it) after
     * {@code timeout}, which must exceed the script's own WAIT_SECONDS.
     */
    static Run run(Path configFile, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempFile("register-connector", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(List.of("bash", SCRIPT.toString(), configFile.toString()))
                        .redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
                pb.environment().putAll(env);
                Process process = pb.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("register-connector.sh did not finish within " + timeout + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while register-connector.sh ran", e);
        }
    }
}
