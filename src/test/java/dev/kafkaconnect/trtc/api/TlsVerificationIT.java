package dev.kafkaconnect.trtc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates are verified: a self-signed server is refused, as a setup error that is not retried. */
class TlsVerificationIT {

    @Test
    void selfSignedCertificateIsRefusedAndNotRetried(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        AtomicInteger answered = new AtomicInteger();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", e -> {
            answered.incrementAndGet();
            e.sendResponseHeaders(500, -1);
            e.close();
        });
        server.start();
        try (TrtcApiClient client = new TrtcApiClient(TrtcClientConfig.builder()
                .endpoint("https://127.0.0.1:" + server.getAddress().getPort())
                .region("ap-guangzhou").credentials("AKIDtls", "tls-secret")
                .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(2), 5, Duration.ofSeconds(20)))
                .build())) {

            assertThatThrownBy(() -> client.roomListSync(ApiGeneration.SUCCESSOR,
                    new RoomListRequest(1, 1_700_000_000L, 1_700_000_600L, 0, 10)))
                    .isInstanceOfSatisfying(TrtcConfigurationException.class,
                            e -> assertThat(e.kind().retriable()).isFalse())
                    .hasMessageContaining("certificate")
                    .hasMessageContaining("trtc.endpoint");
            assertThat(answered).hasValue(0);
        } finally {
            server.stop(0);
        }
    }
}
