package dev.kafkaconnect.trtc.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log4j2 configuration of a child JVM: warnings and errors from Kafka, everything the connector logs at INFO.
 * Kept quiet so logs of long runs stay small and the tail shown on a failure is the part that matters.
 */
final class ChildLogging {
    static final String CONNECTOR_PACKAGE = "dev.kafkaconnect.trtc";

    private ChildLogging() {
    }

    /** Writes {@code log4j2.xml} into {@code dir} and returns its path. */
    static Path writeConfig(Path dir) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="stdout" target="SYSTEM_OUT">
                      <PatternLayout pattern="[%d] %p [%t] %m (%c)%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="CONNECTOR_PACKAGE" level="INFO"/>
                    <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                    <Logger name="org.apache.kafka.connect.runtime.Connect" level="INFO"/>
                    <Root level="WARN">
                      <AppenderRef ref="stdout"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """.replace("CONNECTOR_PACKAGE", CONNECTOR_PACKAGE);
        Path file = dir.resolve("log4j2.xml");
        try {
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }
}
