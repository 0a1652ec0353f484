package dev.kafkaconnect.trtc.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What varies between Connect workers in tests and the demo: plugin path, offset flush interval, exactly-once
 * support, converters and any further worker property, and the worker JVM's options, environment and Java
 * installation. Everything else is fixed by {@link ConnectWorkerProcess}.
 */
public final class WorkerSettings {
    public static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    private final Path pluginPath;
    private final String groupId;
    private final long offsetFlushIntervalMs;
    private final boolean exactlyOnce;
    private final Map<String, String> extra;
    private final List<String> jvmOptions;
    private final Map<String, String> environment;
    private final Path javaHome;

    private WorkerSettings(Builder b) {
        this.pluginPath = Objects.requireNonNull(b.pluginPath, "pluginPath");
        this.groupId = b.groupId;
        this.offsetFlushIntervalMs = b.offsetFlushIntervalMs;
        this.exactlyOnce = b.exactlyOnce;
        this.extra = Map.copyOf(b.extra);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.environment = Map.copyOf(b.environment);
        this.javaHome = b.javaHome;
    }

    /** Defaults: JSON converters with schemas, 1 s offset flush, exactly-once off. */
    public static Builder builder(Path pluginPath) {
        return new Builder(pluginPath);
    }

    public Path pluginPath() {
        return pluginPath;
    }

    public String groupId() {
        return groupId;
    }

    public long offsetFlushIntervalMs() {
        return offsetFlushIntervalMs;
    }

    public boolean exactlyOnce() {
        return exactlyOnce;
    }

    /** Worker properties set through the builder beyond the fixed ones, converters included. */
    public Map<String, String> extra() {
        return extra;
    }

    /** Extra options of the worker's JVM (e.g. remote JMX on loopback). */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Variables added to the worker process's environment (e.g. secrets read by the {@code env} provider). */
    public Map<String, String> environment() {
        return environment;
    }

    /** The Java installation the worker runs on; empty for the one running this JVM. */
    public Optional<Path> javaHome() {
        return Optional.ofNullable(javaHome);
    }

    /** Names only: values may be secrets. */
    @Override
    public String toString() {
        return "WorkerSettings{pluginPath=" + pluginPath + ", groupId=" + groupId + ", offsetFlushIntervalMs="
                + offsetFlushIntervalMs + ", exactlyOnce=" + exactlyOnce + ", properties=" + extra.keySet()
                + ", environment=" + environment.keySet() + javaHome().map(h -> ", javaHome=" + h).orElse("") + "}";
    }

    public static final class Builder {
        private final Path pluginPath;
        private String groupId = "trtc-connect";
        private long offsetFlushIntervalMs = 1000;
        private boolean exactlyOnce;
        private final Map<String, String> extra = new LinkedHashMap<>();
        private final List<String> jvmOptions = new java.util.ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path javaHome;

        private Builder(Path pluginPath) {
            this.pluginPath = pluginPath;
            keyConverter(JSON_CONVERTER);
            valueConverter(JSON_CONVERTER);
        }

        public Builder groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId);
            return this;
        }

        public Builder offsetFlushIntervalMs(long ms) {
            if (ms <= 0) {
                throw new IllegalArgumentException("offset.flush.interval.ms must be positive, was " + ms);
            }
            this.offsetFlushIntervalMs = ms;
            return this;
        }

        /** Sets {@code exactly.once.source.support=enabled}: source records and offsets commit in transactions. */
        public Builder exactlyOnce(boolean enabled) {
            this.exactlyOnce = enabled;
            return this;
        }

        public Builder keyConverter(String className) {
            extra.put("key.converter", className);
            return this;
        }

        public Builder valueConverter(String className) {
            extra.put("value.converter", className);
            return this;
        }

        /** A converter setting without its prefix, e.g. {@code ("value", "schema.registry.url", url)}. */
        public Builder converterProperty(String keyOrValue, String name, String value) {
            if (!keyOrValue.equals("key") && !keyOrValue.equals("value")) {
                throw new IllegalArgumentException("converter must be 'key' or 'value', was '" + keyOrValue + "'");
            }
            extra.put(keyOrValue + ".converter." + name, value);
            return this;
        }

        /** Any other worker property; overrides the fixed ones. */
        public Builder property(String name, String value) {
            extra.put(name, value);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * An environment variable of the worker process, e.g. a secret for {@code ${env:NAME}} references, which
         * the worker's {@code env} config provider resolves. Never written to the worker's properties file.
         */
        public Builder environment(String name, String value) {
            if (name == null || name.isBlank() || name.contains("=")) {
                throw new IllegalArgumentException("environment variable name must be non-empty without '=', was '"
                        + name + "'");
            }
            environment.put(name, Objects.requireNonNull(value, "value of environment variable " + name));
            return this;
        }

        /**
         * Runs the worker on the Java installed at {@code home} (its {@code bin/java}) instead of the one running
         * this JVM: users' workers may run a newer Java than the plugin is built for.
         */
        public Builder javaHome(Path home) {
            this.javaHome = Objects.requireNonNull(home, "javaHome");
            return this;
        }

        public WorkerSettings build() {
            return new WorkerSettings(this);
        }
    }
}
