package dev.kafkaconnect.trtc.converter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry in memory for unit tests only (the ITs use a real registry): ids by schema text, versions per subject,
 * BACKWARD checking with Avro's own rules, a call counter, and a switch that makes it unreachable.
 */
final class InMemorySchemaRegistry implements SchemaRegistryClient {
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, String> compatibility = new HashMap<>();
    private final Map<Integer, List<SchemaReference>> referencesById = new HashMap<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;

    @Override
    public synchronized int register(String subject, String schema) {
        call();
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idsBySchema.get(schema);
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        if ("BACKWARD".equals(compatibility.get(subject)) && !versions.isEmpty()) {
            CompatibilityResult result = check(subject, schema);
            if (!result.compatible()) {
                throw new SchemaRegistryException(SchemaRegistryException.Kind.INCOMPATIBLE, 409, 409,
                        "incompatible with subject '" + subject + "': " + result.messages(), null);
            }
        }
        int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 1);
        schemasById.put(id, schema);
        versions.add(id);
        return id;
    }

    /** A schema registered by some other producer, outside any converter. */
    synchronized int registerForeign(String subject, String schema) {
        int before = calls.get();
        int id = register(subject, schema);
        calls.set(before);
        return id;
    }

    /** A schema that imports named types registered under other subjects, as another producer may register it. */
    synchronized int registerForeignWithReferences(String subject, String schema, List<SchemaReference> references) {
        int before = calls.get();
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        int id = idsBySchema.computeIfAbsent(schema, s -> idsBySchema.size() + 1);
        schemasById.put(id, schema);
        referencesById.put(id, List.copyOf(references));
        versions.add(id);
        calls.set(before);
        return id;
    }

    @Override
    public synchronized int lookup(String subject, String schema) {
        call();
        Integer id = idsBySchema.get(schema);
        if (id == null || !versionsBySubject.getOrDefault(subject, List.of()).contains(id)) {
            throw notFound("schema not registered under subject '" + subject + "'");
        }
        return id;
    }

    @Override
    public synchronized RegisteredSchema schemaById(int id) {
        call();
        String schema = schemasById.get(id);
        if (schema == null) {
            throw notFound("schema id " + id + " not found");
        }
        return new RegisteredSchema(id, null, 0, "AVRO", schema, referencesById.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        call();
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw notFound("subject '" + subject + "' not found");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(id, subject, versions.size(), "AVRO", schemasById.get(id), List.of());
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        call();
        int id = versionsBySubject.get(subject).get(version - 1);
        return new RegisteredSchema(id, subject, version, "AVRO", schemasById.get(id), List.of());
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, String schema) {
        call();
        return check(subject, schema);
    }

    private CompatibilityResult check(String subject, String schema) {
        List<Integer> versions = versionsBySubject.get(subject);
        Schema latest = new Schema.Parser().parse(schemasById.get(versions.get(versions.size() - 1)));
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(
                new Schema.Parser().parse(schema), latest);
        return new CompatibilityResult(
                result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                List.of(result.getDescription()));
    }

    @Override
    public synchronized void setCompatibility(String subject, String level) {
        call();
        compatibility.put(subject, level);
    }

    @Override
    public synchronized List<String> subjects() {
        call();
        return new ArrayList<>(versionsBySubject.keySet());
    }

    @Override
    public void close() {
    }

    private void call() {
        calls.incrementAndGet();
        if (down) {
            throw new SchemaRegistryException(SchemaRegistryException.Kind.UNAVAILABLE, 0, 0,
                    "Schema registry at http://in-memory/ is unreachable", null);
        }
    }

    private static SchemaRegistryException notFound(String message) {
        return new SchemaRegistryException(SchemaRegistryException.Kind.NOT_FOUND, 404, 40403, message, null);
    }
}
