package dev.kafkaconnect.trtc.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What users install, as {@code mvn package} leaves it: the plugin directory ({@code target/plugin/kafka-connect-trtc})
 * and the Confluent Hub zip hold the connector and converter (the classes of {@code src/main/java}) with their runtime
 * libraries only; the simulator and the demo ({@code src/tools/java}) are in the tools jar of {@code target/tools},
 * which starts the simulator with {@code java -jar}.
 */
class PluginPackagingIT {
    /**
     * The runtime libraries of the plugin (artifact names without version). A new runtime dependency is added here on
     * purpose; anything else in lib/ (a test, provided or tools-only library) fails the test.
     */
    private static final Set<String> RUNTIME_LIBRARIES = Set.of("okhttp-jvm", "okio-jvm", "kotlin-stdlib",
            "annotations", "jackson-core", "jackson-databind", "jackson-annotations", "avro", "commons-compress",
            "commons-io", "commons-codec", "commons-lang3");
    /** Libraries a worker provides or only the tests use: never in the plugin. */
    private static final List<String> NEVER_SHIPPED = List.of("kafka", "connect-", "slf4j", "log4j", "junit",
            "assertj", "testcontainers", "apicurio", "jmh", "tencentcloud", "opentest4j", "byte-buddy", "hamcrest");
    private static final String ARTIFACT = "kafka-connect-trtc";
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^-]*(-SNAPSHOT)?(-[a-z]+)?\\.jar");
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "(?m)^(?:public |protected |abstract |final |sealed |non-sealed |static |strictfp )*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");

    private static Path property(String name, String fallback) {
        String value = System.getProperty(name);
        return Path.of(value == null || value.isBlank() ? fallback : value);
    }

    private static final Path PROJECT = property("trtc.project.dir", ".");
    private static final Path PLUGIN_DIR = property("trtc.plugin.dir", "target/plugin/" + ARTIFACT);
    private static final Path TOOLS_DIR = property("trtc.tools.dir", "target/tools");

    @Test
    void pluginDirectoryHoldsThePluginJarAndItsRuntimeLibrariesOnly() throws IOException {
        assertThat(PLUGIN_DIR).as("run mvn package first").isDirectory();
        List<String> files = list(PLUGIN_DIR);
        assertThat(files).allMatch(f -> f.endsWith(".jar"), "only jars");
        assertThat(files).filteredOn(f -> f.startsWith(ARTIFACT)).singleElement()
                .satisfies(f -> assertThat(f).doesNotContain("-tools"));
        assertLibraries(files);
        assertPluginClasses(classesOf(Files.readAllBytes(pluginJar(PLUGIN_DIR, files))));
    }

    @Test
    void hubZipHoldsTheSamePluginAsTheDirectory() throws IOException {
        Path zipFile = hubZip();
        String base = zipFile.getFileName().toString().replaceAll("\\.zip$", "") + "/";
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).toList();
            assertThat(names).allMatch(n -> n.startsWith(base), "under " + base);
            assertThat(names).contains(base + "manifest.json", base + "doc/README.md");
            if (Files.isRegularFile(PROJECT.resolve("LICENSE"))) {
                assertThat(names).contains(base + "doc/LICENSE");
            }
            assertThat(names).noneMatch(n -> n.contains("-tools") || n.endsWith(".class"));
            List<String> lib = names.stream().filter(n -> n.startsWith(base + "lib/"))
                    .map(n -> n.substring((base + "lib/").length())).sorted().toList();
            assertThat(lib).as("lib/ of the zip and the plugin directory").isEqualTo(list(PLUGIN_DIR));
            assertLibraries(lib);
            String jar = lib.stream().filter(n -> n.startsWith(ARTIFACT)).findFirst().orElseThrow();
            byte[] bytes;
            try (InputStream in = zip.getInputStream(zip.getEntry(base + "lib/" + jar))) {
                bytes = in.readAllBytes();
            }
            Set<String> classes = classesOf(bytes);
            assertPluginClasses(classes);
            assertThat(classes).isEqualTo(classesOf(Files.readAllBytes(PLUGIN_DIR.resolve(jar))));
        }
    }

    @Test
    void toolsJarHoldsTheSimulatorAndTheDemoAndNamesItsClasspath() throws IOException {
        Path toolsJar = toolsJar();
        Set<String> toolsPackages = packagesUnder(PROJECT.resolve("src/tools/java"));
        assertThat(toolsPackages).contains("dev/kafkaconnect/trtc/simulator", "dev/kafkaconnect/trtc/demo");
        Set<String> classes = classesOf(Files.readAllBytes(toolsJar));
        assertThat(classes).contains("dev/kafkaconnect/trtc/simulator/SimulatorMain.class",
                "dev/kafkaconnect/trtc/demo/TrtcDemo.class");
        assertThat(classes).allSatisfy(c -> assertThat(toolsPackages).contains(packageOf(c)));
        try (JarFile jar = new JarFile(toolsJar.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS))
                    .isEqualTo("dev.kafkaconnect.trtc.simulator.SimulatorMain");
            List<String> classPath = List.of(main.getValue(Attributes.Name.CLASS_PATH).trim().split("\\s+"));
            assertThat(classPath).allSatisfy(e -> assertThat(TOOLS_DIR.resolve(e)).isRegularFile());
            assertThat(classPath.stream().map(e -> e.replaceFirst("^lib/", "")).sorted().toList())
                    .as("the tools jar's Class-Path: lib/, the plugin jar and its libraries")
                    .isEqualTo(list(TOOLS_DIR.resolve("lib")))
                    .isEqualTo(list(PLUGIN_DIR));
        }
    }

    @Test
    @Timeout(120)
    void javaDashJarStartsTheSimulator() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process simulator = new ProcessBuilder(java.toString(), "-Xmx128m", "-jar", toolsJar().toString(),
                "--port", "0", "--calls", "1", "--live-calls", "0").redirectErrorStream(true).start();
        try {
            String first = new String(readLine(simulator.getInputStream()), StandardCharsets.UTF_8);
            assertThat(first).matches("TRTC API simulator listening on http://127\\.0\\.0\\.1:\\d+");
        } finally {
            simulator.destroy();
            if (!simulator.waitFor(30, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
    }

    /** Every class is from src/main/java: none from src/tools/java (simulator, demo) or the tests. */
    private static void assertPluginClasses(Set<String> classes) throws IOException {
        Set<String> toolsPackages = packagesUnder(PROJECT.resolve("src/tools/java"));
        assertThat(classes).contains("dev/kafkaconnect/trtc/connector/TrtcSourceConnector.class",
                "dev/kafkaconnect/trtc/converter/RegistryAvroConverter.class");
        assertThat(classes).as("simulator or demo classes in the plugin")
                .noneMatch(c -> toolsPackages.contains(packageOf(c)));
        Set<String> notFromMain = new TreeSet<>();
        for (String c : classes) {
            if (!mainTypes(packageOf(c)).contains(topLevelName(c))) {
                notFromMain.add(c);
            }
        }
        assertThat(notFromMain).as("classes without a source in src/main/java").isEmpty();
    }

    private static void assertLibraries(List<String> jars) {
        assertThat(jars).filteredOn(j -> artifactName(j).equals(ARTIFACT)).hasSize(1);
        for (String jar : jars.stream().filter(j -> !artifactName(j).equals(ARTIFACT)).toList()) {
            String name = artifactName(jar);
            assertThat(NEVER_SHIPPED).as("%s is provided by the worker or test-only", jar)
                    .noneMatch(name::startsWith);
            assertThat(RUNTIME_LIBRARIES).as("%s is not a runtime library of the plugin", jar).contains(name);
        }
    }

    /** Set by Failsafe; else the one kafkaconnect-kafka-connect-trtc-*.zip in target/. */
    private static Path hubZip() throws IOException {
        String configured = System.getProperty("trtc.plugin.zip");
        if (configured != null && !configured.isBlank()) {
            assertThat(Path.of(configured)).as("run mvn package first").isRegularFile();
            return Path.of(configured);
        }
        List<String> zips = list(Path.of("target")).stream()
                .filter(f -> f.startsWith("kafkaconnect-" + ARTIFACT + "-") && f.endsWith(".zip")).toList();
        assertThat(zips).as("run mvn package first").hasSize(1);
        return Path.of("target", zips.get(0));
    }

    private static Path toolsJar() throws IOException {
        assertThat(TOOLS_DIR).as("run mvn package first").isDirectory();
        List<String> jars = list(TOOLS_DIR).stream().filter(f -> f.endsWith("-tools.jar")).toList();
        assertThat(jars).singleElement().satisfies(j -> assertThat(j).startsWith(ARTIFACT + "-"));
        return TOOLS_DIR.resolve(jars.get(0));
    }

    private static Path pluginJar(Path dir, List<String> files) {
        return dir.resolve(files.stream().filter(f -> f.startsWith(ARTIFACT)).findFirst().orElseThrow());
    }

    private static String artifactName(String jar) {
        Matcher m = VERSIONED_JAR.matcher(jar);
        assertThat(m.matches()).as("versioned jar name: %s", jar).isTrue();
        return m.group(1);
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Set<String> classesOf(byte[] jar) throws IOException {
        Set<String> classes = new TreeSet<>();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (e.getName().endsWith(".class")) {
                    classes.add(e.getName());
                }
            }
        }
        return classes;
    }

    private static String packageOf(String classFile) {
        return classFile.substring(0, Math.max(0, classFile.lastIndexOf('/')));
    }

    private static String topLevelName(String classFile) {
        String simple = classFile.substring(classFile.lastIndexOf('/') + 1).replaceFirst("\\.class$", "");
        int nested = simple.indexOf('$');
        return nested < 0 ? simple : simple.substring(0, nested);
    }

    /** The package directories (a/b/c) holding .java files under a source root. */
    private static Set<String> packagesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> root.relativize(p.getParent()).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The top-level types declared in a package of src/main/java (file names and further top-level types). */
    private static Set<String> mainTypes(String packageDir) {
        Path dir = PROJECT.resolve("src/main/java").resolve(packageDir);
        Set<String> types = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return types;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                types.add(p.getFileName().toString().replaceFirst("\\.java$", ""));
                Matcher m = TOP_LEVEL_TYPE.matcher(Files.readString(p));
                while (m.find()) {
                    types.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toByteArray();
    }
}
