package dev.kafkaconnect.trtc.testing;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order in which the IT classes are handed to JUnit's parallel executor (the failsafe configuration's
 * {@code junit.jupiter.testclass.order.default}): the threads that steal work take classes from the front of the
 * list, the thread that started them takes them from the back. The long end-to-end classes come first at the front,
 * those that restart the workers of a shared stack apart from the other class of that stack (they hold its lock, see
 * {@code E2eStack}), so no thread waits for a lock; the classes without brokers or workers go to the back. Classes
 * not named here come between; {@code @Isolated} classes run after all of them whatever their place. Only the time
 * the run takes depends on this order, never a result: the resource locks keep apart what must not overlap.
 */
public final class IntegrationTestOrder implements ClassOrderer {
    /** Taken from the front, in this order. */
    static final List<String> FRONT = List.of(
            // @Isolated, run in this order: the first while the stack it shares is still up.
            "RateBudgetIT", "TrtcDemoIT", "ProcessHarnessIT",
            "ResilienceAndScaleIT", "WorkerCrashAtLeastOnceIT", "WorkerCrashExactlyOnceIT", "ExactDeliveryIT",
            "DiscoveryIT", "WorkerMetricsIT", "StricterReadingsIT", "ExternalClusterIT", "WorkerRebalanceExactlyOnceIT",
            "WorkerRebalanceAtLeastOnceIT", "ConfigProvidersIT", "ConnectorConfigurationIT");
    /** Taken from the back, in this order (the last of the list first). */
    static final List<String> BACK = List.of(
            "RegistryFailureIT", "DockerStackRehearsalIT", "TrtcSourceTaskSimulatorIT", "DiscoveryIngestionIT",
            "SchemaEvolutionIT", "TrtcSourceTaskThroughputIT", "TrtcApiClientIT", "RegistryAvroConverterIT",
            "TlsVerificationIT", "RejoinResumeIT", "ApicurioConverterInteropIT", "TaskShutdownIT");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(d -> rank(d.getTestClass().getSimpleName())));
    }

    private static int rank(String simpleName) {
        int front = FRONT.indexOf(simpleName);
        if (front >= 0) {
            return front;
        }
        int back = BACK.indexOf(simpleName);
        return back >= 0 ? 20_000 - back : 10_000;
    }
}
