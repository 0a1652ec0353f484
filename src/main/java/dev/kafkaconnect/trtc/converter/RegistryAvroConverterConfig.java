package dev.kafkaconnect.trtc.converter;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of {@link RegistryAvroConverter}; key names follow Confluent's converter where one exists. */
public final class RegistryAvroConverterConfig extends AbstractConfig {
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String SCHEMAS_CACHE_SIZE = "schemas.cache.config";

    public static final String SOURCE_USER_INFO = "USER_INFO";
    public static final String SOURCE_URL = "URL";

    private static final String GROUP_REGISTRY = "Schema registry";
    private static final String GROUP_SECURITY = "Security";
    private static final String GROUP_CLIENT = "Client";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, RegistryAvroConverterConfig::validateUrls,
                    Importance.HIGH, "Base URL of the Confluent-API schema registry, e.g. http://registry:8081 (for"
                            + " Apicurio: http://host:8080/apis/ccompat/v7). Several comma-separated URLs of one"
                            + " registry cluster are tried in turn when one is unreachable.",
                    GROUP_REGISTRY, 1, ConfigDef.Width.LONG, "Schema registry URL")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Register the schema of each record under its subject when it is new. When false, the schema must"
                            + " already be registered (it is looked up) or, with " + USE_LATEST_VERSION
                            + "=true, records are written with the subject's latest schema.",
                    GROUP_REGISTRY, 2, ConfigDef.Width.SHORT, "Auto-register schemas")
            .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Write records with the subject's latest registered schema instead of the schema derived from"
                            + " the record (fields are matched by name; missing ones take the schema's default)."
                            + " Requires " + AUTO_REGISTER_SCHEMAS + "=false.",
                    GROUP_REGISTRY, 3, ConfigDef.Width.SHORT, "Use latest version")
            .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy",
                    RegistryAvroConverterConfig::validateStrategy, Importance.MEDIUM,
                    "Subject naming for record keys: TopicNameStrategy (<topic>-key), RecordNameStrategy (record full"
                            + " name) or TopicRecordNameStrategy (<topic>-<record full name>). Confluent's class names"
                            + " (io.confluent.kafka.serializers.subject.*) are accepted.",
                    GROUP_REGISTRY, 4, ConfigDef.Width.MEDIUM, "Key subject name strategy")
            .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, "TopicNameStrategy",
                    RegistryAvroConverterConfig::validateStrategy, Importance.MEDIUM,
                    "Subject naming for record values: TopicNameStrategy (<topic>-value), RecordNameStrategy (record"
                            + " full name) or TopicRecordNameStrategy (<topic>-<record full name>). Confluent's class"
                            + " names are accepted.",
                    GROUP_REGISTRY, 5, ConfigDef.Width.MEDIUM, "Value subject name strategy")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, SOURCE_USER_INFO,
                    ValidString.in(SOURCE_USER_INFO, SOURCE_URL), Importance.MEDIUM,
                    "Where HTTP basic credentials come from: USER_INFO (" + BASIC_AUTH_USER_INFO + ") or URL (the"
                            + " user:password@ part of " + SCHEMA_REGISTRY_URL + ").",
                    GROUP_SECURITY, 1, ConfigDef.Width.SHORT, "Basic auth credentials source")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "HTTP basic credentials as user:password, used when " + BASIC_AUTH_CREDENTIALS_SOURCE
                            + "=USER_INFO. Use a config provider (${file:...}) rather than the plain value.",
                    GROUP_SECURITY, 2, ConfigDef.Width.MEDIUM, "Basic auth user info")
            .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "Static bearer token sent as 'Authorization: Bearer <token>'. Exclusive with basic credentials.",
                    GROUP_SECURITY, 3, ConfigDef.Width.MEDIUM, "Bearer token")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Trust store for https registry URLs. When empty, the JVM's default trust store is used."
                            + " Certificates are always verified.",
                    GROUP_SECURITY, 4, ConfigDef.Width.LONG, "TLS trust store")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                    "Password of the trust store, if it has one.",
                    GROUP_SECURITY, 5, ConfigDef.Width.MEDIUM, "TLS trust store password")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "JKS", ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
                    Importance.LOW, "Format of the trust store file: JKS or PKCS12.",
                    GROUP_SECURITY, 6, ConfigDef.Width.SHORT, "TLS trust store type")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                    "Timeout for connecting to the registry, in milliseconds.",
                    GROUP_CLIENT, 1, ConfigDef.Width.SHORT, "Connect timeout (ms)")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 30_000, Range.atLeast(1), Importance.LOW,
                    "Timeout for the registry's answer, in milliseconds.",
                    GROUP_CLIENT, 2, ConfigDef.Width.SHORT, "Read timeout (ms)")
            .define(MAX_RETRIES, Type.INT, 3, Range.between(0, 100), Importance.LOW,
                    "Retries of a registry call after a network failure, timeout, HTTP 408/429 or 5xx. When they are"
                            + " spent the converter throws a RetriableException (see the worker's errors.retry.*"
                            + " settings).",
                    GROUP_CLIENT, 3, ConfigDef.Width.SHORT, "Max retries")
            .define(RETRIES_WAIT_MS, Type.LONG, 200L, Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry, in milliseconds; doubles with each further retry.",
                    GROUP_CLIENT, 4, ConfigDef.Width.SHORT, "Retry wait (ms)")
            .define(RETRIES_MAX_WAIT_MS, Type.LONG, 5_000L, Range.atLeast(0), Importance.LOW,
                    "Upper bound of the wait between retries, in milliseconds.",
                    GROUP_CLIENT, 5, ConfigDef.Width.SHORT, "Retry max wait (ms)")
            .define(SCHEMAS_CACHE_SIZE, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
                    "How many schemas each cache keeps (Connect to Avro translations, registered ids, schemas by"
                            + " id), least recently used first out.",
                    GROUP_CLIENT, 6, ConfigDef.Width.SHORT, "Schema cache size");

    public RegistryAvroConverterConfig(Map<String, ?> originals) {
        // Not logged by AbstractConfig: the registry URL may carry credentials. The converter logs a redacted summary.
        super(CONFIG_DEF, originals, false);
        if (autoRegisterSchemas() && useLatestVersion()) {
            throw new ConfigException(USE_LATEST_VERSION + "=true requires " + AUTO_REGISTER_SCHEMAS
                    + "=false: a record is written either with its own schema (registered) or with the subject's"
                    + " latest schema");
        }
        boolean basic = basicAuthUserInfo() != null || SOURCE_URL.equals(basicAuthCredentialsSource());
        if (basic && bearerAuthToken() != null) {
            throw new ConfigException("Set either basic credentials (" + BASIC_AUTH_USER_INFO + "/"
                    + BASIC_AUTH_CREDENTIALS_SOURCE + "=URL) or " + BEARER_AUTH_TOKEN + ", not both");
        }
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        if (userInfo != null && userInfo.value().indexOf(':') < 1) {
            throw new ConfigException(BASIC_AUTH_USER_INFO + " must have the form user:password (value not shown)");
        }
        if (getPassword(SSL_TRUSTSTORE_PASSWORD) != null && trustStoreLocation() == null) {
            throw new ConfigException(SSL_TRUSTSTORE_PASSWORD + " is set but " + SSL_TRUSTSTORE_LOCATION + " is not");
        }
    }

    public List<String> registryUrls() {
        return getList(SCHEMA_REGISTRY_URL);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategy.parse(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY));
    }

    public String basicAuthCredentialsSource() {
        return getString(BASIC_AUTH_CREDENTIALS_SOURCE);
    }

    /** {@code user:password}, or null. */
    public String basicAuthUserInfo() {
        Password password = getPassword(BASIC_AUTH_USER_INFO);
        return password == null || password.value().isEmpty() ? null : password.value();
    }

    public String bearerAuthToken() {
        Password token = getPassword(BEARER_AUTH_TOKEN);
        return token == null || token.value().isEmpty() ? null : token.value();
    }

    public String trustStoreLocation() {
        String location = getString(SSL_TRUSTSTORE_LOCATION);
        return location == null || location.isBlank() ? null : location;
    }

    public char[] trustStorePassword() {
        Password password = getPassword(SSL_TRUSTSTORE_PASSWORD);
        return password == null ? null : password.value().toCharArray();
    }

    public String trustStoreType() {
        return getString(SSL_TRUSTSTORE_TYPE).toUpperCase(Locale.ROOT);
    }

    public int connectTimeoutMs() {
        return getInt(HTTP_CONNECT_TIMEOUT_MS);
    }

    public int readTimeoutMs() {
        return getInt(HTTP_READ_TIMEOUT_MS);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public long retriesWaitMs() {
        return getLong(RETRIES_WAIT_MS);
    }

    public long retriesMaxWaitMs() {
        return getLong(RETRIES_MAX_WAIT_MS);
    }

    public int schemasCacheSize() {
        return getInt(SCHEMAS_CACHE_SIZE);
    }

    private static void validateUrls(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> urls = (List<String>) value;
        if (urls == null || urls.isEmpty()) {
            throw new ConfigException(name, "", "at least one schema registry URL is required");
        }
        for (String url : urls) {
            String scheme;
            try {
                URI uri = new URI(url.trim());
                scheme = uri.getScheme();
                if (uri.getHost() == null) {
                    throw new ConfigException(name + " entry '" + RegistryUrls.redact(url)
                            + "' has no host: expected http(s)://host:port[/path]");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(name + " entry '" + RegistryUrls.redact(url) + "' is not a valid URL: "
                        + e.getReason());
            }
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                throw new ConfigException(name + " entry '" + RegistryUrls.redact(url)
                        + "' must start with http:// or https://");
            }
        }
    }

    private static void validateStrategy(String name, Object value) {
        try {
            SubjectNameStrategy.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
