package dev.kafkaconnect.trtc.converter;

import java.util.List;

/** A registry client that forwards every call; tests override the calls whose answers they change. */
class DelegatingRegistry implements SchemaRegistryClient {
    final InMemorySchemaRegistry delegate;

    DelegatingRegistry(InMemorySchemaRegistry delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, String schema) {
        return delegate.register(subject, schema);
    }

    @Override
    public int lookup(String subject, String schema) {
        return delegate.lookup(subject, schema);
    }

    @Override
    public RegisteredSchema schemaById(int id) {
        return delegate.schemaById(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return delegate.latest(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return delegate.version(subject, version);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, String schema) {
        return delegate.testCompatibility(subject, schema);
    }

    @Override
    public void setCompatibility(String subject, String level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
