package dev.kafkaconnect.trtc.bench;

import dev.kafkaconnect.trtc.api.BenchReader;
import dev.kafkaconnect.trtc.api.CallDetailResponse;
import dev.kafkaconnect.trtc.connector.read.BenchPages;
import dev.kafkaconnect.trtc.converter.BenchConverters;
import dev.kafkaconnect.trtc.converter.RegistryAvroConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation = one maximal answer ({@link MaximalAnswer}, 356,400 points, about 11 MB) taken from its bytes to
 * the benchmark's end product. All figures are read as ratios to {@link #parseFloor} from the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResponsePathBench {
    private byte[] body;
    private BenchPages pages;
    private RegistryAvroConverter keyConverter;
    private RegistryAvroConverter valueConverter;
    private List<SourceRecord> built;

    @Setup
    public void setUp() {
        body = MaximalAnswer.bytes();
        pages = new BenchPages(MaximalAnswer.commId(), MaximalAnswer.CALL_START);
        keyConverter = BenchConverters.inMemory(true);
        valueConverter = BenchConverters.inMemory(false);
        built = new ArrayList<>(MaximalAnswer.POINTS);
        pages.records(BenchReader.callDetail(body), built::add);
        // Warm the schema caches: the registry is not the subject.
        SourceRecord first = built.get(0);
        keyConverter.fromConnectData(first.topic(), first.keySchema(), first.key());
        valueConverter.fromConnectData(first.topic(), first.valueSchema(), first.value());
        pages.snapshots(BenchReader.callDetail(body), r -> {
            keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key());
            valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value());
        });
    }

    /** The floor: Jackson's streaming parser summing every Time and Value. */
    @Benchmark
    public double parseFloor() {
        return ParseFloor.sum(body);
    }

    /** The peer: Tencent's SDK parse path (String, Gson error check, Gson model parse). */
    @Benchmark
    public Object sdk() {
        return SdkParse.parse(body);
    }

    /** The client's reader alone: bytes to the parsed answer (primitive arrays). */
    @Benchmark
    public CallDetailResponse reader() {
        return BenchReader.callDetail(body);
    }

    /** The connector: the client's reader, then the task's records, as {@code poll()} hands them over. */
    @Benchmark
    public int connector(Blackhole bh) {
        CallDetailResponse answer = BenchReader.callDetail(body);
        return pages.records(answer, bh::consume);
    }

    /** The connector, then the converter on each record's key and value, as the worker does before producing. */
    @Benchmark
    public int connectorToAvro(Blackhole bh) {
        CallDetailResponse answer = BenchReader.callDetail(body);
        return pages.records(answer, r -> {
            bh.consume(keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key()));
            bh.consume(valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value()));
        });
    }

    /** The wide shape: the client's reader, then one QualitySnapshot per user, direction and time. */
    @Benchmark
    public int snapshotConnector(Blackhole bh) {
        CallDetailResponse answer = BenchReader.callDetail(body);
        return pages.snapshots(answer, bh::consume);
    }

    /** The wide shape through the converter: bytes to Confluent-format Avro key and value. */
    @Benchmark
    public int snapshotToAvro(Blackhole bh) {
        CallDetailResponse answer = BenchReader.callDetail(body);
        return pages.snapshots(answer, r -> {
            bh.consume(keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key()));
            bh.consume(valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value()));
        });
    }

    /** The converter alone over the answer's records, built beforehand: its cost per point. */
    @Benchmark
    public void converter(Blackhole bh) {
        for (SourceRecord r : built) {
            bh.consume(keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key()));
            bh.consume(valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value()));
        }
    }
}
