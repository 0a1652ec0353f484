package dev.kafkaconnect.trtc.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link WorkerVsPerfTestHarness}'s {@code name=value} arguments; anything unknown fails the run. */
record BenchArgs(int calls, int hours, int snapshotHours, List<Boolean> eos, List<String> shapes,
                 List<String> compressions, int payloads, boolean jfr, Map<String, String> overrides, Map<String, String> connectorSettings) {

    static BenchArgs parse(String[] args) {
        Map<String, String> plain = new LinkedHashMap<>(Map.of("calls", "4", "hours", "2", "snapshotHours", "10",
                "eos", "off,on", "shapes", "sample,snapshot", "compression", "none,lz4,zstd", "payloads", "100000", "jfr", "false"));
        Map<String, String> overrides = new LinkedHashMap<>();
        Map<String, String> connector = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got '" + arg + "'");
            }
            String name = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            if (name.startsWith("override.")) {
                overrides.put(name.substring("override.".length()), value);
            } else if (name.startsWith("connector.")) {
                connector.put(name.substring("connector.".length()), value);
            } else if (plain.containsKey(name)) {
                plain.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown argument '" + name + "'; known: " + plain.keySet()
                        + ", override.<producer setting>, connector.<connector setting>");
            }
        }
        List<Boolean> eos = list(plain.get("eos")).stream().map(v -> switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("eos takes on and/or off, got '" + v + "'");
        }).toList();
        return new BenchArgs(Integer.parseInt(plain.get("calls")), Integer.parseInt(plain.get("hours")),
                Integer.parseInt(plain.get("snapshotHours")), eos,
                list(plain.get("shapes")), list(plain.get("compression")), Integer.parseInt(plain.get("payloads")),
                Boolean.parseBoolean(plain.get("jfr")), overrides, connector);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
