package dev.kafkaconnect.trtc.e2e;

import dev.kafkaconnect.trtc.demo.KafkaConnectStack;
import dev.kafkaconnect.trtc.demo.WorkerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stacks (broker and worker group) that IT classes of this JVM share, one per set of worker settings (and pool,
 * see {@link E2eStack#sharedAs}): started
 * for the first class that asks, handed to every later class with the same settings, and closed once when the
 * JVM's tests end (through JUnit's root store). Classes sharing a stack must use connector names of their own (a
 * connector keeps its committed offsets in the group after it is deleted): {@link #claimConnectorName} fails a
 * second class that uses a name already taken on the stack.
 */
final class SharedStacks implements ExtensionContext.Store.CloseableResource {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStacks.class);
    /** By pool and worker settings; each entry starts its stack under its own lock, so stacks start side by side. */
    private static final Map<String, Entry> STACKS = new LinkedHashMap<>();
    /** Connector names in use per stack, with the class that took each. */
    private static final Map<KafkaConnectStack, Map<String, String>> NAMES = new HashMap<>();

    private SharedStacks() {
    }

    /** The stack of {@code pool} for {@code settings}, started with {@code start} on first use. */
    static KafkaConnectStack acquire(ExtensionContext context, String pool, WorkerSettings settings,
                                     Supplier<KafkaConnectStack> start) {
        Entry entry;
        synchronized (SharedStacks.class) {
            // Registers the closer once per JVM: the root store closes it after the last test class.
            context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedStacks.class, k -> new SharedStacks(),
                    SharedStacks.class);
            entry = STACKS.computeIfAbsent("pool=" + pool + "|" + key(settings), k -> new Entry());
        }
        synchronized (entry) {
            if (entry.stack == null) {
                // A failed start leaves the entry empty: the next class tries again.
                entry.stack = start.get();
            }
            return entry.stack;
        }
    }

    private static final class Entry {
        private KafkaConnectStack stack;
    }

    /** Records that {@code owner} creates connector {@code name} on {@code stack}; fails if another class did. */
    static synchronized void claimConnectorName(KafkaConnectStack stack, String name, String owner) {
        String previous = NAMES.computeIfAbsent(stack, s -> new HashMap<>()).putIfAbsent(name, owner);
        if (previous != null && !previous.equals(owner)) {
            throw new IllegalStateException("connector name '" + name + "' of " + owner + " is already used by "
                    + previous + " on the shared stack; the group keeps its offsets: choose a name of its own");
        }
    }

    /** Names claimed on {@code stack} by classes other than {@code owner}. */
    static synchronized Set<String> namesOfOthers(KafkaConnectStack stack, String owner) {
        Set<String> out = new HashSet<>();
        NAMES.getOrDefault(stack, Map.of()).forEach((name, by) -> {
            if (!by.equals(owner)) {
                out.add(name);
            }
        });
        return out;
    }

    /** Every setting that makes a worker differ, values included (secrets stay in this JVM). */
    static String key(WorkerSettings s) {
        return "pluginPath=" + s.pluginPath().toAbsolutePath() + "|groupId=" + s.groupId() + "|flushMs="
                + s.offsetFlushIntervalMs() + "|exactlyOnce=" + s.exactlyOnce() + "|properties="
                + new TreeMap<>(s.extra()) + "|jvm=" + s.jvmOptions() + "|environment=" + new TreeMap<>(s.environment())
                + "|javaHome=" + s.javaHome().map(Path::toAbsolutePath).orElse(null);
    }

    @Override
    public void close() {
        closeAll();
    }

    /** Stops every shared stack now, all at once; a later class asking for one starts it again. */
    static void closeAll() {
        List<Entry> entries;
        synchronized (SharedStacks.class) {
            entries = new ArrayList<>(STACKS.values());
            STACKS.clear();
            NAMES.clear();
        }
        List<KafkaConnectStack> stacks = new ArrayList<>();
        for (Entry entry : entries) {
            synchronized (entry) {
                if (entry.stack != null) {
                    stacks.add(entry.stack);
                }
            }
        }
        List<CompletableFuture<Void>> closing = stacks.stream()
                .map(stack -> CompletableFuture.runAsync(stack::close, runnable -> {
                    Thread t = new Thread(runnable, "shared-stack-close");
                    t.start();
                }))
                .toList();
        RuntimeException failure = null;
        for (CompletableFuture<Void> c : closing) {
            try {
                c.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Connector names on {@code stack} now. */
    static Set<String> connectors(KafkaConnectStack stack) {
        return new HashSet<>(stack.rest().connectors());
    }

    /**
     * For a class that checks that no child process is left running: stops the shared stacks before it starts.
     * Register it with {@code @ExtendWith} on a class annotated {@code @Isolated}, which runs alone, after the
     * classes run concurrently.
     */
    static final class NoneRunning implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            closeAll();
        }
    }
}
