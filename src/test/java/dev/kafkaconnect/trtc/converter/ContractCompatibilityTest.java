package dev.kafkaconnect.trtc.converter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kafkaconnect.trtc.records.AvroSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the published contracts: every {@code schemas/*.avsc} must read data written with each released version
 * of it (BACKWARD, what a registry enforces by default), and no released contract may disappear. Released versions
 * are kept under {@code src/test/resources/schemas-released/v<N>/}; add a directory when releasing.
 */
class ContractCompatibilityTest {
    static Stream<Path> releasedContracts() throws IOException, URISyntaxException {
        Path root = Path.of(ContractCompatibilityTest.class.getResource("/schemas-released").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> contracts = files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
            assertThat(contracts).as("released contracts").isNotEmpty();
            return contracts.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("releasedContracts")
    void currentContractReadsDataWrittenWithTheReleasedVersion(Path released) {
        String name = released.getFileName().toString().replace(".avsc", "");
        assertThat(AvroSchemas.ALL).as("released contract %s is still published", name).contains(name);
        Schema writer = parse(released);
        Schema reader = AvroSchemas.load(name);

        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);

        assertThat(result.getType())
                .as("schemas/%s.avsc must stay backward compatible with %s: %s", name, released,
                        result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(reader.getFullName()).as("record name of %s", name).isEqualTo(writer.getFullName());
    }

    /**
     * The wide record gains a field when a metric becomes known (it leaves otherMetrics): that next version must
     * read data written with this one and the other way round (FULL), so producers and consumers upgrade in any
     * order.
     */
    @org.junit.jupiter.api.Test
    void aSnapshotWithOneMoreMetricFieldIsFullyCompatible() {
        Schema current = AvroSchemas.load(AvroSchemas.QUALITY_SNAPSHOT);
        String json = current.toString();
        int otherMetrics = json.indexOf("{\"name\":\"otherMetrics\"");
        assertThat(otherMetrics).isPositive();
        Schema next = new Schema.Parser().parse(json.substring(0, otherMetrics)
                + "{\"name\":\"aJitter\",\"type\":[\"null\",\"double\"],\"default\":null},"
                + json.substring(otherMetrics));
        assertThat(next.getField("aJitter")).isNotNull();

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(next, current).getType())
                .as("next reads current").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, next).getType())
                .as("current reads next").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
