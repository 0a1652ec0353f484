package dev.kafkaconnect.trtc.connector;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin version, from a properties file Maven fills in at build time. */
public final class Version {
    private static final String RESOURCE = "/kafka-connect-trtc-version.properties";
    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown").trim();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
