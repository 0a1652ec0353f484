package dev.kafkaconnect.trtc.testing;

import java.nio.file.Path;

import dev.kafkaconnect.trtc.demo.SchemaRegistryProcess;

/**
 * The schema registry for ITs: a {@link SchemaRegistryProcess} (the demo's registry launcher), either shared by
 * every IT class of the test JVM ({@link #shared()}, stopped at JVM exit) or a test's own ({@link #startNew()},
 * closed by the test, e.g. to stop and restart it).
 */
public final class ApicurioRegistry implements AutoCloseable {
    public static final String JAR_PROPERTY = SchemaRegistryProcess.JAR_PROPERTY;

    private static ApicurioRegistry shared;

    private final SchemaRegistryProcess process;

    private ApicurioRegistry(SchemaRegistryProcess process) {
        this.process = process;
    }

    /** The registry shared by every IT class of this JVM, started on first use. */
    public static synchronized ApicurioRegistry shared() {
        if (shared == null) {
            shared = startNew();
        }
        return shared;
    }

    /** A registry of its own, started; the caller closes it. */
    public static ApicurioRegistry startNew() {
        return new ApicurioRegistry(SchemaRegistryProcess.start(SchemaRegistryProcess.locateJar()));
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    public String ccompatUrl() {
        return process.ccompatUrl();
    }

    public String nativeUrl() {
        return process.nativeUrl();
    }

    public String httpsCcompatUrl() {
        return process.httpsCcompatUrl();
    }

    public Path trustStore() {
        return process.trustStore();
    }

    public String trustStorePassword() {
        return process.trustStorePassword();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    public void start() {
        process.start();
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return "ApicurioRegistry[" + ccompatUrl() + "]";
    }
}
