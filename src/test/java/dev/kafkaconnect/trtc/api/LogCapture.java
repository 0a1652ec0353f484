package dev.kafkaconnect.trtc.api;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures everything logged while open, at every level: SLF4J (through Log4j 2) and java.util.logging (which
 * OkHttp uses), messages and full stack traces, so a test can assert that a secret appears nowhere.
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    /** One SLF4J/Log4j line with its level and log context (MDC). */
    public record Event(String level, String logger, String message, java.util.Map<String, String> context) {
    }
    private final LoggerContext context = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
    private final Appender appender = new Appender();
    private final Level previousLevel;
    /** Levels of the configured non-root loggers (a test log config may set some), restored on close. */
    private final java.util.Map<LoggerConfig, Level> previousLoggerLevels = new java.util.HashMap<>();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level previousJulLevel = julRoot.getLevel();
    private final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()), record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public LogCapture() {
        appender.start();
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        previousLevel = root.getLevel();
        root.addAppender(appender, Level.ALL, null);
        root.setLevel(Level.ALL);
        config.getLoggers().values().stream().filter(l -> l != root).forEach(l -> {
            previousLoggerLevels.put(l, l.getLevel());
            l.setLevel(Level.ALL);
        });
        context.updateLoggers();
        julRoot.setLevel(java.util.logging.Level.ALL);
        julHandler.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(julHandler);
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return lines.size();
    }

    private synchronized void add(String message, Throwable thrown) {
        lines.add(message);
        if (thrown != null) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            lines.add(trace.toString());
        }
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(previousLevel);
        previousLoggerLevels.forEach(LoggerConfig::setLevel);
        context.updateLoggers();
        appender.stop();
        julRoot.removeHandler(julHandler);
        julRoot.setLevel(previousJulLevel);
    }

    private final class Appender extends AbstractAppender {
        Appender() {
            super("capture-" + System.identityHashCode(LogCapture.this), null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            synchronized (LogCapture.this) {
                events.add(new Event(event.getLevel().name(), event.getLoggerName(),
                        event.getMessage().getFormattedMessage(), Map.copyOf(event.getContextData().toMap())));
            }
            add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage(), event.getThrown());
        }
    }
}
