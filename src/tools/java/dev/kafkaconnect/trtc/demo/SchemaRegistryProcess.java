package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Apicurio Registry 2.6 (in-memory storage, Confluent-compatible API) run as a child JVM on free loopback
 * ports: the schema registry of the demo and of the integration tests. It serves plain HTTP and HTTPS (a
 * self-signed certificate for 127.0.0.1, trusted by {@link #trustStore()}). A restart keeps the ports and loses the
 * content (in-memory storage): schema ids start again from 1.
 *
 * <p>The registry jar comes from the system property {@value #JAR_PROPERTY} (set by the build) or else
 * {@code target/apicurio/}; Maven unpacks it there in {@code package}.
 */
public final class SchemaRegistryProcess implements AutoCloseable {
    public static final String JAR_PROPERTY = "apicurio.registry.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path jar;
    private final Path workDir;
    private final int httpPort;
    private final int httpsPort;
    private final String storePassword = UUID.randomUUID().toString();
    private final Path keyStore;
    private final Path trustStore;
    private final Thread shutdownHook = new Thread(this::stop, "apicurio-registry-stop");
    private Process process;
    private int starts;

    private SchemaRegistryProcess(Path jar) {
        this.jar = jar;
        try {
            this.httpPort = freeLoopbackPort();
            this.httpsPort = freeLoopbackPort();
            Path base = jar.getParent().getParent().resolve("apicurio-runs");
            Files.createDirectories(base);
            this.workDir = Files.createTempDirectory(base, "registry-" + httpPort + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.keyStore = workDir.resolve("registry-key.p12");
        this.trustStore = workDir.resolve("registry-trust.p12");
        createTlsStores();
        // Its own hook rather than ProcessSupervisor: ITs share one registry for the whole JVM, which must not count
        // as a child left running by a test.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A registry from the given jar, started; the caller closes it. */
    public static SchemaRegistryProcess start(Path jar) {
        SchemaRegistryProcess registry = new SchemaRegistryProcess(jar);
        registry.start();
        return registry;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The Confluent-compatible API: what {@code schema.registry.url} points at. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** Apicurio's native v2 API (for Apicurio's own serdes and converters). */
    public String nativeUrl() {
        return baseUrl() + "/apis/registry/v2";
    }

    /** The Confluent-compatible API over TLS; trust {@link #trustStore()} to reach it. */
    public String httpsCcompatUrl() {
        return "https://127.0.0.1:" + httpsPort + "/apis/ccompat/v7";
    }

    /** PKCS12 trust store holding the registry's self-signed certificate. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return storePassword;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the registry (again, on the same ports) and waits until its API answers. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path log = workDir.resolve("registry-" + (++starts) + ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary("java"),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.http.ssl-port=" + httpsPort,
                "-Dquarkus.http.ssl.certificate.key-store-file=" + keyStore,
                "-Dquarkus.http.ssl.certificate.key-store-password=" + storePassword,
                "-Dquarkus.log.level=WARN",
                "-jar", jar.toString()));
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Apicurio registry " + jar, e);
        }
        awaitReady(log);
    }

    /** Stops the registry process and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Already running the hooks: nothing to remove.
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio registry exited with " + process.exitValue()
                        + " before becoming ready; log " + log + ":\n" + tail(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
        }
        stop();
        throw new IllegalStateException("Apicurio registry not ready at " + ccompatUrl() + " within " + READY_TIMEOUT
                + "; log " + log + ":\n" + tail(log));
    }

    /** A key pair for 127.0.0.1 made by keytool (the JDK has no public API for certificates), and its trust store. */
    private void createTlsStores() {
        run(javaBinary("keytool"), "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "7",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", storePassword, "-keypass", storePassword);
        try (InputStream in = Files.newInputStream(keyStore); OutputStream out = Files.newOutputStream(trustStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, storePassword.toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("registry", keys.getCertificate("registry"));
            trust.store(out, storePassword.toCharArray());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the registry trust store", e);
        }
    }

    private void run(String... command) {
        try {
            Process tool = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("keytool.log").toFile()).start();
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException("keytool failed: " + tail(workDir.resolve("keytool.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool", e);
        }
    }

    /** The registry jar, if the build has unpacked it; see {@link #locateJar()}. */
    public static Optional<Path> findJar() {
        try {
            return Optional.of(locateJar());
        } catch (IllegalStateException notBuilt) {
            return Optional.empty();
        }
    }

    /** The registry jar from {@value #JAR_PROPERTY}, else from {@code target/apicurio}; fails naming both. */
    public static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null) {
            Path jar = Path.of(configured);
            if (Files.isRegularFile(jar)) {
                return jar.toAbsolutePath();
            }
            throw new IllegalStateException(JAR_PROPERTY + "=" + configured
                    + " does not exist: run mvn package, which unpacks the registry");
        }
        Path dir = Path.of("target", "apicurio");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "apicurio-registry-app-*-runner.jar")) {
                for (Path jar : jars) {
                    return jar.toAbsolutePath();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No Apicurio registry jar: set -D" + JAR_PROPERTY + " or run mvn package"
                + " (it unpacks the registry into target/apicurio; -Dapicurio.skip=true leaves it out)");
    }

    private static String javaBinary(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "SchemaRegistryProcess[" + ccompatUrl() + "]";
    }
}
