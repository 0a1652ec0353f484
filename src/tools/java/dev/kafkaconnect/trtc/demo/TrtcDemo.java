package dev.kafkaconnect.trtc.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.kafkaconnect.trtc.simulator.SimulatedCall;
import dev.kafkaconnect.trtc.simulator.TrtcSimulator;

/**
 * The demo: simulator (or the real API), Kafka broker, Connect worker and schema registry (separate JVMs, the
 * plugin loaded from {@code target/plugin}), the connector created from {@code config/trtc-source.json} through
 * the REST API, and a live view of what arrives. Run it with {@code mvn -B -ntp -Pdemo verify}; options in
 * {@link DemoOptions#USAGE}.
 */
public final class TrtcDemo {
    private static final Duration SCREEN_EVERY = Duration.ofSeconds(2);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    private static final String CLEAR = "\033[H\033[2J";
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DemoOptions options;
    private final PrintStream out;
    private final boolean screen;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /** {@code screen}: redraw one screen in place (ANSI), else print plain lines. */
    public TrtcDemo(DemoOptions options, PrintStream out, boolean screen) {
        this.options = options;
        this.out = out;
        this.screen = screen;
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        boolean terminal = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        TrtcDemo demo = new TrtcDemo(options, System.out, terminal && !options.plain());
        try {
            demo.run();
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("Demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs until the duration ends, every call is read ({@code --until-done}) or the JVM is stopped. */
    public DemoSummary run() {
        Path plugins = Path.of(System.getProperty("trtc.plugin.path", "target/plugin"));
        Path example = Path.of(System.getProperty("trtc.connector.config", "config/trtc-source.json"));
        Instant started = Instant.now();
        // The registry starts beside the broker and worker: it is the slowest to come up.
        java.util.concurrent.CompletableFuture<SchemaRegistryProcess> registryStart =
                java.util.concurrent.CompletableFuture.supplyAsync(this::startRegistry);
        SchemaRegistryProcess registry = null;
        DemoSession session = null;
        SampleWatcher watcher = null;
        Thread hook = null;
        try {
            out.println("Starting " + (options.realApi().isPresent() ? "" : "the TRTC simulator, ")
                    + "a Kafka broker and a Connect worker...");
            try {
                session = DemoSession.start(KafkaClasspath.fromBuild(), plugins, example, options, () -> {
                    SchemaRegistryProcess r = registryStart.join();
                    return r == null ? null : r.ccompatUrl();
                });
            } finally {
                registry = registryStart.join();
            }
            QualityBoard board = new QualityBoard();
            watcher = new SampleWatcher(session.stack().clientProperties(),
                    SampleWatcher.converterFor(session.registryUrl()), session.samplesTopic(),
                    session.experiencesTopic(), session.userEventsTopic(), board);
            watcher.start();
            hook = stopOnSignal(session, watcher, registry);
            printStarted(session, registry, Duration.between(started, Instant.now()));
            loop(session, watcher, board, started);
            DemoSummary summary = DemoSummary.of(session, watcher, board);
            summary.lines().forEach(out::println);
            return summary;
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running and stops everything itself.
                    return null;
                }
            }
            stopAll(session, watcher, registry);
        }
    }

    private void loop(DemoSession session, SampleWatcher watcher, QualityBoard board, Instant started) {
        Instant deadline = options.duration().map(Instant.now()::plus).orElse(Instant.MAX);
        Duration every = screen ? SCREEN_EVERY : PLAIN_EVERY;
        Instant firstRecords = null;
        while (Instant.now().isBefore(deadline)) {
            Progress progress = Progress.read(session);
            if (firstRecords == null && progress.records() > 0) {
                firstRecords = Instant.now();
                if (!screen) {
                    out.println("First records " + Duration.between(started, firstRecords).toSeconds()
                            + " s after start");
                }
            }
            render(session, watcher, board, progress, firstRecords == null ? null
                    : Duration.between(started, firstRecords));
            if (options.untilDone() && progress.finished() == progress.total()) {
                out.println("Every call has been read.");
                return;
            }
            Instant next = Instant.now().plus(every);
            long wait = Math.max(1, Duration.between(Instant.now(), next.isBefore(deadline) ? next : deadline)
                    .toMillis());
            try {
                if (stopRequested.await(wait, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void render(DemoSession session, SampleWatcher watcher, QualityBoard board, Progress progress,
                        Duration toFirstRecords) {
        List<String> lines = new ArrayList<>();
        String now = LocalTime.now().format(TIME);
        lines.add(now + "  " + progress.line());
        session.simulatorIfAny().ifPresent(sim -> lines.add("          API requests " + sim.stats().requests()
                + ", throttled " + sim.stats().throttled()));
        lines.add("          samples read " + watcher.distinctSamples() + " (duplicates " + watcher.duplicates()
                + ")" + (toFirstRecords == null ? "" : ", first records after " + toFirstRecords.toSeconds() + " s"));
        if (watcher.lastError() != null) {
            lines.add("          " + watcher.lastError());
        }
        lines.addAll(session.freshnessLines());
        if (screen) {
            List<String> live = session.simulatorIfAny().map(TrtcDemo::liveCalls).orElse(List.of());
            lines.add("");
            lines.add(live.isEmpty() ? "Latest quality per user (! = bad: loss > 10 %, fps < 10, audio block > 0)"
                    : "Live calls, latest quality per user (! = bad: loss > 10 %, fps < 10, audio block > 0)");
            lines.addAll(board.lines(live, 30));
            lines.add("");
            lines.add("Ctrl-C stops everything" + options.duration().map(d -> "; ends by itself after "
                    + d.toSeconds() + " s").orElse(""));
            out.print(CLEAR + String.join("\n", lines) + "\n");
        } else {
            lines.forEach(out::println);
        }
        out.flush();
    }

    private static List<String> liveCalls(TrtcSimulator sim) {
        long now = sim.clock().nowSeconds();
        return sim.calls().stream().filter(c -> c.isLive(now)).map(SimulatedCall::commId).toList();
    }

    private SchemaRegistryProcess startRegistry() {
        if (options.json()) {
            out.println("JSON converter (--json).");
            return null;
        }
        var jar = SchemaRegistryProcess.findJar();
        if (jar.isEmpty()) {
            out.println("Schema registry not available (no Apicurio jar in target/apicurio; built with"
                    + " -Dapicurio.skip=true?): using the JSON converter.");
            return null;
        }
        out.println("Starting the schema registry (Apicurio, in memory)...");
        try {
            return SchemaRegistryProcess.start(jar.get());
        } catch (RuntimeException e) {
            out.println("Schema registry cannot run here (" + firstLine(e.getMessage())
                    + "): using the JSON converter.");
            return null;
        }
    }

    private Thread stopOnSignal(DemoSession session, SampleWatcher watcher, SchemaRegistryProcess registry) {
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            out.println("\nStopping...");
            stopAll(session, watcher, registry);
        }, "trtc-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static void stopAll(DemoSession session, SampleWatcher watcher, SchemaRegistryProcess registry) {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } finally {
            try {
                if (session != null) {
                    session.close();
                }
            } finally {
                if (registry != null) {
                    registry.close();
                }
            }
        }
    }

    private void printStarted(DemoSession session, SchemaRegistryProcess registry, Duration startup) {
        session.simulatorIfAny().ifPresentOrElse(sim -> out.println("Simulator:    " + sim.endpoint() + " ("
                + sim.calls().size() + " calls)"), () -> out.println("TRTC API:     the real Tencent Cloud API"));
        out.println("Kafka:        " + session.stack().bootstrapServers());
        out.println("Connect REST: " + session.stack().rest().baseUrl());
        out.println("Registry:     " + (registry == null ? "none (JSON converter)" : registry.ccompatUrl()));
        out.println("Connector:    " + session.connectorName() + " (status: curl "
                + session.stack().rest().baseUrl() + "/connectors/" + session.connectorName() + "/status)");
        out.println("Logs:         " + session.stack().worker().logFile() + ", "
                + session.stack().broker().logFile());
        out.println("Started in " + startup.toSeconds() + " s.");
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Connector state and topic counts from the worker's REST API and the broker. */
    private record Progress(String line, long records, int finished, int total) {
        static Progress read(DemoSession session) {
            try {
                ConnectorStatus status = session.status();
                int done = session.finishedCalls().size();
                int total = session.simulatorIfAny().map(s -> s.calls().size())
                        .orElse(session.connectorConfig().get("trtc.comm.ids").split(",").length);
                StringBuilder line = new StringBuilder("connector ").append(status.state()).append(", tasks ")
                        .append(status.tasks().stream().map(ConnectorStatus.TaskStatus::state).toList())
                        .append(", calls read to their end ").append(done).append('/').append(total);
                long records = 0;
                for (var e : session.topicRecordCounts().entrySet()) {
                    line.append(", ").append(e.getKey()).append(": ").append(e.getValue());
                    records += e.getValue();
                }
                status.firstFailedTask().ifPresent(t -> line.append("\nTask ").append(t.id()).append(" FAILED: ")
                        .append(firstLine(t.trace())));
                return new Progress(line.toString(), records, done, total);
            } catch (RuntimeException e) {
                return new Progress("(progress unavailable: " + firstLine(e.getMessage()) + ")", 0, -1, 0);
            }
        }
    }
}
