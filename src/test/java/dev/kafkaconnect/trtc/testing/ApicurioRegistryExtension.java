package dev.kafkaconnect.trtc.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the JVM's shared {@link ApicurioRegistry}: {@code @ExtendWith(ApicurioRegistryExtension.class)}
 * starts it before the class (once per JVM) and injects it into test, lifecycle method and constructor parameters of
 * type {@link ApicurioRegistry}.
 */
public final class ApicurioRegistryExtension implements BeforeAllCallback, ParameterResolver {
    @Override
    public void beforeAll(ExtensionContext context) {
        ApicurioRegistry.shared();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ApicurioRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return ApicurioRegistry.shared();
    }
}
