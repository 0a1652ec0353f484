package dev.kafkaconnect.trtc.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services of {@code docker/docker-compose.yml}, read by indentation: the file keeps to block style with two-space
 * steps (a YAML library is not on the test classpath). Each service maps its keys to their scalar value, or to the
 * items of a block list ({@code - item}) or a flow list ({@code [a, b]}) joined by newlines. Nested maps (environment,
 * healthcheck) are kept as their {@code key: value} lines.
 */
final class ComposeFile {
    static final Path PATH = Path.of("docker", "docker-compose.yml");

    private static final Pattern SERVICE = Pattern.compile("^ {2}([A-Za-z0-9_.-]+):\\s*$");
    private static final Pattern KEY = Pattern.compile("^ {4}([A-Za-z0-9_.-]+):\\s*(.*)$");

    private final Map<String, Map<String, String>> services;
    private final List<String> topLevelKeys;

    private ComposeFile(Map<String, Map<String, String>> services, List<String> topLevelKeys) {
        this.services = services;
        this.topLevelKeys = topLevelKeys;
    }

    static ComposeFile read() {
        try {
            return parse(Files.readAllLines(PATH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ComposeFile parse(List<String> lines) {
        Map<String, Map<String, String>> services = new LinkedHashMap<>();
        List<String> topLevel = new ArrayList<>();
        boolean inServices = false;
        Map<String, String> service = null;
        String key = null;
        StringBuilder openFlow = null;
        for (String raw : lines) {
            String line = stripComment(raw);
            if (line.isBlank()) {
                continue;
            }
            if (openFlow != null) {
                // A flow list continued on the next lines: [a, b,\n c]
                openFlow.append(' ').append(line.trim());
                if (line.trim().endsWith("]")) {
                    service.put(key, flow(openFlow.toString()));
                    openFlow = null;
                }
                continue;
            }
            if (!line.startsWith(" ")) {
                String name = line.substring(0, line.indexOf(':') < 0 ? line.length() : line.indexOf(':'));
                topLevel.add(name);
                inServices = name.equals("services");
                service = null;
                continue;
            }
            if (!inServices) {
                continue;
            }
            Matcher s = SERVICE.matcher(line);
            if (s.matches()) {
                service = new LinkedHashMap<>();
                services.put(s.group(1), service);
                key = null;
                continue;
            }
            if (service == null) {
                throw new IllegalArgumentException("unexpected line in services: " + raw);
            }
            Matcher k = KEY.matcher(line);
            if (k.matches()) {
                key = k.group(1);
                String value = k.group(2).trim();
                if (value.startsWith("[") && !value.endsWith("]")) {
                    openFlow = new StringBuilder(value);
                } else {
                    service.put(key, flow(unquote(value)));
                }
            } else if (key != null) {
                String item = line.trim();
                item = item.startsWith("- ") ? unquote(item.substring(2).trim()) : item;
                String before = service.get(key);
                service.put(key, before.isEmpty() ? item : before + "\n" + item);
            }
        }
        if (openFlow != null) {
            throw new IllegalArgumentException("unterminated flow list of '" + key + "'");
        }
        return new ComposeFile(services, topLevel);
    }

    Map<String, Map<String, String>> services() {
        return services;
    }

    Map<String, String> service(String name) {
        Map<String, String> s = services.get(name);
        if (s == null) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'; it has " + services.keySet());
        }
        return s;
    }

    List<String> topLevelKeys() {
        return topLevelKeys;
    }

    /** The host path mounted at {@code target} in a service, or null. */
    String mountSource(String serviceName, String target) {
        for (String volume : service(serviceName).getOrDefault("volumes", "").split("\n")) {
            String[] parts = volume.split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                return parts[0];
            }
        }
        return null;
    }

    private static String flow(String value) {
        if (value.startsWith("[") && value.endsWith("]")) {
            List<String> items = new ArrayList<>();
            for (String item : value.substring(1, value.length() - 1).split(",")) {
                items.add(unquote(item.trim()));
            }
            return String.join("\n", items);
        }
        return value;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String stripComment(String line) {
        String trimmed = line.stripLeading();
        return trimmed.startsWith("#") ? "" : line.replaceFirst("\\s+#\\s.*$", "");
    }
}
