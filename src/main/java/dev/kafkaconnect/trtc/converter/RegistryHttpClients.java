package dev.kafkaconnect.trtc.converter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.config.ConfigException;

/** Builds the HTTP client for a registry: timeouts and TLS trust (the JVM's, or a configured trust store). */
final class RegistryHttpClients {
    private RegistryHttpClients() {
    }

    static OkHttpClient create(RegistryAvroConverterConfig config) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .readTimeout(Duration.ofMillis(config.readTimeoutMs()))
                .writeTimeout(Duration.ofMillis(config.readTimeoutMs()))
                // Retries are ours: bounded, with backoff, and failing over between the configured URLs.
                .retryOnConnectionFailure(false);
        if (config.trustStoreLocation() != null) {
            X509TrustManager trustManager = trustManager(config.trustStoreLocation(), config.trustStoreType(),
                    config.trustStorePassword());
            builder.sslSocketFactory(sslContext(trustManager).getSocketFactory(), trustManager);
        }
        return builder.build();
    }

    private static X509TrustManager trustManager(String location, String type, char[] password) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance)
                    .map(X509TrustManager.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("No X.509 trust manager for the trust store "
                            + RegistryAvroConverterConfig.SSL_TRUSTSTORE_LOCATION + "=" + location));
        } catch (NoSuchFileException e) {
            throw new ConfigException(RegistryAvroConverterConfig.SSL_TRUSTSTORE_LOCATION, location,
                    "trust store file not found");
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException whose cause is an UnrecoverableKeyException.
            throw new ConfigException("Cannot read the trust store " + RegistryAvroConverterConfig.SSL_TRUSTSTORE_LOCATION
                    + "=" + location + " as " + RegistryAvroConverterConfig.SSL_TRUSTSTORE_TYPE + "=" + type
                    + " (wrong type, or wrong " + RegistryAvroConverterConfig.SSL_TRUSTSTORE_PASSWORD + "?): "
                    + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot load the trust store " + RegistryAvroConverterConfig.SSL_TRUSTSTORE_LOCATION
                    + "=" + location + ": " + e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static SSLContext sslContext(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("Cannot set up TLS for the schema registry: " + e.getMessage());
        }
    }
}
