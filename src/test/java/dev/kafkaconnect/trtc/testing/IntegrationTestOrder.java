package dev.kafkaconnect.trtc.testing;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order in which the IT classes are handed to JUnit's parallel executor (the failsafe configuration's
 * {@code junit.jupiter.testclass.order.default}): the threads that steal work take classes from the front of the
 * list, the thread that started them takes them from the back. So the classes that must not overlap any class with a
 * broker or worker running ({@link #FRONT}'s first and {@link #BACK}) start at once, the classes that start no child
 * process follow them at the front, then the long end-to-end classes, longest first; classes not named here come
 * between the two ends. Only the time the run takes depends on this order, never a result: the resource locks the
 * classes declare keep apart what must not overlap.
 */
public final class IntegrationTestOrder implements ClassOrderer {
    static final List<String> FRONT = List.of(
            // Holds the child-process lock: runs while no class with a broker or worker is running.
            "TrtcDemoIT",
            // No child process: these run beside the classes holding the child-process lock.
            "RegistryFailureIT", "DockerStackRehearsalIT", "TrtcSourceTaskSimulatorIT", "DiscoveryIngestionIT",
            "SchemaEvolutionIT", "TrtcSourceTaskThroughputIT", "TrtcApiClientIT", "RegistryAvroConverterIT",
            "TlsVerificationIT", "RejoinResumeIT", "ApicurioConverterInteropIT", "TaskShutdownIT",
            // End-to-end classes, longest first.
            "ResilienceAndScaleIT", "WorkerCrashAtLeastOnceIT", "WorkerCrashExactlyOnceIT",
            "WorkerRebalanceExactlyOnceIT", "WorkerRebalanceAtLeastOnceIT", "ExactDeliveryIT", "WorkerMetricsIT",
            "DiscoveryIT", "ExternalClusterIT", "ConfigProvidersIT", "ConnectorConfigurationIT");
    /** Taken first by the thread that starts the classes; holds the child-process lock too. */
    static final List<String> BACK = List.of("ProcessHarnessIT");

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
        return back >= 0 ? 20_000 + back : 10_000;
    }
}
