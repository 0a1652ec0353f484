package dev.kafkaconnect.trtc.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the connector end to end on this machine: simulator, Kafka broker, Connect worker (separate JVMs, the
 * plugin loaded from {@code target/plugin}), and the connector from {@code config/trtc-source.json}. Prints
 * progress until interrupted, or with {@code --until-done} until every finished call has been read.
 *
 * <pre>
 * mvn -B -ntp package -DskipTests
 * java -cp "$(cat target/kafka-classpath.txt):target/plugin/kafka-connect-trtc/*" \
 *     dev.kafkaconnect.trtc.demo.TrtcDemo [--calls 3] [--live-calls 1] [--seed 42] [--until-done]
 * </pre>
 */
public final class TrtcDemo {
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private TrtcDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        int calls = 3;
        int liveCalls = 1;
        long seed = 42;
        boolean untilDone = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(value(args, ++i, "--calls"));
                case "--live-calls" -> liveCalls = Integer.parseInt(value(args, ++i, "--live-calls"));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, "--seed"));
                case "--until-done" -> untilDone = true;
                default -> {
                    System.err.println("Unknown option " + args[i]
                            + "; options: --calls N, --live-calls N, --seed N, --until-done");
                    System.exit(2);
                }
            }
        }
        if (untilDone && liveCalls > 0) {
            System.err.println("--until-done waits for every call to finish: use it with --live-calls 0");
            System.exit(2);
        }
        Path plugins = Path.of(System.getProperty("trtc.plugin.path", "target/plugin"));
        Path example = Path.of(System.getProperty("trtc.connector.config", "config/trtc-source.json"));

        System.out.println("Starting the TRTC simulator, a Kafka broker and a Connect worker...");
        DemoSession session = DemoSession.start(KafkaClasspath.fromBuild(), plugins, example, calls, liveCalls,
                seed);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            stopped.countDown();
        }, "trtc-demo-stop"));
        printStarted(session);
        int total = session.simulator().calls().size();
        while (!stopped.await(REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
            int done = report(session, total);
            if (untilDone && done == total) {
                System.out.println("Every call has been read.");
                System.exit(0);
            }
        }
    }

    private static void printStarted(DemoSession session) {
        System.out.println("Simulator:    " + session.simulator().endpoint() + " ("
                + session.simulator().calls().size() + " calls)");
        System.out.println("Kafka:        " + session.stack().bootstrapServers());
        System.out.println("Connect REST: " + session.stack().rest().baseUrl());
        System.out.println("Connector:    " + session.connectorName() + " (status: curl "
                + session.stack().rest().baseUrl() + "/connectors/" + session.connectorName() + "/status)");
        System.out.println("Logs:         " + session.stack().worker().logFile() + ", "
                + session.stack().broker().logFile());
        System.out.println("Ctrl-C stops everything.");
    }

    private static int report(DemoSession session, int total) {
        try {
            ConnectorStatus status = session.status();
            int done = session.finishedCalls().size();
            StringBuilder line = new StringBuilder(LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString())
                    .append("  connector ").append(status.state()).append(", tasks ")
                    .append(status.tasks().stream().map(ConnectorStatus.TaskStatus::state).toList())
                    .append(", calls finished ").append(done).append('/').append(total);
            session.topicRecordCounts().forEach((topic, n) -> line.append(", ").append(topic).append(": ")
                    .append(n));
            System.out.println(line);
            status.firstFailedTask().ifPresent(t -> System.out.println("Task " + t.id() + " FAILED:\n" + t.trace()));
            return done;
        } catch (RuntimeException e) {
            System.out.println("(progress unavailable: " + e.getMessage() + ")");
            return -1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
